import type { Migration } from './index';

/**
 * A full read in the foreground writes only the stock figures that moved: rewriting every row to
 * note that it was seen cost more than a raw upsert of all of them at 100k rows (a quarter of the
 * figures move in a typical read). What it saw unchanged is kept once per ERP warehouse instead: the
 * read saw every figure of the warehouse that is not stale, since those it missed were flagged stale
 * in the same transaction (stock/seen.ts reads a figure's last sighting from both).
 */
export const m020_stock_seen: Migration = {
  version: 20,
  name: 'stock: the last full read that saw every fresh figure of a warehouse, kept once per warehouse',
  up(db) {
    db.exec(`
      CREATE TABLE stock_levels_seen (
        erp_warehouse_id TEXT PRIMARY KEY,
        run_id INTEGER NOT NULL,     -- the full read that saw every figure of the warehouse not flagged stale
        seen_at TEXT NOT NULL        -- when it was stored
      ) WITHOUT ROWID;
    `);
  },
};
