/**
 * One 100k-SKU stock run in its own process, so its peak resident memory is its own:
 *   tsx bench/stockRunChild.ts run DIR N       the product's run on a seeded data folder (seeded by
 *                                              the parent: this process holds no seeding state)
 *   tsx bench/stockRunChild.ts baseline DIR N  only the raw SQLite baseline, in its own short process
 *                                              (run just before and just after the run child, so the
 *                                              run child holds no raw arrays or raw database)
 * Prints one JSON line.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { stockSync } from '../src-main/core/stock/sync';
import { resolveAndStore } from '../src-main/core/stock/resolve';
import { setStockPorts } from '../src-main/core/stock/ports';
import type { StockSource } from '../src-main/core/stock/source';
import { TongtoolStockSource } from '../src-main/core/connectors/tongtool/stockSource';
import { decideRun } from '../src-main/core/auto/engine';
import { changedScope } from '../src-main/core/auto/changed';
import { persistRead } from '../src-main/core/stock/levels';
import { prng } from './catalogue';
import { MemoryErp, openSeeded } from './seed';

interface RawRow {
  sku: string;
  warehouseId: string;
  available: number;
  safety: number;
}

/** What changed in the ERP since the seeded read: 5% sold out, 20% other figures. */
function changeErp(erp: MemoryErp): void {
  const r = prng(99);
  const a = erp.available;
  for (let i = 0; i < erp.n; i++) {
    const x = r();
    if (x < 0.05) a[i] = 0;
    else if (x < 0.25) a[i] = Math.max(1, a[i]! - 1 - Math.floor(r() * 5));
  }
}

function rawRows(erp: MemoryErp): RawRow[] {
  const out: RawRow[] = [];
  for (let i = 0; i < erp.n; i++) {
    const r = erp.row(i);
    out.push({ sku: r.goodsSku, warehouseId: r.warehouseIdKey, available: r.availableStockQuantity, safety: r.safetyStock ?? 0 });
  }
  return out;
}

