import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { autoService } from '../../../src-main/core/auto/service';
import { setPins } from '../../../src-main/core/auto/pins';
import { unlinkFromWarehouse } from '../../../src-main/core/stock/warehouseLinks';
import { startStore, setUpStock, listingId, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

async function open(
  spec: Parameters<typeof startStore>[0],
  setup: Parameters<typeof setUpStock>[2] = {},
): Promise<{ s: TestStore; app: App; clock: ManualClock }> {
  store = await startStore(spec);
  const { app, market } = await store.open();
  await setUpStock(app, market, setup);
  return { s: store, app, clock: store.clock as ManualClock };
}

const actions = (app: App) =>
  app.db
    .prepare(
      'SELECT a.kind, a.state, a.sends, s.seller_sku AS sku FROM auto_actions a JOIN stock_listing_skus s ON s.id = a.listing_sku_id ORDER BY a.id',
    )
    .all() as {
    kind: string;
    state: string;
    sends: number;
    sku: string;
  }[];
const simCalls = (s: TestStore, method: string) => s.ae.calls.filter((c) => c.method === method).length;

/** `n` SKUs at 4 in W1 with the switch on, then W1 sells out whole: the run that reads it is held for the seller. */
async function heldDrain(prefix: string, n: number) {
  const o = await open({ skus: Array.from({ length: n }, (_, i): [string, number] => [`${prefix}${i}`, 4]) });
  await call(o.app, 'auto.setSwitch', { on: true });
  o.clock.advance(10 * MIN);
  o.s.tt.drainWarehouse('W1');
  const r = await call(o.app, 'auto.run', { sync: true, send: true });
  expect(r.run?.status).toBe('held');
  return { ...o, r };
}

describe('auto bind & unbind engine against both simulators', () => {
  it('switch off: decisions show as "would do", nothing is sent; on again sends only what is still right', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['A1', 5],
        ['A2', 5],
        ['A3', 5],
        ['A4', 5],
        ['A5', 5],
        ['A6', 5],
      ],
    });
    clock.advance(5 * MIN);
    s.tt.setStock('A1', 'W1', 0);
    s.tt.setStock('A2', 'W1', 0);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.stockRun?.status).toBe('ok');
    expect(r.run?.switchOn).toBe(false);
    expect(r.run?.counts).toMatchObject({ wouldUnbind: 2, unbind: 0 });
    expect(r.send.skipped).toBe('switch_off');
    expect(actions(app)).toEqual([]);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(0);
    const dry = await call(app, 'auto.dryRun', { only: 'changes', page: 1, pageSize: 50 });
    expect(dry.rows.map((x) => [x.sellerSku, x.want, x.reason, x.sellable])).toEqual([
      ['A1', 'unbind', 'stock_out', 0],
      ['A2', 'unbind', 'stock_out', 0],
    ]);
    expect(dry.rows[0]!.figures[0]).toMatchObject({ storeWarehouse: '义乌仓', erpWarehouse: '义乌仓', available: 0, stale: false });

    // While off, A2 comes back: switching on must unbind A1 only.
    clock.advance(5 * MIN);
    s.tt.setStock('A2', 'W1', 7);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: false });
    const on = await call(app, 'auto.setSwitch', { on: true, note: '活动开始' });
    expect(on.settings.enabled).toBe(true);
    const sent = await call(app, 'auto.run', { sync: false, send: true });
    expect(sent.send).toMatchObject({ done: 1, sent: 1 });
    expect(s.ae.bindState(productOf('A1'), skuIdOf('A1'))).toBe(1);
    expect(s.ae.bindState(productOf('A2'), skuIdOf('A2'))).toBe(2);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(1);
    expect(simCalls(s, 'aliexpress.ascp.item.bind')).toBe(0);

    // The stored state follows the marketplace; the audit log says who, what and why.
    expect(app.db.prepare('SELECT bind_status FROM stock_listing_skus WHERE seller_sku = ?').pluck().get('A1')).toBe(1);
    const audit = await call(app, 'auto.audit.list', { autoOnly: true, page: 1, pageSize: 50 });
    const kinds = audit.rows.map((x) => x.kind);
    expect(kinds).toContain('auto.switch');
    expect(kinds).toContain('auto.action.done');
    const decision = audit.rows.find((x) => x.kind === 'auto.decision');
    expect(decision).toMatchObject({ actor: 'auto', subject: 'A1' });
    expect(decision?.detail).toMatchObject({ want: 'unbind', reason: 'stock_out', sellable: 0 });
    const sw = audit.rows.find((x) => x.kind === 'auto.switch');
    expect(sw).toMatchObject({ actor: 'seller', detail: { on: true, note: '活动开始' } });
    const filtered = await call(app, 'auto.audit.list', { autoOnly: true, subject: 'A1', kind: 'auto.action', page: 1, pageSize: 50 });
    expect(filtered.rows.length).toBeGreaterThan(0);
    expect(filtered.rows.filter((x) => x.subject !== 'A1' || !x.kind.startsWith('auto.action.'))).toEqual([]);
    expect(filtered.total).toBeGreaterThan(0);
    const xlsx = await call(app, 'auto.audit.export', { autoOnly: true });
    expect(xlsx.rows).toBe(audit.total);
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(app.notices.list(20).some((n) => n.title.zh.includes('已自动解绑 1 个'))).toBe(true);

    // The dashboard shows the unbind and the stock-out → unbind time.
    const dash = await call(app, 'auto.dashboard', {});
    expect(dash.status.counts.unbound).toBe(1);
    expect(dash.reaction.map((x) => x.sellerSku)).toEqual(['A1']);
    expect(dash.series.reduce((n, h) => n + h.unbinds, 0)).toBe(1);

    // Stock back: bound again, once.
    clock.advance(5 * MIN);
    s.tt.setStock('A1', 'W1', 3);
    clock.advance(MIN);
    const back = await call(app, 'auto.run', { sync: true, send: true });
    expect(back.run?.counts.bind).toBe(1);
    expect(s.ae.bindState(productOf('A1'), skuIdOf('A1'))).toBe(2);
    expect(simCalls(s, 'aliexpress.ascp.item.bind')).toBe(1);
  });

  it('a failed or partial ERP read unbinds nothing', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['B1', 5],
        ['B2', 5],
        ['B3', 5],
        ['B4', 5],
        ['B5', 5],
        ['B6', 5],
      ],
    });
    await call(app, 'auto.setSwitch', { on: true });
    // Failed read: every change query errors. The stock-out is real but was never read.
    clock.advance(10 * MIN);
    s.tt.setStock('B1', 'W1', 0);
    s.tt.inject({ kind: 'code', code: 527 }, { times: 50 });
    const failed = await call(app, 'auto.run', { sync: true, send: true });
    expect(failed.stockRun?.status).toBe('failed');
    expect(failed.run).toBeNull();
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(0);
    s.tt.faults.clear();
    // Even a manual pass right after a failed read unbinds nothing on old figures.
    const manual = await call(app, 'auto.run', { sync: false, send: true });
    expect(manual.run?.counts.unbind).toBe(0);

    // Partial full read: the last page comes back short, so B5 and B6 are not seen and go stale.
    clock.advance(7 * 3600_000); // a full read is due
    s.tt.setStock('B5', 'W1', 0);
    s.tt.setStock('B6', 'W1', 0);
    s.tt.setStock('B1', 'W1', 5);
    s.tt.inject({ kind: 'shortPage' }, { call: 'stocksQuery' });
    const partial = await call(app, 'auto.run', { sync: true, send: true });
    expect(partial.stockRun).toMatchObject({ status: 'ok', strategy: 'full' });
    expect(app.db.prepare('SELECT count(*) FROM stock_levels WHERE stale = 1').pluck().get()).toBeGreaterThan(0);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(0);
    const dry = await call(app, 'auto.dryRun', { only: 'blocked', page: 1, pageSize: 50 });
    expect(dry.rows.filter((x) => x.reason === 'stock_stale').length).toBeGreaterThan(0);
  });

  it('a mass unbind is held until the seller confirms; a rejected one is not held again on the same stock', async () => {
    const { s, app, clock, r } = await heldDrain('C', 10);
    expect(r.run?.counts.heldUnbind).toBe(10);
    expect(r.run?.gate).toMatchObject({ unbinds: 10, bound: 10, limitShare: 0.2 });
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(0);
    expect(app.notices.list(10).some((n) => n.title.zh.includes('等待您确认'))).toBe(true);
    const held = await call(app, 'auto.held.list', {});
    expect(held).toHaveLength(1);
    expect(held[0]!.skus).toHaveLength(10);
    // Each with what the seller checks before confirming: the ERP SKU and the figure the pass read.
    expect(held[0]!.skus[0]).toMatchObject({ erpSku: 'C0', sellable: 0 });
    expect(held[0]!.skus[0]!.figures).toEqual([expect.objectContaining({ erpWarehouse: expect.any(String), available: 0, stale: false })]);
    // The held card sends the seller to the dry run for the whole list: its changes show each held unbind as waiting for them.
    const dry = await call(app, 'auto.dryRun', { only: 'changes', page: 1, pageSize: 50 });
    expect(dry.total).toBe(10);
    expect(dry.rows.map((x) => [x.want, x.reason, x.openAction?.state])).toEqual(Array(10).fill(['none', 'held_for_you', 'held']));
    expect(dry.rows[0]!.reasonText.zh).toContain('等您在看板上确认');
    // A later pass does not hold the same SKUs twice nor send them.
    const again = await call(app, 'auto.run', { sync: false, send: true });
    expect(again.run?.status).toBe('done');
    expect(await call(app, 'auto.held.list', {})).toHaveLength(1);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(0);

    // Two SKUs come back before the seller answers: confirming sends only the eight still out.
    clock.advance(10 * MIN);
    s.tt.setStock('C0', 'W1', 3);
    s.tt.setStock('C1', 'W1', 3);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: false });
    const confirmed = await call(app, 'auto.held.confirm', { runId: held[0]!.id });
    expect(confirmed.status).toBe('confirmed');
    const sent = await call(app, 'auto.run', { sync: false, send: true });
    expect(sent.send.done).toBe(8);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(8);
    expect(
      s.ae
        .bindStates()
        .filter((x) => x.bindStatus === 1)
        .map((x) => x.sellerSku)
        .sort(),
    ).toEqual(['C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9']);
    await expect(call(app, 'auto.held.confirm', { runId: held[0]!.id })).rejects.toMatchObject({ payload: { code: 'CONFLICT' } });
  });

  it('a held unbind confirmed after the seller pinned or unlinked its SKU elsewhere is not sent, though no pass ran in between', async () => {
    const { s, app, r } = await heldDrain('P', 6);
    expect(r.run?.counts.heldUnbind).toBe(6);
    // While the run waits: P0 is pinned bound (a best seller restocked by hand), P1 unlinked from its
    // warehouse, both from another process (the CLI beside the app), so this app's service sees no
    // edit and decides nothing before the sender.
    setPins(app, [listingId(app, 'P0')], 'always_bound', '手工补货');
    const storeWarehouseId = app.db.prepare("SELECT id FROM stock_store_warehouses WHERE erp_warehouse_id = 'W1'").pluck().get() as number;
    unlinkFromWarehouse(app.db, storeWarehouseId, [listingId(app, 'P1')]);
    await call(app, 'auto.held.confirm', { runId: r.run!.id });
    // The sender alone, as the running app drains after a confirm: no decide pass before it.
    const runsBefore = app.db.prepare('SELECT count(*) FROM auto_runs').pluck().get();
    const sent = await autoService(app).drain();
    expect(app.db.prepare('SELECT count(*) FROM auto_runs').pluck().get()).toBe(runsBefore);
    expect(sent.done).toBe(4);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(4);
    expect(s.ae.bindState(productOf('P0'), skuIdOf('P0'))).toBe(2);
    expect(s.ae.bindState(productOf('P1'), skuIdOf('P1'))).toBe(2);
    const byS = Object.fromEntries(actions(app).map((a) => [a.sku, a.state]));
    expect(byS).toMatchObject({ P0: 'cancelled', P1: 'cancelled', P2: 'done', P5: 'done' });
  });

  it('with the switch on, a SKU linked or unpinned at 0 is decided at once, not at the next stock read; not with the switch off nor after a failed read', async () => {
    const skus: [string, number][] = Array.from({ length: 8 }, (_, i) => [`L${i}`, 4]);
    const { s, app, clock } = await open({ skus });
    const tick = () => new Promise((ok) => setImmediate(ok));
    const storeWarehouseId = app.db.prepare("SELECT id FROM stock_store_warehouses WHERE erp_warehouse_id = 'W1'").pluck().get() as number;
    const runs = () => app.db.prepare("SELECT count(*) FROM auto_runs WHERE trigger = 'edit'").pluck().get() as number;
    const queued = () =>
      actions(app)
        .filter((a) => a.state === 'queued')
        .map((a) => `${a.kind} ${a.sku}`);
    // L0 unlinked and L1 pinned while they sell out; the read decides nothing for either.
    await call(app, 'stock.listingWarehouses.unlink', { storeWarehouseId, listingSkuIds: [listingId(app, 'L0')] });
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'L1')], mode: 'always_bound' });
    clock.advance(10 * MIN);
    s.tt.setStock('L0', 'W1', 0);
    s.tt.setStock('L1', 'W1', 0);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: false });
    await tick();
    expect(queued()).toEqual([]);
    // Switch off: linking again changes nothing until a pass (the dry run shows it).
    await call(app, 'stock.listingWarehouses.link', { storeWarehouseId, listingSkuIds: [listingId(app, 'L0')] });
    await tick();
    expect(runs()).toBe(0);
    await call(app, 'stock.listingWarehouses.unlink', { storeWarehouseId, listingSkuIds: [listingId(app, 'L0')] });
    // Switch on (its own pass), then the seller's edits: each decided in the same minute.
    await call(app, 'auto.setSwitch', { on: true });
    await call(app, 'stock.listingWarehouses.link', { storeWarehouseId, listingSkuIds: [listingId(app, 'L0')] });
    await tick();
    expect(runs()).toBe(1);
    expect(queued()).toEqual(['unbind L0']);
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'L1')], mode: 'auto' });
    await tick();
    expect(runs()).toBe(2);
    expect(queued()).toEqual(['unbind L0', 'unbind L1']);
    // After a failed read the figures may be old: an edit waits for the next good read.
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'L2')], mode: 'always_bound' });
    await tick();
    clock.advance(10 * MIN);
    s.tt.setStock('L2', 'W1', 0);
    s.tt.inject({ kind: 'code', code: 527 }, { times: 50 });
    const failed = await call(app, 'auto.run', { sync: true, send: false });
    expect(failed.stockRun?.status).toBe('failed');
    const before = runs();
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'L2')], mode: 'auto' });
    await tick();
    expect(runs()).toBe(before);
    expect(queued()).toEqual(['unbind L0', 'unbind L1']);
    s.tt.faults.clear();
  });

  it('a rejected mass unbind cancels its actions and is not held again until stock changes', async () => {
    const { s, app, clock, r } = await heldDrain('D', 5);
    const rejected = await call(app, 'auto.held.reject', { runId: r.run!.id, note: 'ERP 数据有误' });
    expect(rejected.status).toBe('rejected');
    expect(actions(app).map((a) => a.state)).toEqual(Array(5).fill('cancelled'));
    const next = await call(app, 'auto.run', { sync: false, send: true });
    expect(next.run?.status).toBe('done');
    expect(next.run?.counts.byReason.unbind_rejected).toBe(5);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(0);
    // Stock changes (a return then sold out again): decided afresh.
    clock.advance(10 * MIN);
    s.tt.setStock('D0', 'W1', 1);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: true });
    clock.advance(10 * MIN);
    s.tt.setStock('D0', 'W1', 0);
    clock.advance(MIN);
    const fresh = await call(app, 'auto.run', { sync: true, send: true });
    expect(fresh.run?.counts.unbind).toBe(1);
    expect(s.ae.bindState(productOf('D0'), skuIdOf('D0'))).toBe(1);
  });

  it('pinned SKUs, unpaired warehouses and misnamed warehouses are never touched, and the dry run says why', async () => {
    const { s, app, clock } = await open(
      {
        skus: [
          ['E1', 5, 5],
          ['E2', 5, 5],
          ['E3', 5, 5],
          ['E4', 5, 5],
          ['E5', 5, 5],
          ['E6', 5, 5],
        ],
      },
      { warehouses: ['W1'] },
    );
    await call(app, 'auto.setSwitch', { on: true });
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'E1')], mode: 'always_bound', note: '爆款' });
    // E2 also linked to a store warehouse whose name differs from the ERP's by a trailing space.
    const now = new Date(clock.now()).toISOString();
    const { saveStoreWarehouse } = await import('../../../src-main/core/stock/warehouses');
    const { linkToWarehouse } = await import('../../../src-main/core/stock/warehouseLinks');
    const bad = saveStoreWarehouse(app.db, { name: '深圳仓 ', erpWarehouseId: 'W2' }, now);
    linkToWarehouse(app.db, { storeWarehouseId: bad.id, listingSkuIds: [listingId(app, 'E2')], selection: null }, now);
    const unpaired = saveStoreWarehouse(app.db, { name: '新仓' }, now);
    linkToWarehouse(app.db, { storeWarehouseId: unpaired.id, listingSkuIds: [listingId(app, 'E3')], selection: null }, now);
    clock.advance(10 * MIN);
    for (const sku of ['E1', 'E2', 'E3', 'E4']) s.tt.setStock(sku, 'W1', 0);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.run?.counts.unbind).toBe(1);
    expect(
      s.ae
        .bindStates()
        .filter((x) => x.bindStatus === 1)
        .map((x) => x.sellerSku),
    ).toEqual(['E4']);
    const dry = await call(app, 'auto.dryRun', { only: 'blocked', page: 1, pageSize: 50 });
    const why = Object.fromEntries(dry.rows.map((x) => [x.sellerSku, x.reason]));
    expect(why).toEqual({ E1: 'pinned', E2: 'warehouse_name_mismatch', E3: 'warehouse_unpaired' });
    expect(dry.rows.find((x) => x.sellerSku === 'E2')?.reasonText.zh).toContain('不完全一致');
    const audit = await call(app, 'auto.audit.list', { autoOnly: true, kind: 'auto.pin', page: 1, pageSize: 10 });
    expect(audit.rows[0]).toMatchObject({ actor: 'seller', subject: 'E1', detail: { mode: 'always_bound', note: '爆款' } });
  });

  it('unbind review then refusal: polled until it resolves, the seller is told with the marketplace message', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['F1', 5],
        ['F2', 5],
        ['F3', 5],
        ['F4', 5],
        ['F5', 5],
        ['F6', 5],
      ],
      reviewMode: 'refuse',
      reviewMs: 30 * MIN,
    });
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(10 * MIN);
    s.tt.setStock('F1', 'W1', 0);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.send.review).toBe(1);
    expect(actions(app)[0]).toMatchObject({ state: 'review', sends: 1 });
    expect((await call(app, 'auto.status', {})).counts.review).toBe(1);
    // Polled while in review: still review, no second request.
    clock.advance(5 * MIN);
    expect((await call(app, 'auto.run', { sync: false, send: true })).send.deferred).toBe(1);
    clock.advance(30 * MIN);
    const done = await call(app, 'auto.run', { sync: false, send: true });
    expect(done.send.refused).toBe(1);
    expect(actions(app)[0]).toMatchObject({ state: 'refused', sends: 1 });
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(1);
    const notice = app.notices.list(20).find((n) => n.title.zh.includes('解绑被拒绝'));
    expect(notice?.body.zh).toContain('F1');
    const dash = await call(app, 'auto.dashboard', {});
    expect(dash.risk.map((x) => x.sellerSku)).toEqual(['F1']);
    expect(dash.risk[0]!.minutes).toBeGreaterThanOrEqual(35);
    // The engine does not keep re-sending a refused unbind; the seller can.
    expect((await call(app, 'auto.run', { sync: false, send: true })).run?.counts.byReason.unbind_refused).toBe(1);
    expect(simCalls(s, 'aliexpress.ascp.item.unBind')).toBe(1);
    const list = await call(app, 'auto.actions.list', { state: 'refused', page: 1, pageSize: 10 });
    s.ae.setReviewMode('instant');
    await call(app, 'auto.action.retry', { actionId: list.rows[0]!.id });
    const retried = await call(app, 'auto.run', { sync: false, send: true });
    expect(retried.send.done).toBe(1);
    expect(s.ae.bindState(productOf('F1'), skuIdOf('F1'))).toBe(1);
  });

  it('a bind arriving while the unbind is pending review is handled once the review ends, not lost', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['G1', 5],
        ['G2', 5],
        ['G3', 5],
        ['G4', 5],
        ['G5', 5],
        ['G6', 5],
      ],
      reviewMode: 'review',
      reviewMs: 30 * MIN,
    });
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(10 * MIN);
    s.tt.setStock('G1', 'W1', 0);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: true });
    expect(s.ae.bindState(productOf('G1'), skuIdOf('G1'))).toBe(3);
    clock.advance(5 * MIN);
    s.tt.setStock('G1', 'W1', 9);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.run?.counts.bind).toBe(1);
    expect(actions(app).map((a) => [a.kind, a.state])).toEqual([
      ['unbind', 'review'],
      ['bind', 'queued'],
    ]);
    expect(simCalls(s, 'aliexpress.ascp.item.bind')).toBe(0);
    clock.advance(30 * MIN);
    const after = await call(app, 'auto.run', { sync: false, send: true });
    expect(after.send.done).toBe(2);
    expect(actions(app).map((a) => [a.kind, a.state])).toEqual([
      ['unbind', 'done'],
      ['bind', 'done'],
    ]);
    expect(s.ae.bindState(productOf('G1'), skuIdOf('G1'))).toBe(2);
    expect(simCalls(s, 'aliexpress.ascp.item.bind')).toBe(1);
  });

  it('marketplace 5xx and rate limits are retried with backoff; persistent failure is reported', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['H1', 5],
        ['H2', 5],
        ['H3', 5],
        ['H4', 5],
        ['H5', 5],
        ['H6', 5],
      ],
    });
    await call(app, 'auto.setSwitch', { on: true });
    // Two of six is a third of the store: raise the share so this run is not held.
    expect((await call(app, 'auto.settings.set', { massUnbindShare: 0.5 })).massUnbindShare).toBe(0.5);
    clock.advance(10 * MIN);
    s.tt.setStock('H1', 'W1', 0);
    s.tt.setStock('H2', 'W1', 0);
    clock.advance(MIN);
    // H1's state read (products.list by product) is rate-limited past the client's retries, so H1 is
    // not sent on the first run. An unBind goes out once per sender attempt (after a 503 its outcome
    // is unknown: the sender reads the state before sending again), so two 503s fail H2 on the first
    // run and H1 on the second. H2: then goes through.
    s.ae.inject({ kind: 'http5xx', status: 503 }, { times: 2, call: 'aliexpress.ascp.item.unBind' });
    s.ae.inject({ kind: 'rateLimit' }, { times: 2, call: 'aliexpress.choice.products.list' });
    const first = await call(app, 'auto.run', { sync: true, send: true });
    expect(first.send.done).toBe(0);
    expect(first.send.deferred).toBe(2);
    const rows = await call(app, 'auto.actions.list', { page: 1, pageSize: 10 });
    expect(rows.rows).toHaveLength(2);
    for (const x of rows.rows)
      expect(x).toMatchObject({ state: expect.not.stringMatching(/^done$/), attempts: 1, lastError: expect.any(String) });
    // Not due yet: nothing is sent before the backoff.
    expect((await call(app, 'auto.run', { sync: false, send: true })).send.processed).toBe(0);
    // After the backoff: the 503 left hits H1, H2 goes through.
    clock.advance(31 * MIN);
    const second = await call(app, 'auto.run', { sync: false, send: true });
    expect(second.send).toMatchObject({ done: 1, deferred: 1 });
    expect(s.ae.bindState(productOf('H2'), skuIdOf('H2'))).toBe(1);
    // H1 never gets through: after the last attempt it is reported.
    s.ae.inject({ kind: 'http5xx' }, { times: 1000, call: 'aliexpress.ascp.item.unBind' });
    let report;
    for (let i = 0; i < 6; i++) {
      clock.advance(31 * MIN);
      report = await call(app, 'auto.run', { sync: false, send: true });
    }
    expect(report?.outbox.failed).toBe(1);
    expect(app.notices.list(50).filter((n) => n.title.zh.startsWith('解绑失败：H1')).length).toBe(1);
    expect((await call(app, 'auto.actions.list', { state: 'failed', page: 1, pageSize: 10 })).rows[0]).toMatchObject({
      sellerSku: 'H1',
      attempts: 5,
    });
    s.ae.faults.clear();
    const failed = await call(app, 'auto.actions.list', { state: 'failed', page: 1, pageSize: 10 });
    for (const a of failed.rows) await call(app, 'auto.action.retry', { actionId: a.id });
    const ok = await call(app, 'auto.run', { sync: false, send: true });
    expect(ok.send.done).toBe(1);
    expect(
      s.ae
        .bindStates()
        .filter((x) => x.bindStatus === 1)
        .map((x) => x.sellerSku)
        .sort(),
    ).toEqual(['H1', 'H2']);
  });

  it('decides by itself after every successful stock read, and not after a failed one', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['J1', 5],
        ['J2', 5],
        ['J3', 5],
        ['J4', 5],
        ['J5', 5],
        ['J6', 5],
      ],
    });
    await call(app, 'auto.setSwitch', { on: true });
    const { stockSync } = await import('../../../src-main/core/stock/sync');
    const settle = () => new Promise((r) => setImmediate(r));
    clock.advance(10 * MIN);
    s.tt.setStock('J1', 'W1', 0);
    s.tt.inject({ kind: 'code', code: 527 }, { times: 50 });
    expect((await stockSync(app).run({ trigger: 'manual' })).status).toBe('failed');
    await settle();
    expect(actions(app)).toEqual([]);
    s.tt.faults.clear();
    clock.advance(MIN);
    const ok = await stockSync(app).run({ trigger: 'schedule' });
    expect(ok.status).toBe('ok');
    await settle();
    expect(actions(app)).toEqual([{ kind: 'unbind', state: 'queued', sends: 0, sku: 'J1' }]);
    const runs = await call(app, 'auto.runs.list', { page: 1, pageSize: 10 });
    expect(runs.rows[0]).toMatchObject({ trigger: 'stock', stockRunId: ok.id });
  });
});
