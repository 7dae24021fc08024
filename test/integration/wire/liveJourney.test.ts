/**
 * The seller's live journey against an independent server that speaks only the documented wire
 * (test/helpers/wireServer.ts, no code shared with our clients or simulators): keys, authorisation
 * code, connection test, listings with 17-digit ids, full read with safety stock, exact mapping,
 * warehouse linking, switch on, an ERP sell-out seen by an incremental read, and the unBind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { createApp, type App } from '../../../src-main/core/app';
import { tempDir } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { WireServer, type WireProduct } from '../../helpers/wireServer';

const AE = {
  appKey: '501234',
  appSecret: 'wire-ae-secret-9f8e7d',
  code: '3_501234_wireCodeA1b2',
  channelSellerId: '30000012345678901',
  sellerId: '2200000123456789',
};
const TT = { accessKey: 'wire-tt-access', secretAccessKey: 'wire-tt-secret-5a4b3c', merchantId: '0001234567' };

// Two SKUs whose ids are neighbours above 2^53: read through a JS number they become one SKU.
const TSHIRT_M = '12000023995222161';
const TSHIRT_L = '12000023995222160';

function products(): WireProduct[] {
  const list: WireProduct[] = [
    {
      productId: '1005006285123457',
      title: '纯棉T恤 男款 红色',
      productType: '0',
      skus: [
        { skuId: TSHIRT_M, sellerSku: 'TS-RED-M', scItemId: '90000000000123461', bindStatus: 2, stock: 3 },
        { skuId: TSHIRT_L, sellerSku: 'TS-RED-L', scItemId: '90000000000123460', bindStatus: 2, stock: 9 },
      ],
    },
  ];
  for (let i = 0; i < 10; i++) {
    list.push({
      productId: `10050062851300${String(i).padStart(2, '0')}`,
      title: `数据线 ${i + 1} 米`,
      productType: i % 3 === 0 ? '1' : '0',
      skus: [
        {
          skuId: `1200002399530${String(1000 + i)}`,
          sellerSku: `CABLE-${i}`,
          scItemId: `9000000000020${String(1000 + i)}`,
          bindStatus: 2,
          stock: 20,
        },
      ],
    });
  }
  return list;
}

describe('the live journey against an independent wire-only server', () => {
  let clock: ManualClock;
  let app: App;
  let wire: WireServer;

  beforeEach(async () => {
    clock = new ManualClock(Date.parse('2026-11-11T02:00:00Z'));
    const warehouseName = '义乌仓';
    wire = await new WireServer({
      now: () => clock.now(),
      ae: AE,
      tt: TT,
      products: products(),
      warehouses: [
        { warehouseId: '9001', warehouseIdKey: 'WH9001', warehouseCode: 'YW01', warehouseName },
        { warehouseId: '9002', warehouseIdKey: 'WH9002', warehouseCode: 'SZ01', warehouseName: '深圳仓' },
      ],
      stock: [
        {
          goodsSku: 'TS-RED-M',
          warehouseName,
          available: 5,
          safety: 2,
          intransit: 10,
          updated: clock.now() - 86400_000,
          changeQuantity: 0,
        },
        { goodsSku: 'TS-RED-L', warehouseName, available: 9, safety: 1, intransit: 0, updated: clock.now() - 86400_000, changeQuantity: 0 },
        ...Array.from({ length: 10 }, (_, i) => ({
          goodsSku: `CABLE-${i}`,
          warehouseName,
          available: 20,
          safety: 0,
          intransit: 0,
          updated: clock.now() - 86400_000,
          changeQuantity: 0,
        })),
      ],
      goods: [
        { sku: 'TS-RED', productName: '纯棉T恤', categoryName: '服装', productType: '1', variants: ['TS-RED-M', 'TS-RED-L'] },
        ...Array.from({ length: 10 }, (_, i) => ({
          sku: `CABLE-${i}`,
          productName: `数据线 ${i + 1} 米`,
          categoryName: '数码配件',
          productType: '0' as const,
          variants: [],
        })),
      ],
    }).start();
    app = createApp({ dataDir: tempDir('desk-wire-'), host: 'cli', clock, quotaGuardMs: 0 });
  });
  afterEach(async () => {
    await app.close();
    await wire.stop();
  });

  it('sets the store up, reads exact ids and safety stock, and unbinds the sold-out SKU with exact ids', async () => {
    // Keys and the authorisation code.
    await call(app, 'connect.saveAliExpress', { appKey: AE.appKey, appSecret: AE.appSecret, gatewayUrl: wire.url });
    const authed = await call(app, 'connect.exchangeCode', { code: AE.code });
    expect(authed.mode).toBe('live');
    expect(authed.aliexpress.channel).toEqual({
      channelSellerId: AE.channelSellerId,
      channel: 'AE_GLOBAL',
      businessType: 'ONE_STOP_SERVICE',
    });
    await call(app, 'connect.saveTongtool', { appKey: TT.accessKey, appSecret: TT.secretAccessKey, baseUrl: wire.url });

    // The connection test names the channel and the warehouses with their ids.
    const test = await call(app, 'connect.test', {});
    expect(test.aliexpress.checks.filter((c) => !c.ok)).toEqual([]);
    expect(test.stockSource.checks.filter((c) => !c.ok)).toEqual([]);
    expect(test.ok).toBe(true);
    expect(test.aliexpress.listingCount).toBe(11);
    expect(test.stockSource.warehouses.map((w) => [w.id, w.name])).toEqual([
      ['9001', '义乌仓'],
      ['9002', '深圳仓'],
    ]);

    // A full read keeps safety stock.
    const full = await call(app, 'stock.sync.now', { strategy: 'full', wait: true });
    expect(full.run?.status).toBe('ok');
    const levels = await call(app, 'stock.levels.page', { page: 1, pageSize: 50, text: 'TS-RED' });
    expect(levels.rows.map((r) => [r.sku, r.erpWarehouseId, r.available, r.safety]).sort()).toEqual([
      ['TS-RED-L', '9001', 9, 1],
      ['TS-RED-M', '9001', 5, 2],
    ]);

    // Listings: every 17-digit id exact, the neighbours kept apart, mapped exactly by seller SKU.
    await call(app, 'sku.listings.refresh', {});
    const listings = await call(app, 'sku.listings.page', { page: 1, pageSize: 50, filter: {} });
    expect(listings.total).toBe(12);
    const bySku = new Map(listings.rows.map((r) => [r.sellerSku, r]));
    expect(bySku.get('TS-RED-M')).toMatchObject({
      skuId: TSHIRT_M,
      productId: '1005006285123457',
      erpSku: 'TS-RED-M',
      method: 'exact',
      title: '纯棉T恤 男款 红色',
    });
    expect(bySku.get('TS-RED-L')).toMatchObject({ skuId: TSHIRT_L, erpSku: 'TS-RED-L', method: 'exact' });
    expect(listings.rows.every((r) => r.erpSku === r.sellerSku)).toBe(true);

    // Warehouse linking, then the switch on: everything has stock, nothing is sent.
    const wh = await call(app, 'stock.warehouses.save', { name: '义乌仓', erpWarehouseId: '9001' });
    await call(app, 'stock.listingWarehouses.link', { storeWarehouseId: wh.id, listingSkuIds: listings.rows.map((r) => r.id) });
    await call(app, 'auto.setSwitch', { on: true });
    const quiet = await call(app, 'auto.run', { sync: false, send: true });
    expect(quiet.run).toMatchObject({ status: 'done', counts: { bind: 0, unbind: 0 } });
    expect(quiet.send).toMatchObject({ skipped: null, processed: 0, sent: 0 });
    expect(wire.requests.filter((r) => r.api.startsWith('aliexpress.ascp.item.'))).toEqual([]);

    // The ERP sells 3 of TS-RED-M: 2 left, which is its safety stock, so nothing is sellable.
    clock.advance(10 * 60_000);
    wire.sell('TS-RED-M', '义乌仓', 3);
    const inc = await call(app, 'stock.sync.now', { strategy: 'incremental', wait: true });
    expect(inc.run?.status).toBe('ok');
    expect(inc.run?.strategy).toBe('incremental');
    const after = await call(app, 'stock.levels.page', { page: 1, pageSize: 50, text: 'TS-RED' });
    // Safety stock still right after the incremental read, and the row still belongs to its warehouse.
    expect(after.rows.map((r) => [r.sku, r.erpWarehouseId, r.available, r.safety, r.stale]).sort()).toEqual([
      ['TS-RED-L', '9001', 9, 1, false],
      ['TS-RED-M', '9001', 2, 2, false],
    ]);

    await call(app, 'auto.run', { sync: false, send: true });
    const writes = wire.requests.filter((r) => r.api.startsWith('aliexpress.ascp.item.'));
    expect(writes.map((r) => r.api)).toEqual(['aliexpress.ascp.item.unBind']);
    // param0 carries the exact digits of every id (a JS number would have sent …160 for …161), as
    // bare JSON numbers, the Java Longs the SDK writes: a quoted id is not what the platform reads.
    const param0 = writes[0]!.form.param0 ?? writes[0]!.query.param0;
    expect(param0).toMatch(new RegExp(`"sku_id":${TSHIRT_M}[,}]`));
    expect(param0).toMatch(/"item_id":1005006285123457[,}]/);
    expect(param0).toMatch(/"sc_item_id":90000000000123461[,}]/);
    expect(param0).toMatch(new RegExp(`"channel_seller_id":${AE.channelSellerId}[,}]`));
    expect(param0).toContain('"channel":"AE_GLOBAL"');
    expect(wire.sku(TSHIRT_M)?.bindStatus).toBe(1);
    expect(wire.sku(TSHIRT_L)?.bindStatus).toBe(2);

    // Incremental reads asked the change feed (or the stock window) per warehouse by name.
    const incremental = wire.requests.filter(
      (r) =>
        r.system === 'tongtool' &&
        (r.api === 'stocksChangeQuery' || r.api === 'stocksQuery') &&
        (r.json as { updatedDateFrom?: string })?.updatedDateFrom,
    );
    expect(incremental.length).toBeGreaterThan(0);
    expect(
      incremental.every(
        (r) =>
          (r.json as { warehouseName?: string }).warehouseName === '义乌仓' ||
          (r.json as { warehouseName?: string }).warehouseName === '深圳仓',
      ),
    ).toBe(true);
    // The app's own record: the listing SKU now unbound.
    const final = await call(app, 'sku.listings.page', { page: 1, pageSize: 50, filter: {} });
    expect(final.rows.find((r) => r.skuId === TSHIRT_M)?.bindStatus).toBe(1);
  }, 120_000);
});
