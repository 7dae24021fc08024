/**
 * `connect …` and `demo`: the connections from a terminal, through the same contract channels as the
 * settings screen, so support can set a live store up end to end: keys, authorisation, stock source,
 * test.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { appAction, call, failUnlessOk } from './run';
import type { App } from '../core/app';
import { AppError } from '../../src-shared/errors';
import type { ConnectTestReport, ConnectStatus, ProbeReport } from '../../src-shared/channels/connect';

function reportText(r: ConnectTestReport): string {
  const lines = [
    `${r.ok ? '✔ 连接正常 All connections OK' : '✘ 连接有问题 Something failed'} (${r.mode === 'demo' ? '演示模式 demo' : '正式 live'})`,
  ];
  const block = (title: string, checks: ConnectTestReport['aliexpress']['checks']) => {
    lines.push(title);
    for (const c of checks)
      lines.push(
        `  ${c.ok ? '✔' : '✘'} [${c.step}] ${c.message}${c.ok ? '' : `\n      ${c.messageEn}${c.code ? ` (${c.code}${c.remoteCode ? `/${c.remoteCode}` : ''})` : ''}`}`,
      );
  };
  block('速卖通 AliExpress:', r.aliexpress.checks);
  block(`库存来源 Stock source (${r.stockSource.kind ?? '未设置 none'}):`, r.stockSource.checks);
  for (const w of r.stockSource.warehouses) lines.push(`    仓库 ${JSON.stringify(w.name)} (${w.id})${w.active ? '' : ' 停用 inactive'}`);
  if (r.probe)
    lines.push(
      '',
      '第一次连接成功后，已自动检查一次真实接口（只读）After the first successful connection the real APIs were checked once (reads only):',
      probeText(r.probe),
    );
  return lines.join('\n');
}

const OUTCOME = {
  answered: '✔ 正常 answered',
  differs: '✘ 与文档不一致 differs',
  failed: '✘ 失败 failed',
  skipped: '– 未检查 skipped',
} as const;

function probeText(r: ProbeReport): string {
  const lines = [
    `${r.ok ? '✔ 所有接口都按文档返回 Every call answered as documented' : '✘ 有接口与文档不一致或失败 Some calls differ or failed'} (${r.mode === 'demo' ? '演示模式 demo' : '正式 live'})`,
  ];
  for (const c of r.calls) {
    lines.push(`${OUTCOME[c.outcome]}  [${c.system}] ${c.call}${c.outcome === 'skipped' ? '' : ` (${c.ms} ms)`}`);
    lines.push(`    ${c.message}`, `    ${c.messageEn}${c.code ? ` (${c.code}${c.remoteCode ? `/${c.remoteCode}` : ''})` : ''}`);
    if (c.fields.length) lines.push(`    返回的字段 Fields returned (${c.fields.length}): ${c.fields.join(', ')}`);
    if (c.missingRequired.length) lines.push(`    缺少（必需）Missing, needed: ${c.missingRequired.join(', ')}`);
    const optional = c.missing.filter((m) => !c.missingRequired.includes(m));
    if (optional.length) lines.push(`    没有返回（可选）Not sent, optional: ${optional.join(', ')}`);
    if (c.unknown.length) lines.push(`    文档外字段 Undocumented: ${c.unknown.join(', ')}`);
  }
  if (r.samplePath) lines.push(`已保存脱敏样本（可发给客服）Redacted sample saved for support: ${r.samplePath}`);
  return lines.join('\n');
}

function statusText(s: ConnectStatus): string {
  return [
    `模式 Mode: ${s.mode}`,
    `速卖通 AliExpress: ${s.aliexpress.configured ? `App Key ${s.aliexpress.appKeyMasked}` : '未设置 not set'}, ${s.aliexpress.authorized ? `已授权 authorised, token → ${s.aliexpress.tokenExpiresAt ?? '?'}` : '未授权 not authorised'}`,
    `  全托管渠道 Channel: ${s.aliexpress.channel ? `${s.aliexpress.channel.channel} ${s.aliexpress.channel.channelSellerId}` : '未找到 not found yet'}`,
    `库存来源 Stock source: ${s.stockSource.kind ?? '未设置 not set'}${s.stockSource.tongtool.configured ? `, 通途 App Key ${s.stockSource.tongtool.appKeyMasked}` : ''}`,
    `密钥存放 Secrets: ${s.secretStore.location}${s.secretStore.encrypted ? '' : ' (开发用，未加密 development store, not encrypted)'}`,
    ...(s.lastProbe
      ? [`上次检查真实接口 Last probe: ${s.lastProbe.at} ${s.lastProbe.ok ? '✔ 正常 OK' : '✘ 有问题 differs or failed'}`]
      : []),
  ].join('\n');
}

/** `-` reads the value from standard input, so a secret need not sit in the shell history. */
function secretArg(v: string): string {
  return v === '-' ? readFileSync(0, 'utf8').trim() : v;
}

/** Saving a system's App Key / App Secret (the secret may come from stdin), then the connection status. */
function saveKeys<O>(save: (app: App, keys: { appKey: string; appSecret: string }, o: O) => Promise<ConnectStatus>) {
  return appAction(
    (app, o: O & { appKey: string; appSecret: string }) => save(app, { appKey: o.appKey, appSecret: secretArg(o.appSecret) }, o),
    (s) => `已保存 Saved.\n${statusText(s)}`,
  );
}

