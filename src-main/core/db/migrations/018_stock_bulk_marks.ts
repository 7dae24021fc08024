import type { Migration } from './index';

/**
 * A stock read marks the listing SKUs it moved in one statement, not one trigger body per row: at
 * 100k stock rows with a quarter of the figures changed, migration 16's per-row marks cost as much
 * as writing every row. The bulk writer (stock/levels.ts persistRead) puts the one row of
 * auto_changed_quiet inside its own transaction, writes the figures, takes the row out and marks
 * the SKUs whose figures it changed or inserted. Every other write to stock_levels (a stale flag,
 * a figure corrected by hand, a test) finds the table empty and marks through the triggers as before.
 */
const bySku = (sku: string) =>
  `DELETE FROM auto_changed WHERE listing_sku_id IN (SELECT listing_sku_id FROM stock_sku_links WHERE erp_sku = ${sku});
   INSERT INTO auto_changed (listing_sku_id) SELECT listing_sku_id FROM stock_sku_links WHERE erp_sku = ${sku};`;

export const m018_stock_bulk_marks: Migration = {
  version: 18,
  name: 'stock: a bulk stock write marks the listing SKUs it moved in one statement (the per-row triggers stand aside)',
  up(db) {
    db.exec(`
      -- At most one row, and only inside a bulk stock write's transaction (never committed).
      CREATE TABLE auto_changed_quiet (id INTEGER PRIMARY KEY CHECK (id = 1));

      DROP TRIGGER auto_changed_level_ins;
      DROP TRIGGER auto_changed_level_upd;
      CREATE TRIGGER auto_changed_level_ins AFTER INSERT ON stock_levels
        WHEN NOT EXISTS (SELECT 1 FROM auto_changed_quiet)
        BEGIN ${bySku('NEW.sku')} END;
      CREATE TRIGGER auto_changed_level_upd AFTER UPDATE OF available, safety, stale, in_transit ON stock_levels
        WHEN (OLD.available IS NOT NEW.available OR OLD.safety IS NOT NEW.safety OR OLD.stale IS NOT NEW.stale
          OR OLD.in_transit IS NOT NEW.in_transit) AND NOT EXISTS (SELECT 1 FROM auto_changed_quiet)
        BEGIN ${bySku('NEW.sku')} END;
    `);
  },
};
