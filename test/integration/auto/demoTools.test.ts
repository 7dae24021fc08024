import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { createApp, type App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { connectors } from '../../../src-main/core/connectors/service';
import { saveStoreWarehouse } from '../../../src-main/core/stock/warehouses';
import { linkToWarehouse } from '../../../src-main/core/stock/warehouseLinks';
import { tempDir } from '../../helpers/tempApp';

let app: App | null = null;
let dir = '';
afterEach(async () => {
  await app?.close();
  app = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const MIN = 60_000;

/** The demo store synced, listings mapped, 深圳仓 paired and linked to every mapped listing SKU. */
async function demoApp(): Promise<{ a: App; clock: ManualClock }> {
  const clock = new ManualClock();
  dir = tempDir('desk-auto-demotools-');
  app = createApp({ dataDir: dir, host: 'cli', clock });
  const a = app;
  await call(a, 'connect.useDemo', { size: 1000, reviewMode: 'instant' });
  expect((await call(a, 'auto.run', { sync: true, send: false })).stockRun?.status).toBe('ok');
  await call(a, 'sku.listings.refresh', {});
  const now = new Date(clock.now()).toISOString();
  const store = saveStoreWarehouse(a.db, { name: '深圳仓', erpWarehouseId: 'WH-SZ' }, now);
  const mapped = a.db.prepare('SELECT listing_sku_id FROM stock_sku_links').pluck().all() as number[];
  linkToWarehouse(a.db, { storeWarehouseId: store.id, listingSkuIds: mapped, selection: 'all mapped' }, now);
  return { a, clock };
}

describe('demo tools on the demo store', () => {
  it('sell out, drain and restock change only the simulator; the next sync makes the engine act on them', async () => {
    const { a, clock } = await demoApp();
    await call(a, 'auto.settings.set', { massUnbindShare: 1, massUnbindCount: 1_000_000 });
    await call(a, 'auto.setSwitch', { on: true });
    await call(a, 'auto.run', { sync: false, send: true });

    const info = await call(a, 'auto.demo.info', {});
    expect(info.demo).toBe(true);
    expect(info.warehouses.find((w) => w.id === 'WH-SZ')?.pairedWith).toBe('深圳仓');

    // The first pick is linked and bound, with stock: the one a seller would try.
    const [pick] = await call(a, 'auto.demo.skus', { limit: 5 });
    if (!pick) throw new Error('the demo lists no SKUs');
    expect(pick.warehouses).toEqual(['深圳仓']);
    expect(pick.bindStatus).toBe(2);
    expect(pick.available).toBeGreaterThan(0);
    const demo = await connectors(a).demo();
    const product = a.db.prepare('SELECT product_id, sku_id FROM stock_listing_skus WHERE id = ?').raw().get(pick.listingSkuId) as [
      string,
      string,
    ];

    clock.advance(10 * MIN);
    const sold = await call(a, 'auto.demo.sellOut', { listingSkuId: pick.listingSkuId });
    expect(sold.changed).toBeGreaterThan(0);
    expect(sold.zh).toContain('立即同步库存');
    const soldOut = demo.tongtool.sim.allStock().filter((s) => s.sku === pick.erpSku);
    expect(soldOut.length).toBeGreaterThan(0);
    expect(soldOut.map((s) => s.available)).toEqual(soldOut.map(() => 0));
    // Nothing in the app changed yet: the engine only learns through a sync.
    expect(demo.aliexpress.sim.bindState(...product)).toBe(2);
    clock.advance(MIN);
    const r = await call(a, 'auto.run', { sync: true, send: true });
    expect(r.run?.counts.unbind).toBe(1);
    expect(demo.aliexpress.sim.bindState(...product)).toBe(1);
    expect((await call(a, 'auto.demo.skus', { search: pick.sellerSku, limit: 1 }))[0]).toMatchObject({ available: 0, bindStatus: 1 });

    clock.advance(10 * MIN);
    const back = await call(a, 'auto.demo.restock', { listingSkuId: pick.listingSkuId, quantity: 7 });
    // Every sold-out figure of that ERP SKU gets stock, including warehouses that had none before.
    expect(back.changed).toBeGreaterThanOrEqual(sold.changed);
    const restocked = demo.tongtool.sim.allStock().filter((s) => s.sku === pick.erpSku);
    expect(restocked.length).toBeGreaterThanOrEqual(soldOut.length);
    expect(restocked.map((s) => s.available - s.safety)).toEqual(restocked.map(() => 7));
    clock.advance(MIN);
    expect((await call(a, 'auto.run', { sync: true, send: true })).run?.counts.bind).toBe(1);
    expect(demo.aliexpress.sim.bindState(...product)).toBe(2);

    clock.advance(10 * MIN);
    const withStock = demo.tongtool.sim.allStock().filter((s) => s.warehouseId === 'WH-SZ' && s.available !== 0).length;
    const drained = await call(a, 'auto.demo.drain', { erpWarehouseId: 'WH-SZ' });
    expect(drained.changed).toBe(withStock);
    expect((await call(a, 'auto.demo.info', {})).warehouses.find((w) => w.id === 'WH-SZ')?.soldOut).toBe(
      demo.tongtool.sim.allStock().filter((s) => s.warehouseId === 'WH-SZ').length,
    );
    clock.advance(MIN);
    const mass = await call(a, 'auto.run', { sync: true, send: true });
    expect(mass.run?.counts.unbind).toBeGreaterThan(10);
    expect(demo.aliexpress.sim.bindStates().filter((s) => s.bindStatus === 2).length).toBe(
      // Only listing SKUs the engine does not act on (not linked to 深圳仓) stay bound.
      a.db.prepare('SELECT count(*) FROM stock_listing_skus WHERE bind_status = 2').pluck().get() as number,
    );

    const audit = await call(a, 'auto.audit.list', { kind: 'auto.demo.sellOut', autoOnly: true, page: 1, pageSize: 10 });
    expect(audit.rows[0]).toMatchObject({ actor: 'seller', subject: pick.sellerSku });
    // The Excel export says why in words: the simulated sell-out, then the decision with its reason.
    const xlsx = await call(a, 'auto.audit.export', { autoOnly: true, subject: pick.sellerSku });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    const lines = wb.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((r) => (r as string[]).slice(3, 6).join(' | '));
    expect(lines[0]).toContain('演示：模拟卖光');
    expect(lines.find((l) => l.startsWith('决定'))).toContain('可售库存为0：解绑，防止超卖。');
  }, 60_000);

  it('the review mode tool makes the simulated AliExpress refuse unbinds, and the seller is told', async () => {
    const { a, clock } = await demoApp();
    await call(a, 'auto.settings.set', { massUnbindShare: 1, massUnbindCount: 1_000_000 });
    await call(a, 'auto.setSwitch', { on: true });
    await call(a, 'auto.run', { sync: false, send: true });
    expect((await call(a, 'auto.demo.reviewMode', { mode: 'refuse' })).reviewMode).toBe('refuse');
    const [pick] = await call(a, 'auto.demo.skus', { limit: 1 });
    if (!pick) throw new Error('the demo lists no SKUs');
    clock.advance(10 * MIN);
    await call(a, 'auto.demo.sellOut', { listingSkuId: pick.listingSkuId });
    clock.advance(MIN);
    const r = await call(a, 'auto.run', { sync: true, send: true });
    // The refusal comes after AliExpress's review (2 simulated minutes in the demo).
    expect(r.send.review).toBe(1);
    clock.advance(5 * MIN);
    const later = await call(a, 'auto.run', { sync: false, send: true });
    expect(later.send.refused).toBe(1);
    expect((await call(a, 'auto.status', {})).counts.refused).toBe(1);
    expect(a.notices.list(20).some((n) => n.level === 'error' && n.body.zh.includes(pick.sellerSku))).toBe(true);
    // The platform's reason, in Chinese, reaches the seller: in the notice, and stored with the
    // listing SKU when the listings are read again (unbind_refuse_reason).
    const reason = '该商品正在参加平台活动，活动期间不允许解绑，请活动结束后再申请';
    expect(a.notices.list(20).some((n) => n.body.zh.includes(reason))).toBe(true);
    await call(a, 'sku.listings.refresh', {});
    const rows = (await call(a, 'sku.listings.page', { filter: { bindStatus: [4] }, page: 1, pageSize: 10 })).rows;
    expect(rows.map((x) => [x.sellerSku, x.refuseReason])).toEqual([[pick.sellerSku, reason]]);
  }, 60_000);

  it('refuses every tool on a real store, and an unmapped listing SKU with a reason', async () => {
    const { a } = await demoApp();
    const unmapped = a.db
      .prepare(
        'SELECT s.id FROM stock_listing_skus s LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id WHERE k.erp_sku IS NULL LIMIT 1',
      )
      .pluck()
      .get() as number;
    await expect(call(a, 'auto.demo.sellOut', { listingSkuId: unmapped })).rejects.toMatchObject({
      payload: { code: 'CONFLICT', message: expect.stringContaining('还没有关联ERP SKU') },
    });
    a.settings.set('mode', 'live');
    expect((await call(a, 'auto.demo.info', {})).demo).toBe(false);
    for (const p of [
      call(a, 'auto.demo.drain', { erpWarehouseId: 'WH-SZ' }),
      call(a, 'auto.demo.sellOut', { listingSkuId: 1 }),
      call(a, 'auto.demo.restock', { erpWarehouseId: 'WH-SZ' }),
      call(a, 'auto.demo.reviewMode', { mode: 'refuse' }),
      call(a, 'auto.demo.skus', {}),
    ])
      await expect(p).rejects.toMatchObject({ payload: { code: 'CONFLICT', message: expect.stringContaining('演示店铺') } });
    await expect(call(a, 'auto.demo.restock', { quantity: 5 })).rejects.toMatchObject({ payload: { code: 'BAD_INPUT' } });
  }, 60_000);
});
