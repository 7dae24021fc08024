/**
 * Decide only what changed (changed.ts, migration 16): on random histories of stock reads, mapping
 * changes, pins, category switches and marketplace outcomes, a store deciding incrementally ends up
 * with exactly the runs, decisions, outbox, stock-out episodes and history of a twin store that
 * decides everything on every pass. Seeded, so a failure replays.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/core/app';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { persistRead } from '../../../src-main/core/stock/levels';
import { storeListingSkus } from '../../../src-main/core/stock/listings';
import { resolveAndStore } from '../../../src-main/core/stock/resolve';
import { linkManually, unlinkManual } from '../../../src-main/core/stock/skuLinks';
import { saveStoreWarehouse } from '../../../src-main/core/stock/warehouses';
import { linkToWarehouse, unlinkFromWarehouse } from '../../../src-main/core/stock/warehouseLinks';
import { toggleCategory } from '../../../src-main/core/stock/categories';
import { writeAutoSettings } from '../../../src-main/core/auto/settings';
import { setPins } from '../../../src-main/core/auto/pins';
import { decideRun } from '../../../src-main/core/auto/engine';
import { changedScope, finishScope } from '../../../src-main/core/auto/changed';
import { riskModel, riskSummary, storedRiskCounts } from '../../../src-main/core/auto/risk';
import { seededRng, int, pick, type Rng } from '../../../src-main/core/connectors/demo/prng';
import type { StockRow } from '../../../src-main/core/stock/source';

const ERP = Array.from({ length: 24 }, (_, i) => `E${i}`);
const CATEGORIES = ['服装', '家居', '数码'];
const WAREHOUSES = [
  { id: 'W1', name: '义乌仓', active: true },
  { id: 'W2', name: '深圳仓', active: true },
];
const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const iso = (clock: ManualClock) => new Date(clock.now()).toISOString();

function open(): { app: App; clock: ManualClock } {
  const dir = mkdtempSync(join(tmpdir(), 'desk-incr-'));
  dirs.push(dir);
  const clock = new ManualClock(Date.parse('2026-03-02T01:00:00Z'));
  const app = createApp({ dataDir: dir, host: 'cli', clock });
  apps.push(app);
  return { app, clock };
}

/** The same store twice: 30 listing SKUs (a few unmapped), both warehouses paired, the switch on. */
function setUp(app: App, clock: ManualClock): void {
  const now = iso(clock);
  const rows: StockRow[] = ERP.flatMap((sku, i) =>
    WAREHOUSES.filter((_, k) => (i + k) % 3 !== 0).map((w) => ({
      sku,
      warehouseId: w.id,
      warehouseName: w.name,
      available: 3 + (i % 7),
      safety: i % 2,
      category: CATEGORIES[i % 3],
    })),
  );
  persistRead(app.db, { runId: 0, now, rows, warehouses: WAREHOUSES, snapshotOf: null });
  storeListingSkus(
    app.db,
    Array.from({ length: 30 }, (_, i) => ({
      productId: `P${Math.floor(i / 3)}`,
      productTitle: `商品 ${i}`,
      productType: 0,
      skuId: `S${i}`,
      sellerSku: ERP[i] ?? `X${i}`,
      skuStock: 10,
      skuStatus: 'active',
      bindStatus: 2,
      scItemId: i % 11 === 5 ? '' : `G${i}`,
    })),
    now,
  );
  resolveAndStore(app.db, 'insensitive', now);
  const ids = listingIds(app);
  WAREHOUSES.forEach((w, k) => {
    const { id } = saveStoreWarehouse(app.db, { name: w.name, erpWarehouseId: w.id }, now);
    linkToWarehouse(
      app.db,
      { storeWarehouseId: id, listingSkuIds: ids.filter((_, i) => i % 2 === k || i % 5 === 0), selection: null },
      now,
    );
  });
  writeAutoSettings(app.db, { enabled: true, massUnbindShare: 0.5, massUnbindCount: 12 }, now);
}

const listingIds = (app: App) => app.db.prepare('SELECT id FROM stock_listing_skus ORDER BY id').pluck().all() as number[];

