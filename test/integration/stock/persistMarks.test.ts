/**
 * The persist step marks for the bind/unbind engine exactly the listing SKUs whose stock inputs it
 * moved, in one statement (migration 18), as migration 16's per-row triggers did.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/core/app';
import { persistRead } from '../../../src-main/core/stock/levels';
import { level, makeApp, stockRow as row } from './fixtures';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Four ERP SKUs in W1, each linked to one listing SKU (id 1 → A, 2 → B, …); the marks cleared. */
function store(): App {
  app = makeApp({ source: null }).app;
  const db = app.db;
  persistRead(db, { runId: 1, now: '2026-03-02T01:00:00.000Z', rows: ['A', 'B', 'C', 'D'].map((s) => row(s, 5)) });
  db.exec(`
    INSERT INTO stock_listings (product_id, title, seen_at) VALUES ('P1', '杯子', '2026-03-02T01:00:00.000Z');
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

describe('persist marks what it moved', () => {
  it('a read marks the SKUs whose available, safety or in-transit figure changed, and new ones; the same figures mark nothing', () => {
    const a = store();
    const r = persistRead(a.db, {
      runId: 2,
      now: '2026-03-02T01:05:00.000Z',
      rows: [row('A', 5), row('B', 4), row('C', 5, { safety: 2 }), row('D', 5, { inTransit: 9 }), row('E', 1)],
    });
    expect(r).toMatchObject({ written: 5, changed: 4 });
    expect(marks(a)).toEqual([2, 3, 4, 5]);
    expect(a.db.prepare('SELECT count(*) FROM auto_changed_quiet').pluck().get()).toBe(0);
    // Seen again, unchanged: the seen time moves, no mark.
    a.db.exec('DELETE FROM auto_changed');
    persistRead(a.db, { runId: 3, now: '2026-03-02T01:10:00.000Z', rows: [row('A', 5), row('B', 4)] });
    expect(marks(a)).toEqual([]);
    expect(a.db.prepare("SELECT seen_at, run_id, changed_at FROM stock_levels WHERE sku = 'A'").get()).toEqual({
      seen_at: '2026-03-02T01:10:00.000Z',
      run_id: 3,
      changed_at: '2026-03-02T01:00:00.000Z',
    });
  });

  it('the same run written twice at the same time still marks only what the second write moved', () => {
    const a = store();
    const now = '2026-03-02T01:05:00.000Z';
    persistRead(a.db, { runId: 2, now, rows: [row('A', 4)] });
    a.db.exec('DELETE FROM auto_changed');
    // A's row already carries run 2 and this time: the per-row triggers mark instead.
    const r = persistRead(a.db, { runId: 2, now, rows: [row('A', 4), row('B', 3)] });
    expect(marks(a)).toEqual([2]);
    expect(r.written).toBe(2);
  });

  it('a failed write leaves no marks and no quiet row', () => {
    const a = store();
    expect(() =>
      a.db.transaction(() => {
        persistRead(a.db, { runId: 2, now: '2026-03-02T01:05:00.000Z', rows: [row('A', 0)] });
        throw new Error('the run failed after the write');
      })(),
    ).toThrow(/run failed/);
    expect(marks(a)).toEqual([]);
    expect(a.db.prepare('SELECT count(*) FROM auto_changed_quiet').pluck().get()).toBe(0);
    expect(level(a, 'A', 'W1')).toMatchObject({ available: 5 });
  });
});
