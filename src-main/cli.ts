/**
 * The same core from a terminal: `npm run cli -- <command> [--data DIR] [--json]`.
 * Each domain registers its own commands.
 */
import { Command, CommanderError } from 'commander';
import { registerInfo } from './cli/info';
import { registerAuto } from './cli/auto';
import { registerConnect } from './cli/connect';
import { registerDeposit } from './cli/deposit';
import { registerExit } from './cli/exit';
import { registerStock } from './cli/stock';
import { version } from '../package.json';

export function buildProgram(): Command {
  const program = new Command()
    .name('cli')
    .description('全托管卖家助手 命令行 / Choice Seller Desk command line')
    .version(version)
    .option('--data <dir>', '数据文件夹 / data folder (default: the app data folder)')
    .option('--json', '输出一个 JSON 文档 / print one JSON document on stdout')
    .showHelpAfterError('（加 --help 查看用法 / add --help for usage）');
  registerInfo(program);
  registerAuto(program);
  registerConnect(program);
  registerDeposit(program);
  registerExit(program);
  registerStock(program);
  return program;
}

buildProgram()
  .exitOverride()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; a mistyped command or option is bad input.
      process.exitCode = err.exitCode === 0 ? 0 : 1;
      return;
    }
    process.stderr.write(`内部错误 Internal error: ${String(err)}\n`);
    process.exitCode = 2;
  });