/** The floor: the same rows upserted with one prepared statement in one transaction, same pragmas as the app. */
function rawBaseline(dir: string, before: RawRow[], after: RawRow[]): number {
  const db = new Database(join(dir, `raw-${process.pid}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS stock (sku TEXT NOT NULL, warehouse_id TEXT NOT NULL, available INTEGER NOT NULL, safety INTEGER NOT NULL, seen_at TEXT NOT NULL, PRIMARY KEY (sku, warehouse_id))',
  );
  const upsert = db.prepare(
    'INSERT INTO stock (sku, warehouse_id, available, safety, seen_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(sku, warehouse_id) DO UPDATE SET available = excluded.available, safety = excluded.safety, seen_at = excluded.seen_at',
  );
  const write = (rows: RawRow[], at: string) =>
    db.transaction(() => {
      for (const r of rows) upsert.run(r.sku, r.warehouseId, r.available, r.safety, at);
    })();
  write(before, '2026-03-02T01:00:00.000Z'); // the stored state, as in the app's folder
  const t = performance.now();
  write(after, '2026-03-02T01:30:00.000Z');
  const ms = performance.now() - t;
  db.close();
  return ms;
}

/**
 * A later read that moved 1% of the SKUs (what the change feed brings in a minute or so), then the
 * decide pass alone; and a full pass for reference (after a setting change, or when in doubt).
 */
function decideAfterOnePercent(s: ReturnType<typeof openSeeded>): { decide1Ms: number; decideFullMs: number; decided1: number } {
  // The steady state: the sender has sent the run's actions (at 10 a second, minutes) and a pass
  // has taken in the new bind states; then the next read moves 1% of the SKUs.
  const db = s.app.db;
  db.transaction(() => {
    db.exec(
      "UPDATE stock_listing_skus SET bind_status = CASE (SELECT kind FROM auto_actions a WHERE a.listing_sku_id = stock_listing_skus.id AND a.state = 'queued') WHEN 'unbind' THEN 1 ELSE 2 END WHERE id IN (SELECT listing_sku_id FROM auto_actions WHERE state = 'queued')",
    );
    db.exec("UPDATE auto_actions SET state = 'done' WHERE state = 'queued'");
  })();
  decideRun(s.app, 'bench');
  const r = prng(7);
  const picked: number[] = [];
  for (let i = 0; i < s.erp.n; i++) if (r() < 0.01) picked.push(i);
  const rows = picked
    .map((i) => s.erp.row(i))
    .map((x) => ({
      sku: x.goodsSku,
      warehouseId: x.warehouseIdKey,
      warehouseName: x.warehouseName ?? x.warehouseIdKey,
      available: r() < 0.3 ? 0 : x.availableStockQuantity + 1 + Math.floor(r() * 9),
    }));
  s.clock.advance(60_000);
  const now = new Date(s.clock.now()).toISOString();
  persistRead(db, { runId: 0, now, rows });
  const decided1 = changedScope(db, { predictive: false, lastSyncFailed: false }).ids?.length ?? -1;
  const t = performance.now();
  decideRun(s.app, 'bench');
  const decide1Ms = performance.now() - t;
  const t2 = performance.now();
  decideRun(s.app, 'bench', { full: true });
  return { decide1Ms, decideFullMs: performance.now() - t2, decided1 };
}

async function main() {
  const [mode, dir, nText] = process.argv.slice(2);
  if (!dir) throw new Error('usage: stockRunChild <mode> <dir> <n>');
  const n = Number(nText);
  if (mode === 'baseline') {
    const erp = new MemoryErp(n);
    const before = rawRows(erp);
    changeErp(erp);
    const baselineMs = rawBaseline(dir, before, rawRows(erp));
    process.stdout.write(`${JSON.stringify({ baselineMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
    return;
  }
  const s = openSeeded(dir, n);
  // Time spent in the source (paging + normalising Tongtool rows), for the breakdown.
  let sourceMs = 0;
  const inner = new TongtoolStockSource(s.erp.client(), 'tongtool', s.clock);
  const timed =
    <T>(f: () => Promise<T>) =>
    async () => {
      const t0 = performance.now();
      try {
        return await f();
      } finally {
        sourceMs += performance.now() - t0;
      }
    };
  const source: StockSource = {
    kind: 'tongtool',
    listWarehouses: (o) => timed(() => inner.listWarehouses(o))(),
    readAll: (o) => timed(() => inner.readAll(o))(),
    readChangesSince: (w, since, o) => timed(() => inner.readChangesSince(w, since, o))(),
    readProducts: (o) => timed(() => inner.readProducts(o))(),
  };
  setStockPorts(s.app, { source: () => source });
  changeErp(s.erp);
  s.clock.advance(30 * 60_000);
  // What this process holds before the run (runtime, open app, the ERP stand-in): the run's own growth is peak − this.
  const rssBeforeKb = process.memoryUsage().rss / 1024;
  const t = performance.now();
  const run = await stockSync(s.app).run({ trigger: 'manual', strategy: 'full' });
  const tSync = performance.now();
  const decided = decideRun(s.app, 'bench');
  const runMs = performance.now() - t;
  const maxRssKb = process.resourceUsage().maxRSS;
  if (run.status !== 'ok') throw new Error(`stock run failed: ${JSON.stringify(run.errors)}`);
  // The run resolves only when a mapping input changed (here none did: stock figures only), so its
  // resolve time is the check. A full pass, as after a rule change, is measured on its own.
  const timings = stockSync(s.app).lastTimings;
  if (!timings) throw new Error('the stock run recorded no timings');
  const resolveMs = timings.resolveMs;
  const t2 = performance.now();
  resolveAndStore(s.app.db, 'insensitive', new Date(s.clock.now()).toISOString());
  const fullResolveMs = performance.now() - t2;
  const outbox = s.app.db
    .prepare("SELECT count(*) FROM auto_actions WHERE run_id = ? AND state = 'queued'")
    .pluck()
    .get(decided.id) as number;
  const { decide1Ms, decideFullMs, decided1 } = decideAfterOnePercent(s);
  await s.app.close();
  process.stdout.write(
    `${JSON.stringify({ runMs, sourceMs, persistMs: tSync - t - sourceMs - resolveMs, resolveMs, resolved: timings.resolved, fullResolveMs, decideMs: runMs - (tSync - t), decide1Ms, decideFullMs, decided1, rssBeforeKb, maxRssKb, rowsRead: run.rowsRead, rowsChanged: run.rowsChanged, outbox })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
