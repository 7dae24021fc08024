/**
 * The connection test behind the settings screen's "test" button: each connection step by step, so
 * a failure names exactly the step that failed and what to do.
 */
import { AppError } from '../../../src-shared/errors';
import type { ConnectionCheck, ConnectTestReport, StockSourceKind } from '../../../src-shared/channels/connect';
import { mask } from '../platform/redact';
import type { IopClient } from './aliexpress/client';
import type { AliExpressMarketplace } from './aliexpress/marketplace';
import type { TongtoolClient } from './tongtool/client';
import type { TongtoolStockSource } from './tongtool/stockSource';
import { ConnectorError } from './retry';
import { businessError } from './aliexpress/errors';

function ok(step: string, message: string, messageEn: string): ConnectionCheck {
  return { step, ok: true, message, messageEn };
}

function fail(step: string, e: unknown): ConnectionCheck {
  if (e instanceof AppError) {
    return { step, ok: false, code: e.code, remoteCode: e instanceof ConnectorError ? e.remote.code : undefined, message: e.messageZh, messageEn: e.messageEn };
  }
  return { step, ok: false, code: 'INTERNAL', message: '测试时程序内部出错，请导出日志发给客服。', messageEn: 'An internal error happened during the test; export the log and send it to support.' };
}

/**
 * Runs one step: its check says what `run` found, or why it failed; false when the test stops here
 * (each step needs the one before it).
 */
async function step(checks: ConnectionCheck[], name: string, run: () => Promise<[zh: string, en: string]>): Promise<boolean> {
  try {
    const [zh, en] = await run();
    checks.push(ok(name, zh, en));
    return true;
  } catch (e) {
    checks.push(fail(name, e));
    return false;
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
  let market!: AliExpressMarketplace;
  let client!: IopClient;
  out.ok =
    (await step(checks, 'keys', async () => {
      ({ client, market } = await open());
      return ['已填写 App Key 和 App Secret。', 'App Key and App Secret are set.'];
    })) &&
    (await step(checks, 'token', async () => {
      await client.accessToken();
      return ['店铺授权有效。', 'The store authorisation is valid.'];
    })) &&
    (await step(checks, 'channel', async () => {
      const channel = await market.sellerChannel({ fresh: true });
      out.channel = channel;
      onChannel(channel);
      return [`找到全托管渠道 ${channel.channel}（${mask(channel.channelSellerId)}）。`, `Found the fully-managed channel ${channel.channel} (${mask(channel.channelSellerId)}).`];
    })) &&
    (await step(checks, 'listings', async () => {
      const channel = out.channel!;
      const body = await client.call<{ request_id?: string; result?: { total_count?: number; success?: boolean; error_code?: string; error_msg?: string } }>('aliexpress.choice.products.list', {
        channel_seller_id: channel.channelSellerId,
        channel: channel.channel,
        current_page: 1,
        page_size: 1,
      });
      // A business failure comes back inside result (success false, error_code / error_msg), not as an
      // error_response: without this it would read as "0 products".
      if (body.result?.success === false) throw businessError({ code: body.result.error_code, message: body.result.error_msg }, body.request_id);
      out.listingCount = Number(body.result?.total_count ?? 0);
      return [`可以读取全托管商品，共 ${out.listingCount} 个。`, `Fully-managed products can be read: ${out.listingCount} in all.`];
    }));
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
    checks.push({ step: 'source', ok: false, code: 'NOT_FOUND', message: '还没有选择库存来源（通途、文件导入或演示）。', messageEn: 'No stock source is chosen yet (Tongtool, file import or demo).' });
    return out;
  }
  if (kind === 'file') {
    checks.push(ok('file', '库存来源是文件导入，无需联网测试。请定期导入最新库存文件。', 'Stock comes from file imports; there is nothing to test online. Import the latest stock file regularly.'));
    out.ok = true;
    return out;
  }
  let client!: TongtoolClient;
  let source!: TongtoolStockSource;
  out.ok =
    (await step(checks, 'keys', async () => {
      ({ client, source } = await open());
      return ['已填写通途 App Key 和 App Secret。', 'Tongtool App Key and App Secret are set.'];
    })) &&
    (await step(checks, 'token', async () => {
      await client.appToken();
      return ['通途令牌获取成功。', 'Got a Tongtool token.'];
    })) &&
    (await step(checks, 'merchant', async () => {
      const id = await client.merchantId();
      return [`找到通途商户 ${mask(id)}。`, `Found Tongtool merchant ${mask(id)}.`];
    })) &&
    (await step(checks, 'warehouses', async () => {
      out.warehouses = await source.listWarehouses();
      return [`读到 ${out.warehouses.length} 个仓库。`, `Read ${out.warehouses.length} warehouses.`];
    }));
  return out;
}
