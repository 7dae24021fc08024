import type { Migration } from './index';

/**
 * Decide cost bounded by what changed: a pass over the few SKUs a read moved used to read two side
 * tables over the whole scope (the last reason, and the last recorded sellable figure from the
 * history, a max(rowid) per SKU) and count every SKU's reason for the run's counts. The last
 * recorded figure now sits beside the last reason (one row per SKU the input read joins), and the
 * reason counts are kept by triggers, so a pass reads a handful of rows for them, not 100k.
 * The history keeps its rows for the sales rates; pruning it no longer moves a decision, so it no
 * longer marks SKUs.
 */
export const m019_auto_sku_state: Migration = {
  version: 19,
  name: 'auto: last recorded sellable per SKU beside its last reason, and the reason counts kept by triggers',
  up(db) {
    db.exec(`
      ALTER TABLE auto_sku_state ADD COLUMN sellable INTEGER;  -- the last figure written to auto_stock_history (null: none)
      -- A SKU with history but no stored reason yet gets a placeholder reason: the full pass below replaces it.
      INSERT INTO auto_sku_state (listing_sku_id, reason)
        SELECT DISTINCT h.listing_sku_id, '' FROM auto_stock_history h
        WHERE NOT EXISTS (SELECT 1 FROM auto_sku_state s WHERE s.listing_sku_id = h.listing_sku_id);
      UPDATE auto_sku_state SET sellable = (
        SELECT h.sellable FROM auto_stock_history h WHERE h.listing_sku_id = auto_sku_state.listing_sku_id ORDER BY h.rowid DESC LIMIT 1);

      CREATE TABLE auto_reason_counts (
        reason TEXT PRIMARY KEY,
        n INTEGER NOT NULL                        -- listing SKUs whose last reason this is
      ) WITHOUT ROWID;
      INSERT INTO auto_reason_counts (reason, n) SELECT reason, count(*) FROM auto_sku_state GROUP BY reason;
      CREATE TRIGGER auto_reason_count_ins AFTER INSERT ON auto_sku_state BEGIN
        INSERT INTO auto_reason_counts (reason, n) VALUES (NEW.reason, 1) ON CONFLICT(reason) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER auto_reason_count_upd AFTER UPDATE OF reason ON auto_sku_state WHEN OLD.reason IS NOT NEW.reason BEGIN
        UPDATE auto_reason_counts SET n = n - 1 WHERE reason = OLD.reason;
        INSERT INTO auto_reason_counts (reason, n) VALUES (NEW.reason, 1) ON CONFLICT(reason) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER auto_reason_count_del AFTER DELETE ON auto_sku_state BEGIN
        UPDATE auto_reason_counts SET n = n - 1 WHERE reason = OLD.reason;
      END;

      DROP TRIGGER IF EXISTS auto_changed_history_del;
      -- Once after the upgrade, a full pass (it replaces the placeholder reasons).
      DELETE FROM auto_changed WHERE listing_sku_id = 0;
      INSERT INTO auto_changed (listing_sku_id) VALUES (0);
    `);
  },
};
