import type { Migration } from './index';

/**
 * The oversell-risk summary (the header switch, the tray, `auto status`) read the whole catalogue's
 * stock join on the first call after any write: 0.5–0.9 s at 100k listing SKUs, during which the
 * web host answered nothing else. Each decision pass now also stores the SKU's risk kind, worked out
 * from the inputs it read anyway (the same formula as the risk model, risk.ts), and triggers count
 * them; the summary reads the counts and works out only the SKUs marked since the last pass again.
 *
 * `risk`: the kind ('zero', 'stale', …), '' for none (stock to sell, or not on sale), NULL while
 * not worked out (until the full pass below). The partial index finds those NULLs at once.
 */
export const m022_auto_risk_kind: Migration = {
  version: 22,
  name: 'auto: each SKU’s oversell-risk kind stored by the decision passes, counted by triggers',
  up(db) {
    db.exec(`
      ALTER TABLE auto_sku_state ADD COLUMN risk TEXT;
      CREATE INDEX auto_sku_state_risk_unknown ON auto_sku_state(listing_sku_id) WHERE risk IS NULL;

      CREATE TABLE auto_risk_counts (
        kind TEXT PRIMARY KEY,
        n INTEGER NOT NULL                        -- listing SKUs whose stored risk is this kind
      ) WITHOUT ROWID;
      CREATE TRIGGER auto_risk_count_ins AFTER INSERT ON auto_sku_state WHEN NEW.risk != '' BEGIN
        INSERT INTO auto_risk_counts (kind, n) VALUES (NEW.risk, 1) ON CONFLICT(kind) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER auto_risk_count_upd AFTER UPDATE OF risk ON auto_sku_state WHEN OLD.risk IS NOT NEW.risk BEGIN
        UPDATE auto_risk_counts SET n = n - 1 WHERE kind = OLD.risk;
        INSERT INTO auto_risk_counts (kind, n) SELECT NEW.risk, 1 WHERE NEW.risk != '' ON CONFLICT(kind) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER auto_risk_count_del AFTER DELETE ON auto_sku_state BEGIN
        UPDATE auto_risk_counts SET n = n - 1 WHERE kind = OLD.risk;
      END;

      -- Once after the upgrade, a full pass (it works out every SKU's kind).
      DELETE FROM auto_changed WHERE listing_sku_id = 0;
      INSERT INTO auto_changed (listing_sku_id) VALUES (0);
    `);
  },
};
