/**
 * The probe's steps: the smallest read of each call the app makes, in the order a first sync makes
 * them (relations, one product page, warehouses, one stock page, one change page, one goods page).
 * Nothing here writes to AliExpress or Tongtool.
 */
import type { App } from '../../app';
import type { ProbeReport } from '../../../../src-shared/channels/connect';
import { AppError } from '../../../../src-shared/errors';
import { AE_RESPONSE_SCHEMAS, unwrapResponse } from '../aliexpress/schemas';
import { businessError } from '../aliexpress/errors';
import { TT_ROW_SCHEMAS, ttBodySchema } from '../tongtool/schemas';
import { ttDate } from '../tongtool/client';
import { connectors } from '../service';
import { runProbe, type ProbeStep } from './runProbe';

/** How far back the one change page looks: recent enough to be small, long enough to see a change. */
const CHANGES_WINDOW_MS = 24 * 3600_000;

function cannot(e: unknown): { message: string; messageEn: string } {
  return e instanceof AppError
    ? { message: `未检查：${e.messageZh}`, messageEn: `Not checked: ${e.messageEn}` }
    : { message: '未检查：连接未设置。', messageEn: 'Not checked: the connection is not set up.' };
}

/**
 * An AliExpress business failure: `result.success` false with the call's own error fields
 * (error_code/error_msg, or err_code/err_message). It answered, but with no data: a failed step
 * naming the platform's code and words, never "answered" with zero rows.
 */
function throwBusinessFailure(body: unknown): void {
  const r = (body as { result?: Record<string, unknown> } | null)?.result;
  if (!r || typeof r !== 'object' || r.success !== false) return;
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const requestId = text((body as { request_id?: unknown }).request_id);
  throw businessError({ code: text(r.error_code ?? r.err_code), message: text(r.error_msg ?? r.err_message) }, requestId);
}

export async function probeConnections(app: App): Promise<ProbeReport> {
  const svc = connectors(app);
  const targets = await svc.probeTargets();
  const steps: ProbeStep[] = [];

  const ae = 'error' in targets.ae ? null : targets.ae;
  const aeSkip = 'error' in targets.ae ? cannot(targets.ae.error) : undefined;
  const relations = 'global.seller.relation.query';
  const products = 'aliexpress.choice.products.list';
  steps.push({
    system: 'aliexpress',
    call: relations,
    schema: AE_RESPONSE_SCHEMAS[relations],
    skip: aeSkip,
    read: async () => unwrapResponse(relations, await ae!.client.callRaw(relations)),
  });
  steps.push({
    system: 'aliexpress',
    call: products,
    schema: AE_RESPONSE_SCHEMAS[products],
    skip: aeSkip,
    read: async () => {
      const ch = await ae!.market.sellerChannel();
      const body = unwrapResponse(
        products,
        await ae!.client.callRaw(products, { channel_seller_id: ch.channelSellerId, channel: ch.channel, current_page: 1, page_size: 1 }),
      );
      throwBusinessFailure(body);
      return body;
    },
  });

  const tt = 'client' in targets.tt ? targets.tt : null;
  const ttSkip =
    'error' in targets.tt
      ? cannot(targets.tt.error)
      : 'kind' in targets.tt
        ? targets.tt.kind === 'file'
          ? {
              message: '未检查：库存来源是文件导入，不调用通途接口。',
              messageEn: 'Not checked: stock comes from file imports, Tongtool is not called.',
            }
          : { message: '未检查：还没有设置库存来源。', messageEn: 'Not checked: no stock source is set.' }
        : undefined;
  let firstWarehouse: string | null = null;
  const ttStep = (call: keyof typeof TT_ROW_SCHEMAS, body: () => Record<string, unknown>): ProbeStep => ({
    system: 'tongtool',
    call,
    // A Tongtool call's whole answer: the envelope, and its page of rows in `datas`.
    schema: ttBodySchema(call, body()),
    skip: ttSkip,
    read: async () => {
      const raw = await tt!.client.callRaw(call, body());
      if (call === 'warehouseQuery') {
        const rows = (raw.datas as { array?: { warehouseName?: unknown }[] } | null)?.array;
        const name = rows?.find((r) => typeof r.warehouseName === 'string')?.warehouseName;
        firstWarehouse = typeof name === 'string' ? name : null;
      }
      return raw;
    },
  });
  steps.push(ttStep('warehouseQuery', () => ({ pageNo: 1, pageSize: 100 })));
  steps.push(ttStep('stocksQuery', () => ({ warehouseName: '', pageNo: 1, pageSize: 1 })));
  const changes = ttStep('stocksChangeQuery', () => ({
    warehouseName: firstWarehouse ?? '',
    updatedDateFrom: ttDate(app.clock.now() - CHANGES_WINDOW_MS),
    pageNo: 1,
    pageSize: 1,
  }));
  steps.push({
    ...changes,
    read: () => {
      if (!firstWarehouse)
        throw new AppError(
          'NOT_FOUND',
          '通途没有返回任何仓库，无法查询库存变化。',
          'Tongtool returned no warehouse, so stock changes cannot be asked for.',
        );
      return changes.read();
    },
  });
  steps.push(ttStep('goodsQuery', () => ({ productType: '1', pageNo: 1, pageSize: 1 })));

  return runProbe(steps, { mode: svc.mode, now: () => app.clock.now(), dataDir: app.dataDir });
}