export function registerConnect(program: Command): void {
  const connect = program.command('connect').description('速卖通和库存来源的连接 / connections to AliExpress and the stock source');
  connect
    .command('aliexpress')
    .description(
      '保存速卖通 App Key / App Secret（换了 App Key 需要重新授权）/ save the AliExpress app keys (a new key needs a new authorisation)',
    )
    .requiredOption('--app-key <key>', 'App Key')
    .requiredOption('--app-secret <secret>', 'App Secret（写 - 从标准输入读取 / - reads it from stdin）')
    .option('--gateway <url>', `开放平台网关 / IOP gateway (default https://api-sg.aliexpress.com)`)
    .action(saveKeys((app, keys, o: { gateway?: string }) => call(app, 'connect.saveAliExpress', { ...keys, gatewayUrl: o.gateway })));
  connect
    .command('authorize-url')
    .description(
      '生成店铺授权链接（在浏览器打开，登录店铺后复制回调里的 code）/ the link that authorises the store (open it, then copy the code from the callback)',
    )
    .requiredOption('--redirect <url>', '应用登记的回调地址 / the callback URL registered for the app')
    .action(
      appAction(
        (app, o: { redirect: string }) => call(app, 'connect.authorizeUrl', { redirectUri: o.redirect }),
        (r) => `请在浏览器打开 Open in a browser:\n${r.url}\nstate: ${r.state}（30 分钟内有效 valid for 30 minutes）`,
      ),
    );
  connect
    .command('authorize')
    .description(
      '用授权回调里的 code 完成店铺授权，并找到全托管渠道 / finish the authorisation with the code from the callback and find the fully-managed channel',
    )
    .requiredOption('--code <code>', '回调里的 code / the code from the callback')
    .option(
      '--state <state>',
      '回调里的 state（用 authorize-url 生成时请填写）/ the state from the callback (give it when the link came from authorize-url)',
    )
    .action(
      appAction(
        (app, o: { code: string; state?: string }) => call(app, 'connect.exchangeCode', { code: o.code, state: o.state }),
        (s) => `已授权 Authorised.\n${statusText(s)}`,
      ),
    );
  connect
    .command('tongtool')
    .description('保存通途 App Key / App Secret，并把库存来源设为通途 / save the Tongtool app keys and use Tongtool as the stock source')
    .requiredOption('--app-key <key>', 'App Key（accessKey）')
    .requiredOption('--app-secret <secret>', 'App Secret（secretAccessKey；写 - 从标准输入读取 / - reads it from stdin）')
    .option('--base-url <url>', '通途开放平台地址 / Tongtool open API base (default https://open.tongtool.com)')
    .action(saveKeys((app, keys, o: { baseUrl?: string }) => call(app, 'connect.saveTongtool', { ...keys, baseUrl: o.baseUrl })));
  connect
    .command('source <kind>')
    .description('库存来源：tongtool（通途接口）或 file（导入库存文件）/ the stock source: tongtool (its API) or file (stock file imports)')
    .action(
      appAction(
        async (app, kind: string) => {
          // On the command line the seller types the value itself, so the refusal says which ones there are.
          if (kind !== 'tongtool' && kind !== 'file') {
            throw new AppError(
              'BAD_INPUT',
              `库存来源只能是 tongtool（通途接口）或 file（导入库存文件），不是“${kind}”。`,
              `The stock source is tongtool (its API) or file (stock file imports), not "${kind}".`,
            );
          }
          return call(app, 'connect.setStockSource', { kind });
        },
        (s) => `库存来源已设为 Stock source set: ${s.stockSource.kind ?? '-'}\n${statusText(s)}`,
      ),
    );
  connect
    .command('status')
    .description('连接状态（密钥只显示遮挡后的形式）/ connection status (keys masked)')
    .action(appAction((app) => call(app, 'connect.status', {}), statusText));
  connect
    .command('test')
    .description('逐步测试两个连接，说明哪一步失败 / test both connections step by step and say what failed')
    .action(appAction(async (app) => failUnlessOk(await call(app, 'connect.test', {})), reportText));

  connect
    .command('probe')
    .description(
      '只读检查真实接口：每个接口读最小的一页，列出返回的、缺少的和文档外的字段，不写入任何数据 / read-only check of the real APIs: the smallest read of each call, listing fields returned, missing and undocumented; writes nothing',
    )
    .action(appAction(async (app) => failUnlessOk(await call(app, 'connect.probe', {})), probeText));

  program
    .command('demo')
    .description('启用演示店铺和演示库存来源（可重复，同一种子得到同一店铺）/ seed the demo store and stock source (same seed, same store)')
    .option('--size <n>', 'SKU 数量 1000 | 10000 | 100000', '1000')
    .option('--seed <n>', '随机种子 / seed')
    .option('--quota <n>', '演示通途每分钟调用次数 / demo Tongtool calls a minute')
    .option('--review <mode>', '解绑审核方式 instant | review | refuse')
    .action(
      appAction(
        async (app, o: { size: string; seed?: string; quota?: string; review?: string }) => {
          const status = await call(app, 'connect.useDemo', {
            size: Number(o.size) as 1000,
            seed: o.seed === undefined ? undefined : Number(o.seed),
            quotaPerMinute: o.quota === undefined ? undefined : Number(o.quota),
            reviewMode: o.review as 'instant' | 'review' | 'refuse' | undefined,
          });
          const test = await call(app, 'connect.test', {});
          return { status, test };
        },
        ({ status, test }) =>
          [`演示店铺已启用 Demo store on: ${status.demo?.size} SKU, seed ${status.demo?.seed}`, reportText(test)].join('\n'),
      ),
    );
}
