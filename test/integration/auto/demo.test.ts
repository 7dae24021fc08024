import { afterEach, describe, expect, it } from 'vitest';
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

describe('end to end on the demo store', () => {
  it('switch on, a warehouse drains, SKUs are unbound (a mass unbind held until confirmed), switch off shows "would do"', async () => {
    const clock = new ManualClock();
    dir = tempDir('desk-auto-demo-');
    app = createApp({ dataDir: dir, host: 'cli', clock });
    const a = app;
    await call(a, 'connect.useDemo', { size: 1000, reviewMode: 'instant' });
    const demo = await connectors(a).demo();
    // The wizard: first read, listings, mapping, the exactly named warehouse paired and linked.
    const first = await call(a, 'auto.run', { sync: true, send: false });
    expect(first.stockRun?.status).toBe('ok');
    await call(a, 'sku.listings.refresh', {});
    const now = new Date(clock.now()).toISOString();
    const erp = demo.catalogue.erpWarehouses.find((w) => demo.catalogue.storeWarehouses.includes(w.name));
    expect(erp).toBeDefined();
    const store = saveStoreWarehouse(a.db, { name: erp!.name, erpWarehouseId: erp!.id }, now);
    const mapped = a.db.prepare('SELECT listing_sku_id FROM stock_sku_links').pluck().all() as number[];
    linkToWarehouse(a.db, { storeWarehouseId: store.id, listingSkuIds: mapped, selection: 'all mapped' }, now);

    // Switch on and let the first pass settle (the demo starts with some listings out of stock).
    await call(a, 'auto.setSwitch', { on: true });
    const settle = async () => {
      let r = await call(a, 'auto.run', { sync: true, send: true });
      for (const h of await call(a, 'auto.held.list', {})) await call(a, 'auto.held.confirm', { runId: h.id });
      r = await call(a, 'auto.run', { sync: false, send: true });
      return r;
    };
    await settle();
    const before = await call(a, 'auto.status', {});

    // One listing SKU sells out in the ERP: it is unbound, and the dashboard and audit log show it.
    const dry = await call(a, 'auto.dryRun', { only: 'all', page: 1, pageSize: 500 });
    const target = dry.rows.find((r) => r.reason === 'already_bound' && r.erpSku);
    expect(target).toBeDefined();
    clock.advance(10 * MIN);
    demo.tongtool.sim.setStock(target!.erpSku!, erp!.id, 0, 0);
    clock.advance(MIN);
    const one = await call(a, 'auto.run', { sync: true, send: true });
    expect(one.run?.counts.unbind).toBe(1);
    expect(demo.aliexpress.sim.bindState(target!.productId, target!.skuId)).toBe(1);
    const after = await call(a, 'auto.dashboard', {});
    expect(after.status.counts.unbound).toBe(before.counts.unbound + 1);
    expect(after.reaction.some((x) => x.listingSkuId === target!.listingSkuId)).toBe(true);
    const audit = await call(a, 'auto.audit.list', { autoOnly: true, subject: target!.sellerSku, page: 1, pageSize: 20 });
    expect(audit.rows.map((x) => x.kind)).toEqual(expect.arrayContaining(['auto.decision', 'auto.action.done']));

    // The whole warehouse drains: held for the seller, nothing sent until confirmed.
    clock.advance(10 * MIN);
    expect(demo.tongtool.sim.drainWarehouse(erp!.id)).toBeGreaterThan(10);
    clock.advance(MIN);
    const unbindsBefore = demo.aliexpress.sim.calls.filter((c) => c.method === 'aliexpress.ascp.item.unBind').length;
    const mass = await call(a, 'auto.run', { sync: true, send: true });
    expect(mass.run?.status).toBe('held');
    expect(demo.aliexpress.sim.calls.filter((c) => c.method === 'aliexpress.ascp.item.unBind').length).toBe(unbindsBefore);
    const held = await call(a, 'auto.held.list', {});
    expect(held).toHaveLength(1);
    await call(a, 'auto.held.confirm', { runId: held[0]!.id });
    const sent = await call(a, 'auto.run', { sync: false, send: true });
    expect(sent.send.done).toBe(mass.run!.counts.heldUnbind);
    // Nothing at 0 is still on sale; what the model still names is bound without linked stock (the demo has such SKUs on purpose).
    const rm = (await call(a, 'auto.dashboard', {})).riskModel;
    expect([rm.counts.zero, rm.counts.review, rm.counts.refused]).toEqual([0, 0, 0]);
    expect(rm.total).toBe(rm.counts.unmapped + rm.counts.stale);

    // Switch off: stock comes back, the bind is only "would do".
    await call(a, 'auto.setSwitch', { on: false });
    clock.advance(10 * MIN);
    demo.tongtool.sim.setStock(target!.erpSku!, erp!.id, 8, 0);
    clock.advance(MIN);
    const binds = demo.aliexpress.sim.calls.filter((c) => c.method === 'aliexpress.ascp.item.bind').length;
    const off = await call(a, 'auto.run', { sync: true, send: true });
    expect(off.run?.counts.wouldBind).toBeGreaterThanOrEqual(1);
    expect(off.send.skipped).toBe('switch_off');
    const would = await call(a, 'auto.dryRun', { only: 'changes', search: target!.sellerSku, page: 1, pageSize: 10 });
    expect(would.rows[0]).toMatchObject({ listingSkuId: target!.listingSkuId, want: 'bind' });
    expect(demo.aliexpress.sim.calls.filter((c) => c.method === 'aliexpress.ascp.item.bind').length).toBe(binds);
  }, 60_000);
});
