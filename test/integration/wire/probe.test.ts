/**
 * The read-only live probe: against an independent wire-only server every call answers as
 * documented and nothing is written; a field the platform renames is named as missing and
 * unknown; the sample saved for support masks what identifies the seller.
 */
import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { createApp, type App } from '../../../src-main/core/app';
import { tempDir } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { WireServer } from '../../helpers/wireServer';

const AE = {
  appKey: '502345',
  appSecret: 'probe-ae-secret-1a2b3c',
  code: '3_502345_probeCode',
  channelSellerId: '30000012345678907',
  sellerId: '2200000123456781',
};
const TT = { accessKey: 'probe-tt-access', secretAccessKey: 'probe-tt-secret-4d5e6f', merchantId: '0007654321' };
const SKU_ID = '12000023995222161';

describe('connect.probe: what the real APIs answer, field by field, without writing', () => {
  let clock: ManualClock;
  let app: App;
  let wire: WireServer;

  beforeEach(async () => {
    clock = new ManualClock(Date.parse('2026-11-20T03:00:00Z'));
    wire = await new WireServer({
      now: () => clock.now(),
      ae: AE,
      tt: TT,
      products: [
        {
          productId: '1005006285123457',
          title: '纯棉T恤 男款 红色',
          productType: '0',
          skus: [{ skuId: SKU_ID, sellerSku: 'TS-RED-M', scItemId: '90000000000123461', bindStatus: 2, stock: 3 }],
        },
      ],
      warehouses: [{ warehouseId: '9001', warehouseIdKey: 'WH9001', warehouseCode: 'YW01', warehouseName: '义乌仓' }],
      stock: [
        {
          goodsSku: 'TS-RED-M',
          warehouseName: '义乌仓',
          available: 5,
          safety: 2,
          intransit: 0,
          updated: clock.now() - 3600_000,
          changeQuantity: -1,
        },
      ],
      goods: [{ sku: 'TS-RED', productName: '纯棉T恤', categoryName: '服装', productType: '1', variants: ['TS-RED-M'] }],
    }).start();
    app = createApp({ dataDir: tempDir('desk-probe-'), host: 'cli', clock, quotaGuardMs: 0 });
    await call(app, 'connect.saveAliExpress', { appKey: AE.appKey, appSecret: AE.appSecret, gatewayUrl: wire.url });
    await call(app, 'connect.exchangeCode', { code: AE.code });
    await call(app, 'connect.saveTongtool', { appKey: TT.accessKey, appSecret: TT.secretAccessKey, baseUrl: wire.url });
    wire.requests.length = 0;
  });
  afterEach(async () => {
    await app.close();
    await wire.stop();
  });

  it('answers every call as documented, writes nothing, and saves a masked sample only the seller can read', async () => {
    const r = await call(app, 'connect.probe', {});
    expect(r.calls.map((c) => [c.call, c.outcome])).toEqual([
      ['global.seller.relation.query', 'answered'],
      ['aliexpress.choice.products.list', 'answered'],
      ['warehouseQuery', 'answered'],
      ['stocksQuery', 'answered'],
      ['stocksChangeQuery', 'answered'],
      ['goodsQuery', 'answered'],
    ]);
    expect(r.ok).toBe(true);
    const products = r.calls[1]!;
    expect(products.fields).toContain('result.product_list[].search_sku_info_list[].product_sku_sc_item_info_dto.bind_status');
    expect(products.missingRequired).toEqual([]);
    // Everything the documented server sends is known to the schemas.
    expect(r.calls.flatMap((c) => c.unknown.map((u) => `${c.call}: ${u}`))).toEqual([]);
    // Reads only: no bind or unBind, and the smallest page of each.
    expect(wire.requests.map((q) => q.api)).not.toContain('aliexpress.ascp.item.unBind');
    expect(wire.requests.map((q) => q.api)).not.toContain('aliexpress.ascp.item.bind');
    expect(wire.requests.find((q) => q.api === 'aliexpress.choice.products.list')?.form.page_size).toBe('1');
    const change = wire.requests.find((q) => q.api === 'stocksChangeQuery')?.json as { warehouseName?: string };
    expect(change.warehouseName).toBe('义乌仓');

    expect(r.samplePath).toBeTruthy();
    const sample = readFileSync(r.samplePath!, 'utf8');
    expect(statSync(r.samplePath!).mode & 0o077).toBe(0);
    for (const secret of [
      SKU_ID,
      AE.channelSellerId,
      '纯棉T恤 男款 红色',
      'TS-RED-M',
      '义乌小工厂全托管店',
      AE.appSecret,
      TT.secretAccessKey,
    ])
      expect(sample).not.toContain(secret);
    expect(sample).toContain('ONE_STOP_SERVICE');
    expect(sample).toContain('"bind_status": 2');
  });

  it('names a field the platform renamed as missing (needed) and unknown, and says the app would stop', async () => {
    wire.productChange = ({ product_id, ...rest }) => ({ ...rest, productId: product_id });
    const r = await call(app, 'connect.probe', {});
    const products = r.calls.find((c) => c.call === 'aliexpress.choice.products.list')!;
    expect(products.outcome).toBe('differs');
    expect(products.missingRequired).toEqual(['result.product_list[].product_id']);
    expect(products.unknown).toEqual(['result.product_list[].productId']);
    expect(products.message).toContain('result.product_list[].product_id');
    expect(r.ok).toBe(false);
  });

  it('skips the Tongtool calls for a file stock source and says why', async () => {
    await call(app, 'connect.setStockSource', { kind: 'file' });
    const r = await call(app, 'connect.probe', {});
    const tt = r.calls.filter((c) => c.system === 'tongtool');
    expect(tt.map((c) => c.outcome)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(tt[0]!.message).toContain('文件导入');
    expect(wire.requests.filter((q) => q.system === 'tongtool')).toEqual([]);
  });

  it('the first successful live connection test runs the probe once by itself and keeps its report; later tests do not', async () => {
    const first = await call(app, 'connect.test', {});
    expect(first.ok).toBe(true);
    expect(first.probe?.calls.map((c) => c.outcome)).toEqual(['answered', 'answered', 'answered', 'answered', 'answered', 'answered']);
    // The change page is read by the probe only, never by the connection test itself.
    const changeReads = () => wire.requests.filter((q) => q.api === 'stocksChangeQuery').length;
    expect(changeReads()).toBe(1);
    expect((await call(app, 'connect.status', {})).lastProbe).toMatchObject({ at: first.probe!.at, ok: true });

    clock.advance(3600_000);
    const second = await call(app, 'connect.test', {});
    expect(second.ok).toBe(true);
    expect(second.probe).toBeUndefined();
    expect(changeReads()).toBe(1);
    // A probe run by hand replaces the kept report.
    const manual = await call(app, 'connect.probe', {});
    expect((await call(app, 'connect.status', {})).lastProbe?.at).toBe(manual.at);
  });

  it('a connection test that meets a changed field runs the probe too, which names every field that differs', async () => {
    await call(app, 'connect.test', {}); // the first, successful: probed once
    wire.productChange = ({ product_id, ...rest }) => ({ ...rest, productId: product_id });
    const r = await call(app, 'connect.test', {});
    expect(r.aliexpress.checks.find((c) => c.step === 'listings')).toMatchObject({ ok: false, remoteCode: 'WIRE_SHAPE' });
    const products = r.probe?.calls.find((c) => c.call === 'aliexpress.choice.products.list');
    expect(products).toMatchObject({
      outcome: 'differs',
      missingRequired: ['result.product_list[].product_id'],
      unknown: ['result.product_list[].productId'],
    });
  });
});

describe('the demo store is not probed by its connection test', () => {
  it('connect.test in demo mode carries no probe and keeps none', async () => {
    const app = createApp({ dataDir: tempDir('desk-probe-demo-'), host: 'cli' });
    try {
      await call(app, 'connect.useDemo', { size: 1000 });
      const t = await call(app, 'connect.test', {});
      expect(t).toMatchObject({ ok: true, mode: 'demo' });
      expect(t.probe).toBeUndefined();
      expect((await call(app, 'connect.status', {})).lastProbe).toBeNull();
    } finally {
      await app.close();
    }
  });
});