/** One random change, the same on both stores (each op draws from its own copy of the generator). */
function change(app: App, clock: ManualClock, r: Rng, runId: number): void {
  const now = iso(clock);
  const ids = listingIds(app);
  const op = r();
  if (op < 0.45) {
    // A stock read: a few figures (often to zero, sometimes oversold), sometimes change rows without safety.
    const rows: StockRow[] = [];
    for (let k = int(r, 1, 6); k > 0; k--) {
      const x = r();
      const w = pick(r, WAREHOUSES);
      rows.push({
        sku: pick(r, ERP),
        warehouseId: w.id,
        warehouseName: w.name,
        available: x < 0.35 ? 0 : x < 0.4 ? -2 : int(r, 1, 12),
        safety: r() < 0.3 ? undefined : int(r, 0, 2),
      });
    }
    const full = r() < 0.1;
    persistRead(app.db, { runId, now, rows, snapshotOf: full ? [pick(r, WAREHOUSES).id] : undefined });
  } else if (op < 0.6) {
    const id = pick(r, ids);
    if (r() < 0.6) linkManually(app.db, id, pick(r, ERP), now);
    else unlinkManual(app.db, id);
    resolveAndStore(app.db, 'insensitive', now);
  } else if (op < 0.72) {
    setPins(app, [pick(r, ids)], pick(r, ['auto', 'always_bound', 'always_unbound'] as const));
  } else if (op < 0.87) {
    // What the marketplace answered: open actions end one way or another, bind states move.
    const open = app.db.prepare("SELECT id, listing_sku_id, kind FROM auto_actions WHERE state IN ('queued','held') ORDER BY id").all() as {
      id: number;
      listing_sku_id: number;
      kind: string;
    }[];
    for (const a of open) {
      const y = r();
      if (y < 0.5) {
        app.db.prepare("UPDATE auto_actions SET state = 'done', finished_at = ? WHERE id = ?").run(now, a.id);
        app.db.prepare('UPDATE stock_listing_skus SET bind_status = ? WHERE id = ?').run(a.kind === 'bind' ? 2 : 1, a.listing_sku_id);
      } else if (y < 0.7) app.db.prepare("UPDATE auto_actions SET state = 'failed', finished_at = ? WHERE id = ?").run(now, a.id);
      else if (y < 0.8) app.db.prepare("UPDATE auto_actions SET state = 'review' WHERE id = ?").run(a.id);
    }
    if (r() < 0.5) app.db.prepare('UPDATE stock_listing_skus SET bind_status = ? WHERE id = ?').run(int(r, 1, 4), pick(r, ids));
  } else if (op < 0.93) {
    toggleCategory(app.db, { name: pick(r, CATEGORIES), enabled: r() < 0.5, confirm: true }, now);
  } else {
    const storeIds = app.db.prepare('SELECT id FROM stock_store_warehouses ORDER BY id').pluck().all() as number[];
    const w = pick(r, storeIds);
    const id = pick(r, ids);
    if (r() < 0.5) linkToWarehouse(app.db, { storeWarehouseId: w, listingSkuIds: [id], selection: null }, now);
    else unlinkFromWarehouse(app.db, w, [id]);
  }
}

/** Everything a pass writes, without ids and times that differ only by construction. */
function written(app: App): unknown {
  const q = (sql: string) => app.db.prepare(sql).all();
  return {
    runs: (q('SELECT status, counts, gate FROM auto_runs ORDER BY id') as { status: string; counts: string; gate: string | null }[]).map(
      (x) => ({ ...x, counts: JSON.parse(x.counts) as unknown }),
    ),
    decisions: q('SELECT run_id, listing_sku_id, outcome, sellable, detail FROM auto_decisions ORDER BY id'),
    actions: q('SELECT run_id, listing_sku_id, kind, state, last_error FROM auto_actions ORDER BY id'),
    stockouts: q('SELECT listing_sku_id, first_seen_at, stock_changed_at, ended_at FROM auto_stockouts ORDER BY id'),
    history: q('SELECT listing_sku_id, at, sellable FROM auto_stock_history ORDER BY rowid'),
  };
}

