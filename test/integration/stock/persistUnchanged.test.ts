/**
 * A foreground full read writes only the figures that moved (stock/unchanged.ts): the ones it found
 * unchanged still count as written and as seen by it (stock/seen.ts), the ones it missed become
 * stale with their own last sighting, and the marks are exactly those of a read that rewrote every row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/core/app';
import { persistRead } from '../../../src-main/core/stock/levels';
import { levelPage } from '../../../src-main/core/stock/stockQuery';
import { forEachInput, type SkuInputs } from '../../../src-main/core/auto/inputs';
import { makeApp, stockRow as row } from './fixtures';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const T1 = '2026-03-02T01:00:00.000Z';
const T2 = '2026-03-02T01:30:00.000Z';
const T3 = '2026-03-02T02:00:00.000Z';

/** A, B, C and D in W1 (each linked to one listing SKU, 1 → A …) and E in W2, all read in full at T1. */
function store(): App {
  app = makeApp({ source: null }).app;
  const db = app.db;
  persistRead(db, {
    runId: 1,
    now: T1,
    rows: [...['A', 'B', 'C', 'D'].map((s) => row(s, 5)), row('E', 5, { warehouseId: 'W2', warehouseName: '义乌仓' })],
    snapshotOf: null,
  });
  db.exec(`
    INSERT INTO stock_listings (product_id, title, seen_at) VALUES ('P1', '杯子', '${T1}');
    INSERT INTO stock_listing_skus (id, product_id, sku_id, seller_sku, bind_status, seen_at)
      VALUES (1, 'P1', 's1', 'A', 2, 'x'), (2, 'P1', 's2', 'B', 2, 'x'), (3, 'P1', 's3', 'C', 2, 'x'), (4, 'P1', 's4', 'D', 2, 'x'),
             (5, 'P1', 's5', 'E', 2, 'x');
    INSERT INTO stock_sku_links (listing_sku_id, erp_sku, method, linked_at)
      VALUES (1, 'A', 'exact', 'x'), (2, 'B', 'exact', 'x'), (3, 'C', 'exact', 'x'), (4, 'D', 'exact', 'x'), (5, 'E', 'exact', 'x');
    DELETE FROM auto_changed;
  `);
  return app;
}

const marks = (a: App) => a.db.prepare('SELECT listing_sku_id FROM auto_changed ORDER BY listing_sku_id').pluck().all();
/** What the seller sees per figure: its last sighting and run, and whether it is stale. */
const shown = (a: App) =>
  Object.fromEntries(
    levelPage(a.db, {}, 1, 50).rows.map((r) => [`${r.sku}@${r.erpWarehouseId}`, [r.available, r.seenAt, r.runId, r.stale]]),
  );
/** The stored rows themselves. */
const stored = (a: App) =>
  Object.fromEntries(
    (a.db.prepare('SELECT sku, erp_warehouse_id, seen_at, run_id FROM stock_levels').raw().all() as [string, string, string, number][]).map(
      ([s, w, at, run]) => [`${s}@${w}`, [at, run]],
    ),
  );

