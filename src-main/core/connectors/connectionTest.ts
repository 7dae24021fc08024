/**
 * The connection test behind the settings screen's "test" button: each connection step by step, so
 * a failure names exactly the step that failed and what to do.
 */
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';
import type { ConnectionCheck, ConnectTestReport, StockSourceKind } from '../../../src-shared/channels/connect';
import { mask } from '../platform/redact';
import type { IopClient } from './aliexpress/client';
import type { AliExpressMarketplace } from './aliexpress/marketplace';
import type { TongtoolClient } from './tongtool/client';
import type { TongtoolStockSource } from './tongtool/stockSource';
import { ConnectorError } from './retry';
import { businessError } from './aliexpress/errors';

function ok(step: string, said: Bilingual): ConnectionCheck {
  return { step, ok: true, message: said.zh, messageEn: said.en };
}

function fail(step: string, e: unknown): ConnectionCheck {
  if (e instanceof AppError) {
    return {
      step,
      ok: false,
      code: e.code,
      remoteCode: e instanceof ConnectorError ? e.remote.code : undefined,
      message: e.messageZh,
      messageEn: e.messageEn,
    };
  }
  return {
    step,
    ok: false,
    code: 'INTERNAL',
    message: '测试时程序内部出错，请导出日志发给客服。',
    messageEn: 'An internal error happened during the test; export the log and send it to support.',
  };
}

/**
 * Runs one step: its check says what `run` found (`words` says it), or why it failed. Undefined
 * when it failed: each step needs the one before it, so the test stops there.
 */
async function step<T>(
  checks: ConnectionCheck[],
  name: string,
  run: () => Promise<T>,
  words: (found: T) => Bilingual,
): Promise<{ found: T } | undefined> {
  try {
    const found = await run();
    checks.push(ok(name, words(found)));
    return { found };
  } catch (e) {
    checks.push(fail(name, e));
    return undefined;
  }
}

/**
 * AliExpress step by step: keys, token, the fully-managed channel (handed to `onChannel`), one
 * listing page. `open` builds the client; a throw there is the keys step failing.
 */
export async function testAliExpress(
  open: () => Promise<{ client: IopClient; market: AliExpressMarketplace }>,
  onChannel: (channel: NonNullable<ConnectTestReport['aliexpress']['channel']>) => void,
): Promise<ConnectTestReport['aliexpress']> {
  const checks: ConnectionCheck[] = [];
  const out: ConnectTestReport['aliexpress'] = { ok: false, checks, channel: null, listingCount: null };
  const opened = await step(checks, 'keys', open, () => ({ zh: '已填写 App Key 和 App Secret。', en: 'App Key and App Secret are set.' }));
  if (!opened) return out;
  const { client, market } = opened.found;
  if (
    !(await step(
      checks,
      'token',
      () => client.accessToken(),
      () => ({ zh: '店铺授权有效。', en: 'The store authorisation is valid.' }),
    ))
  )
    return out;
  const found = await step(
    checks,
    'channel',
    async () => {
      out.channel = await market.sellerChannel({ fresh: true });
      onChannel(out.channel);
      return out.channel;
    },
    (c) => ({
      zh: `找到全托管渠道 ${c.channel}（${mask(c.channelSellerId)}）。`,
      en: `Found the fully-managed channel ${c.channel} (${mask(c.channelSellerId)}).`,
    }),
  );
  if (!found) return out;
  const channel = found.found;
  const listed = await step(
    checks,
    'listings',
    async () => {
      const body = await client.call<{
        request_id?: string;
        result?: { total_count?: number; success?: boolean; error_code?: string; error_msg?: string };
      }>('aliexpress.choice.products.list', {
        channel_seller_id: channel.channelSellerId,
        channel: channel.channel,
        current_page: 1,
        page_size: 1,
      });
      // A business failure comes back inside result (success false, error_code / error_msg), not as an
      // error_response: without this it would read as "0 products".
      if (body.result?.success === false)
        throw businessError({ code: body.result.error_code, message: body.result.error_msg }, body.request_id);
      out.listingCount = Number(body.result?.total_count ?? 0);
      return out.listingCount;
    },
    (n) => ({ zh: `可以读取全托管商品，共 ${n} 个。`, en: `Fully-managed products can be read: ${n} in all.` }),
  );
  out.ok = listed !== undefined;
  return out;
}

/** The stock source step by step: chosen, keys, token, merchant, warehouses (a file source has nothing to test online). */
export async function testStockSource(
  kind: StockSourceKind | null,
  open: () => Promise<{ client: TongtoolClient; source: TongtoolStockSource }>,
): Promise<ConnectTestReport['stockSource']> {
  const checks: ConnectionCheck[] = [];
  const out: ConnectTestReport['stockSource'] = { ok: false, kind, checks, warehouses: [] };
  if (kind === null) {
    checks.push({
      step: 'source',
      ok: false,
      code: 'NOT_FOUND',
      message: '还没有选择库存来源（通途、文件导入或演示）。',
      messageEn: 'No stock source is chosen yet (Tongtool, file import or demo).',
    });
    return out;
  }
  if (kind === 'file') {
    checks.push(
      ok('file', {
        zh: '库存来源是文件导入，无需联网测试。请定期导入最新库存文件。',
        en: 'Stock comes from file imports; there is nothing to test online. Import the latest stock file regularly.',
      }),
    );
    out.ok = true;
    return out;
  }
  const opened = await step(checks, 'keys', open, () => ({
    zh: '已填写通途 App Key 和 App Secret。',
    en: 'Tongtool App Key and App Secret are set.',
  }));
  if (!opened) return out;
  const { client, source } = opened.found;
  out.ok =
    !!(await step(
      checks,
      'token',
      () => client.appToken(),
      () => ({ zh: '通途令牌获取成功。', en: 'Got a Tongtool token.' }),
    )) &&
    !!(await step(
      checks,
      'merchant',
      () => client.merchantId(),
      (id) => ({ zh: `找到通途商户 ${mask(id)}。`, en: `Found Tongtool merchant ${mask(id)}.` }),
    )) &&
    !!(await step(
      checks,
      'warehouses',
      async () => {
        out.warehouses = await source.listWarehouses();
        return out.warehouses;
      },
      (ws) => ({ zh: `读到 ${ws.length} 个仓库。`, en: `Read ${ws.length} warehouses.` }),
    ));
  return out;
}