describe('decide only what changed', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`equals a full pass on a random history of stock, mapping, pin and outcome changes (seed ${seed})`, () => {
      const a = open();
      const b = open();
      setUp(a.app, a.clock);
      setUp(b.app, b.clock);
      const ra = seededRng(seed);
      const rb = seededRng(seed);
      let partial = 0;
      for (let step = 1; step <= 40; step++) {
        for (let k = int(ra, 1, 3), kb = int(rb, 1, 3); k > 0; k--, kb--) {
          change(a.app, a.clock, ra, step);
          change(b.app, b.clock, rb, step);
          expect(kb).toBe(k);
        }
        a.clock.advance(60_000);
        b.clock.advance(60_000);
        const scope = changedScope(a.app.db, { predictive: false, lastSyncFailed: false });
        if (scope.ids && scope.ids.length < listingIds(a.app).length) partial++;
        decideRun(a.app, 'stock');
        decideRun(b.app, 'stock', { full: true });
        expect(written(a.app), `step ${step}`).toEqual(written(b.app));
      }
      // The incremental store did decide fewer SKUs on most passes.
      expect(partial).toBeGreaterThan(20);
    });
  }

  it('marks: a fresh or upgraded database decides everything once; then a figure marks its listing SKUs, a setting marks all', () => {
    const { app, clock } = open();
    setUp(app, clock);
    // Listing SKUs with open actions are decided on every pass.
    const openIds = () =>
      app.db
        .prepare("SELECT DISTINCT listing_sku_id FROM auto_actions WHERE state IN ('held','queued','sent','review')")
        .pluck()
        .all() as number[];
    const scope = () =>
      changedScope(app.db, { predictive: false, lastSyncFailed: false }).ids?.filter((id) => !openIds().includes(id)) ?? null;
    expect(scope()).toBeNull();
    decideRun(app, 'stock');
    expect(scope()).toEqual([]);
    const e3 = app.db.prepare("SELECT listing_sku_id FROM stock_sku_links WHERE erp_sku = 'E3'").pluck().all();
    persistRead(app.db, {
      runId: 9,
      now: iso(clock),
      rows: [{ sku: 'E3', warehouseId: 'W2', warehouseName: '深圳仓', available: 0, safety: 0 }],
    });
    expect(scope()).toEqual(e3);
    // The same figure again marks nothing (seen time and run id alone never change a decision).
    decideRun(app, 'stock');
    persistRead(app.db, {
      runId: 10,
      now: iso(clock),
      rows: [{ sku: 'E3', warehouseId: 'W2', warehouseName: '深圳仓', available: 0, safety: 0 }],
    });
    expect(scope()).toEqual([]);
    writeAutoSettings(app.db, { rebindThreshold: 3 }, iso(clock));
    expect(scope()).toBeNull();
    expect(changedScope(app.db, { predictive: true, lastSyncFailed: false }).ids).toBeNull();
  });

  it('the last recorded figure and the reason counts live beside each SKU (migration 19): pruned history is not written again, nor does it mark', () => {
    const { app, clock } = open();
    setUp(app, clock);
    decideRun(app, 'stock');
    const history = () => app.db.prepare('SELECT count(*) FROM auto_stock_history').pluck().get() as number;
    const recorded = history();
    expect(recorded).toBeGreaterThan(0);
    // The stored figure is the last one written to the history.
    expect(
      app.db
        .prepare(
          'SELECT count(*) FROM auto_sku_state s WHERE s.sellable IS NOT (SELECT h.sellable FROM auto_stock_history h WHERE h.listing_sku_id = s.listing_sku_id ORDER BY h.rowid DESC LIMIT 1)',
        )
        .pluck()
        .get(),
    ).toBe(0);
    const byReason = () =>
      Object.fromEntries(app.db.prepare('SELECT reason, count(*) FROM auto_sku_state GROUP BY reason').raw().all() as [string, number][]);
    const kept = () =>
      Object.fromEntries(app.db.prepare('SELECT reason, n FROM auto_reason_counts WHERE n > 0').raw().all() as [string, number][]);
    expect(kept()).toEqual(byReason());

    // Eight days without a change: the pass prunes the history, and nothing is marked or written again.
    clock.advance(8 * 86400_000);
    decideRun(app, 'stock');
    expect(history()).toBe(0);
    const openIds = app.db
      .prepare("SELECT listing_sku_id FROM auto_actions WHERE state IN ('held','queued','sent','review')")
      .pluck()
      .all();
    expect(changedScope(app.db, { predictive: false, lastSyncFailed: false }).ids?.filter((id) => !openIds.includes(id))).toEqual([]);
    decideRun(app, 'stock');
    expect(history()).toBe(0);

    // A figure that moves is recorded again, and a pass over a few counts the whole catalogue from the kept counts.
    const e3 = app.db.prepare("SELECT listing_sku_id FROM stock_sku_links WHERE erp_sku = 'E3'").pluck().all();
    persistRead(app.db, {
      runId: 9,
      now: iso(clock),
      rows: [{ sku: 'E3', warehouseId: 'W2', warehouseName: '深圳仓', available: 0, safety: 0 }],
    });
    decideRun(app, 'stock');
    expect(history()).toBeGreaterThan(0);
    expect(history()).toBeLessThanOrEqual(e3.length);
    const counts = JSON.parse(app.db.prepare('SELECT counts FROM auto_runs ORDER BY id DESC LIMIT 1').pluck().get() as string) as {
      considered: number;
      byReason: Record<string, number>;
    };
    expect(counts.considered).toBe(listingIds(app).length);
    expect(counts.byReason).toEqual(byReason());
    expect(kept()).toEqual(byReason());
  });
  it('a pass clears the marks it read, all at once when none came after, and a mark made meanwhile stays for the next pass', () => {
    const { app, clock } = open();
    setUp(app, clock);
    decideRun(app, 'stock');
    const db = app.db;
    const marks = () => db.prepare('SELECT listing_sku_id FROM auto_changed ORDER BY seq').pluck().all();
    const seqs = () => db.prepare('SELECT seq FROM auto_changed ORDER BY seq').pluck().all() as number[];
    const [a, b, c] = listingIds(app);
    const mark = (id: number | undefined) => {
      db.prepare('DELETE FROM auto_changed WHERE listing_sku_id = ?').run(id);
      db.prepare('INSERT INTO auto_changed (listing_sku_id) VALUES (?)').run(id);
    };
    mark(a);
    mark(b);
    // Nothing came after: every mark goes.
    let scope = changedScope(db, { predictive: false, lastSyncFailed: false });
    const highest = Math.max(...seqs());
    db.transaction(() => finishScope(db, scope, [], false))();
    expect(marks()).toEqual([]);
    // A new mark is still above every one read (AUTOINCREMENT keeps the highest).
    mark(a);
    expect(seqs()[0]).toBeGreaterThan(highest);
    // One made after the pass read its scope stays; the ones it read go.
    scope = changedScope(db, { predictive: false, lastSyncFailed: false });
    mark(c);
    db.transaction(() => finishScope(db, scope, [], false))();
    expect(marks()).toEqual([c]);
    // Decided on a failed read: everything is marked for the next pass.
    scope = changedScope(db, { predictive: false, lastSyncFailed: false });
    db.transaction(() => finishScope(db, scope, [], true))();
    expect(marks()).toEqual([0]);
  });
  for (const seed of [11, 12, 13]) {
    it(`the risk summary from the kinds the passes stored equals the whole read, between passes too, on a random history (seed ${seed})`, () => {
      const { app, clock } = open();
      setUp(app, clock);
      const r = seededRng(seed);
      const whole = () => riskModel(app.db, clock.now(), { rows: false }).counts;
      // Before any pass nothing is worked out: the summary reads the whole join.
      expect(storedRiskCounts(app.db)).toBeNull();
      expect(riskSummary(app.db, clock.now()).counts).toEqual(whole());
      decideRun(app, 'stock');
      let stored = 0;
      for (let step = 1; step <= 40; step++) {
        for (let k = int(r, 1, 3); k > 0; k--) {
          change(app, clock, r, step);
          // Marked since the last pass: the summary works those SKUs out again from the stored stock.
          const counts = storedRiskCounts(app.db);
          if (counts) {
            stored++;
            expect(counts, `step ${step}`).toEqual(whole());
          }
          expect(riskSummary(app.db, clock.now()).counts, `step ${step}`).toEqual(whole());
        }
        clock.advance(60_000);
        decideRun(app, 'stock', { full: r() < 0.2 });
        expect(storedRiskCounts(app.db), `after the pass of step ${step}`).toEqual(whole());
      }
      // Most summaries came from the stored kinds (a setting change asks for a full pass first).
      expect(stored).toBeGreaterThan(40);
      // Every kind the history reached was counted at some point.
      expect(Object.values(whole()).some((n) => n > 0)).toBe(true);
    });
  }
});
