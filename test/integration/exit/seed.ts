/** Raw-SQL seeds for the stock domain's tables, as a synced store would have them. */
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';

export function seedStock(
  app: App,
  levels: { sku: string; warehouse: string; available: number }[],
  listings: { sku: string; bind: 1 | 2 | 3 | 4 }[],
): void {
  const now = new Date(app.clock.now()).toISOString();
  const db = app.db;
  db.transaction(() => {
    const run = db
      .prepare("INSERT INTO stock_sync_runs (strategy, trigger, status, started_at, finished_at) VALUES ('full','manual','ok',?,?)")
      .run(now, now);
    const runId = Number(run.lastInsertRowid);
    for (const w of new Set(levels.map((l) => l.warehouse))) {
      db.prepare('INSERT OR IGNORE INTO stock_erp_warehouses (id, name, seen_at) VALUES (?, ?, ?)').run(`W-${w}`, w, now);
    }
    for (const l of levels) {
      db.prepare('INSERT OR IGNORE INTO stock_erp_skus (sku, seen_at) VALUES (?, ?)').run(l.sku, now);
      db.prepare('INSERT INTO stock_levels (sku, erp_warehouse_id, available, seen_at, run_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        l.sku,
        `W-${l.warehouse}`,
        l.available,
        now,
        runId,
        now,
      );
    }
    db.prepare("INSERT OR IGNORE INTO stock_listings (product_id, title, seen_at) VALUES ('100500', '示例商品', ?)").run(now);
    listings.forEach((l, i) =>
      db
        .prepare("INSERT INTO stock_listing_skus (product_id, sku_id, seller_sku, bind_status, seen_at) VALUES ('100500', ?, ?, ?, ?)")
        .run(`sku-${i}`, l.sku, l.bind, now),
    );
  })();
}

/** The seller checked Seller Center and answered "没有" to orders, disputes and debts (the deposit refund's preconditions). */
export async function answerNone(app: App): Promise<void> {
  for (const key of ['orders', 'disputes', 'debts'] as const) await call(app, 'exit.answerReadiness', { key, answer: 'clear' });
}
