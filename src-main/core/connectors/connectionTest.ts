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
 * AliExpress step by step: keys, token, the fully-managed channel (handed to `onChannel`), one
 * listing page. `open` builds the client; a throw there is the keys step failing.
 */
export async function testAliExpress(
  open: () => Promise<{ client: IopClient; market: AliExpressMarketplace }>,
  onChannel: (channel: NonNullable<ConnectTestReport['aliexpress']['channel']>) => void,
): Promise<ConnectTestReport['aliexpress']> {
  const checks: ConnectionCheck[] = [];
  const out: ConnectTestReport['aliexpress'] = { ok: false, checks, channel: null, listingCount: null };
  let market: AliExpressMarketplace;
  let client: IopClient;
  try {
    ({ client, market } = await open());
    checks.push(ok('keys', '已填写 App Key 和 App Secret。', 'App Key and App Secret are set.'));
  } catch (e) {
    checks.push(fail('keys', e));
    return out;
  }
  try {
    await client.accessToken();
    checks.push(ok('token', '店铺授权有效。', 'The store authorisation is valid.'));
  } catch (e) {
    checks.push(fail('token', e));
    return out;
  }
  try {
    out.channel = await market.sellerChannel({ fresh: true });
    checks.push(ok('channel', `找到全托管渠道 ${out.channel.channel}（${mask(out.channel.channelSellerId)}）。`, `Found the fully-managed channel ${out.channel.channel} (${mask(out.channel.channelSellerId)}).`));
    onChannel(out.channel);
  } catch (e) {
    checks.push(fail('channel', e));
    return out;
  }
  try {
    const body = await client.call<{ request_id?: string; result?: { total_count?: number; success?: boolean; error_code?: string; error_msg?: string } }>('aliexpress.choice.products.list', {
      channel_seller_id: out.channel.channelSellerId,
      channel: out.channel.channel,
      current_page: 1,
      page_size: 1,
    });
    // A business failure comes back inside result (success false, error_code / error_msg), not as an
    // error_response: without this it would read as "0 products".
    if (body.result?.success === false) throw businessError({ code: body.result.error_code, message: body.result.error_msg }, body.request_id);
    out.listingCount = Number(body.result?.total_count ?? 0);
    checks.push(ok('listings', `可以读取全托管商品，共 ${out.listingCount} 个。`, `Fully-managed products can be read: ${out.listingCount} in all.`));
  } catch (e) {
    checks.push(fail('listings', e));
    return out;
  }
  out.ok = true;
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
  let client: TongtoolClient;
  let source: TongtoolStockSource;
  try {
    ({ client, source } = await open());
    checks.push(ok('keys', '已填写通途 App Key 和 App Secret。', 'Tongtool App Key and App Secret are set.'));
  } catch (e) {
    checks.push(fail('keys', e));
    return out;
  }
  try {
    await client.appToken();
    checks.push(ok('token', '通途令牌获取成功。', 'Got a Tongtool token.'));
  } catch (e) {
    checks.push(fail('token', e));
    return out;
  }
  try {
    const id = await client.merchantId();
    checks.push(ok('merchant', `找到通途商户 ${mask(id)}。`, `Found Tongtool merchant ${mask(id)}.`));
  } catch (e) {
    checks.push(fail('merchant', e));
    return out;
  }
  try {
    out.warehouses = await source.listWarehouses();
    checks.push(ok('warehouses', `读到 ${out.warehouses.length} 个仓库。`, `Read ${out.warehouses.length} warehouses.`));
  } catch (e) {
    checks.push(fail('warehouses', e));
    return out;
  }
  out.ok = true;
  return out;
}