describe('a full read writes only what moved', () => {
  it('unchanged figures are not rewritten yet count as written and seen; moved ones are written and marked; missed ones turn stale', () => {
    const a = store();
    const r = persistRead(a.db, {
      runId: 2,
      now: T2,
      rows: [row('A', 5), row('B', 4), row('C', 5, { safety: 2 }), row('E', 5, { warehouseId: 'W2', warehouseName: '义乌仓' })],
      snapshotOf: null,
    });
    expect(r).toMatchObject({ written: 4, changed: 2, stale: 1 });
    // B and C moved, D went stale: marked as a read rewriting every row would mark them.
    expect(marks(a)).toEqual([2, 3, 4]);
    // A and E were not rewritten…
    expect(stored(a)).toMatchObject({ 'A@W1': [T1, 1], 'B@W1': [T2, 2], 'E@W2': [T1, 1], 'D@W1': [T1, 1] });
    // …yet shown as seen by this read; D keeps its last sighting (T1), stale, never zeroed.
    expect(shown(a)).toEqual({
      'A@W1': [5, T2, 2, false],
      'B@W1': [4, T2, 2, false],
      'C@W1': [5, T2, 2, false],
      'D@W1': [5, T1, 1, true],
      'E@W2': [5, T2, 2, false],
    });
  });

  it('a stale figure seen again unchanged is written: fresh again, marked, its sighting its own', () => {
    const a = store();
    persistRead(a.db, { runId: 2, now: T2, rows: [row('A', 5), row('B', 5), row('C', 5)], snapshotOf: ['W1'] });
    a.db.exec('DELETE FROM auto_changed');
    const r = persistRead(a.db, { runId: 3, now: T3, rows: ['A', 'B', 'C', 'D'].map((s) => row(s, 5)), snapshotOf: ['W1'] });
    expect(r).toMatchObject({ written: 4, changed: 0, stale: 0 });
    expect(marks(a)).toEqual([4]);
    expect(stored(a)['D@W1']).toEqual([T3, 3]);
    // W2 was not part of either snapshot: E keeps the first read's sighting.
    expect(shown(a)).toMatchObject({ 'A@W1': [5, T3, 3, false], 'D@W1': [5, T3, 3, false], 'E@W2': [5, T1, 1, false] });
  });

  it('a figure missed by a later read keeps the sighting of the read that saw it unchanged', () => {
    const a = store();
    persistRead(a.db, { runId: 2, now: T2, rows: ['A', 'B', 'C', 'D'].map((s) => row(s, 5)), snapshotOf: ['W1'] });
    expect(stored(a)['D@W1']).toEqual([T1, 1]);
    // An incremental read moves A only; then a full read misses D.
    persistRead(a.db, { runId: 3, now: T3, rows: [row('A', 2)] });
    const r = persistRead(a.db, {
      runId: 4,
      now: '2026-03-02T03:00:00.000Z',
      rows: ['A', 'B', 'C'].map((s) => row(s, 5)),
      snapshotOf: ['W1'],
    });
    expect(r.stale).toBe(1);
    expect(stored(a)['D@W1']).toEqual([T2, 2]);
    expect(shown(a)['D@W1']).toEqual([5, T2, 2, true]);
  });

  it('an in-transit figure moves a row only when the read carries one', () => {
    const a = store();
    const r = persistRead(a.db, {
      runId: 2,
      now: T2,
      rows: [row('A', 5, { inTransit: undefined }), row('B', 5, { inTransit: 3 }), row('C', 5), row('D', 5)],
      snapshotOf: ['W1'],
    });
    expect(r).toMatchObject({ written: 4, changed: 1, stale: 0 });
    expect(marks(a)).toEqual([2]);
    expect(a.db.prepare("SELECT sku, in_transit FROM stock_levels WHERE erp_warehouse_id = 'W1' ORDER BY sku").raw().all()).toEqual([
      ['A', 0],
      ['B', 3],
      ['C', 0],
      ['D', 0],
    ]);
  });

  it("a row outside the snapshot's warehouses is written as seen, unchanged or not", () => {
    const a = store();
    const e = row('E', 5, { warehouseId: 'W2', warehouseName: '义乌仓' });
    const r = persistRead(a.db, { runId: 2, now: T2, rows: [...['A', 'B', 'C', 'D'].map((s) => row(s, 5)), e], snapshotOf: ['W1'] });
    expect(r).toMatchObject({ written: 5, changed: 0, stale: 0 });
    expect(stored(a)['E@W2']).toEqual([T2, 2]);
    expect(stored(a)['A@W1']).toEqual([T1, 1]);
    expect(shown(a)).toMatchObject({ 'A@W1': [5, T2, 2, false], 'E@W2': [5, T2, 2, false] });
    expect(marks(a)).toEqual([]);
  });

  it('stored figures are compared slice by slice: every row of a big read is sorted, whichever slice holds it', () => {
    app = makeApp({ source: null }).app;
    const skus = Array.from({ length: 2_503 }, (_, i) => `S${String(i).padStart(6, '0')}`);
    persistRead(app.db, { runId: 1, now: T1, rows: skus.map((s) => row(s, 5)), snapshotOf: null });
    // Slices of 1,000 stored rows. Moved: one at each side of the first edge and the very last; missed: one in the middle slice.
    const moved = new Set([skus[0], skus[999], skus[1_000], skus[2_502]]);
    const missed = skus[1_500];
    const r = persistRead(app.db, {
      runId: 2,
      now: T2,
      rows: skus.filter((s) => s !== missed).map((s) => row(s, moved.has(s) ? 4 : 5)),
      snapshotOf: null,
    });
    expect(r).toMatchObject({ written: 2_502, changed: 4, stale: 1 });
    expect(app.db.prepare('SELECT sku FROM stock_levels WHERE run_id = 2 ORDER BY sku').pluck().all()).toEqual([...moved].sort());
    expect(app.db.prepare('SELECT sku FROM stock_levels WHERE stale = 1').pluck().all()).toEqual([missed]);
  });

  it("the decision's figures (audit, dry run) say a figure unchanged by a full read was seen by it; a stale one keeps its own sighting", () => {
    const a = store();
    a.db.exec(`INSERT INTO stock_store_warehouses (id, name, erp_warehouse_id, created_at, updated_at) VALUES (1, '深圳仓', 'W1', 'x', 'x');
      INSERT INTO stock_listing_warehouses (listing_sku_id, store_warehouse_id, linked_at) VALUES (1, 1, 'x'), (4, 1, 'x')`);
    persistRead(a.db, { runId: 2, now: T2, rows: ['A', 'B', 'C'].map((s) => row(s, 5)), snapshotOf: null });
    const seen: Record<number, [string | null, boolean]> = {};
    forEachInput(a.db, (x: SkuInputs) => (seen[x.listingSkuId] = [x.figures[0]!.seenAt, x.figures[0]!.stale]), [1, 4]);
    // A was not rewritten (unchanged) but was seen at T2; D was missed: stale, last seen at T1.
    expect(seen).toEqual({ 1: [T2, false], 4: [T1, true] });
  });
});
