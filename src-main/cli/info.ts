import type { Command } from 'commander';
import { appAction, call } from './run';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('版本、数据文件夹、数据版本和已保存的数据 / version, data folder, schema version, stored data')
    .action(
      appAction(
        (app) => call(app, 'app.info', {}),
        (info) =>
          [
            `${info.name} ${info.version}`,
            `数据文件夹 Data folder: ${info.dataDir}`,
            `数据库 Database: ${info.dbFile} (数据版本 schema v${info.schemaVersion})`,
            `最近备份 Last backup: ${info.lastBackup ?? '暂无 none yet'}`,
            // The seller's words, as the help screen lists them; table names are in --json for support.
            '已保存的数据（条数） Stored data (records):',
            ...info.stored.map((s) => `  ${String(s.rows).padStart(8)}  ${s.what.zh} / ${s.what.en}`),
          ].join('\n'),
      ),
    );
}
