import type { Migration } from './index';

/**
 * The listing SKUs by bind state, counted by triggers: `auto status`, the header switch and the tray
 * show them, and after every write (a stock run, a send) the first of them counted the catalogue
 * again (20–30 ms at 100k listing SKUs, in the one-call-at-a-time web host). Migration 21's count of
 * the bound ones stays for the mass-unbind gate.
 */
export const m023_auto_bind_counts: Migration = {
  version: 23,
  name: 'auto: the listing SKUs by bind state counted by triggers',
  up(db) {
    db.exec(`
      CREATE TABLE auto_bind_counts (
        bind_status INTEGER PRIMARY KEY,
        n INTEGER NOT NULL                        -- listing SKUs in this bind state
      );
      INSERT INTO auto_bind_counts (bind_status, n) SELECT bind_status, count(*) FROM stock_listing_skus GROUP BY bind_status;
      CREATE TRIGGER auto_bind_count_ins AFTER INSERT ON stock_listing_skus BEGIN
        INSERT INTO auto_bind_counts (bind_status, n) VALUES (NEW.bind_status, 1) ON CONFLICT(bind_status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER auto_bind_count_upd AFTER UPDATE OF bind_status ON stock_listing_skus WHEN OLD.bind_status IS NOT NEW.bind_status BEGIN
        UPDATE auto_bind_counts SET n = n - 1 WHERE bind_status = OLD.bind_status;
        INSERT INTO auto_bind_counts (bind_status, n) VALUES (NEW.bind_status, 1) ON CONFLICT(bind_status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER auto_bind_count_del AFTER DELETE ON stock_listing_skus BEGIN
        UPDATE auto_bind_counts SET n = n - 1 WHERE bind_status = OLD.bind_status;
      END;
    `);
  },
};
