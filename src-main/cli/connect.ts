/**
 * `connect status`, `connect test` and `demo`: the connections from a terminal, through the same
 * contract channels as the settings screen.
 */
import type { Command } from 'commander';
import { call, runCommand, type GlobalOptions } from './run';
import type { ConnectTestReport, ConnectStatus } from '../../src-shared/channels/connect';

function reportText(r: ConnectTestReport): string {
  const lines = [`${r.ok ? '✔ 连接正常 All connections OK' : '✘ 连接有问题 Something failed'} (${r.mode === 'demo' ? '演示模式 demo' : '正式 live'})`];
  const block = (title: string, checks: ConnectTestReport['aliexpress']['checks']) => {
    lines.push(title);
    for (const c of checks) lines.push(`  ${c.ok ? '✔' : '✘'} [${c.step}] ${c.message}${c.ok ? '' : `\n      ${c.messageEn}${c.code ? ` (${c.code}${c.remoteCode ? `/${c.remoteCode}` : ''})` : ''}`}`);
  };
  block('速卖通 AliExpress:', r.aliexpress.checks);
  block(`库存来源 Stock source (${r.stockSource.kind ?? '未设置 none'}):`, r.stockSource.checks);
  for (const w of r.stockSource.warehouses) lines.push(`    仓库 ${JSON.stringify(w.name)} (${w.id})${w.active ? '' : ' 停用 inactive'}`);
  return lines.join('\n');
}

function statusText(s: ConnectStatus): string {
  return [
    `模式 Mode: ${s.mode}`,
    `速卖通 AliExpress: ${s.aliexpress.configured ? `App Key ${s.aliexpress.appKeyMasked}` : '未设置 not set'}, ${s.aliexpress.authorized ? `已授权 authorised, token → ${s.aliexpress.tokenExpiresAt ?? '?'}` : '未授权 not authorised'}`,
    `  全托管渠道 Channel: ${s.aliexpress.channel ? `${s.aliexpress.channel.channel} ${s.aliexpress.channel.channelSellerId}` : '未找到 not found yet'}`,
    `库存来源 Stock source: ${s.stockSource.kind ?? '未设置 not set'}${s.stockSource.tongtool.configured ? `, 通途 App Key ${s.stockSource.tongtool.appKeyMasked}` : ''}`,
    `密钥存放 Secrets: ${s.secretStore.location}${s.secretStore.encrypted ? '' : ' (开发用，未加密 development store, not encrypted)'}`,
  ].join('\n');
}

export function registerConnect(program: Command): void {
  const connect = program.command('connect').description('速卖通和库存来源的连接 / connections to AliExpress and the stock source');
  connect
    .command('status')
    .description('连接状态（密钥只显示遮挡后的形式）/ connection status (keys masked)')
    .action(async (_o, cmd: Command) => {
      await runCommand(cmd.optsWithGlobals<GlobalOptions>(), (app) => call(app, 'connect.status', {}), statusText);
    });
  connect
    .command('test')
    .description('逐步测试两个连接，说明哪一步失败 / test both connections step by step and say what failed')
    .action(async (_o, cmd: Command) => {
      let failed = false;
      await runCommand(
        cmd.optsWithGlobals<GlobalOptions>(),
        async (app) => {
          const r = await call(app, 'connect.test', {});
          failed = !r.ok;
          return r;
        },
        reportText,
      );
      if (failed && !process.exitCode) process.exitCode = 1;
    });

  program
    .command('demo')
    .description('启用演示店铺和演示库存来源（可重复，同一种子得到同一店铺）/ seed the demo store and stock source (same seed, same store)')
    .option('--size <n>', 'SKU 数量 1000 | 10000 | 100000', '1000')
    .option('--seed <n>', '随机种子 / seed')
    .option('--quota <n>', '演示通途每分钟调用次数 / demo Tongtool calls a minute')
    .option('--review <mode>', '解绑审核方式 instant | review | refuse')
    .action(async (o: { size: string; seed?: string; quota?: string; review?: string }, cmd: Command) => {
      await runCommand(
        cmd.optsWithGlobals<GlobalOptions>(),
        async (app) => {
          const status = await call(app, 'connect.useDemo', {
            size: Number(o.size) as 1000,
            seed: o.seed === undefined ? undefined : Number(o.seed),
            quotaPerMinute: o.quota === undefined ? undefined : Number(o.quota),
            reviewMode: o.review as 'instant' | 'review' | 'refuse' | undefined,
          });
          const test = await call(app, 'connect.test', {});
          return { status, test };
        },
        ({ status, test }) => [`演示店铺已启用 Demo store on: ${status.demo?.size} SKU, seed ${status.demo?.seed}`, reportText(test)].join('\n'),
      );
    });
}
