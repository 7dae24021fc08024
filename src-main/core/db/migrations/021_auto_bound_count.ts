import type { Migration } from './index';

/**
 * The bound listing SKUs, counted by triggers: the mass-unbind gate weighs a pass's unbinds against
 * them on every pass that unbinds, and counting them was a scan of the whole catalogue (10–15 ms of
 * a 100k store's pass after a 1% read, a sixth of it). An index on the bind state would make the
 * count cheaper but not free, and the planner then takes it for the risk model's and the exit's
 * reads by bind state, sorting 100k rows it now streams in id order.
 *
 * Also: the index on the last decision reason served the run's counts until migration 19 kept them
 * by triggers; nothing reads it since, and every reason that moves (thousands in a stock run with
 * sell-outs) rewrote an entry of it.
 */
// Bound now (BOUND_NOW): bound, or an unbind the marketplace refused.
const BOUND = (row: string) => `${row}.bind_status IN (2, 4)`;

export const m021_auto_bound_count: Migration = {
  version: 21,
  name: 'auto: the bound listing SKUs counted by triggers; the unread index on the last decision reason dropped',
  up(db) {
    db.exec(`
      CREATE TABLE auto_bound_count (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        n INTEGER NOT NULL                        -- listing SKUs bound now (bind_status 2 or 4)
      );
      INSERT INTO auto_bound_count (id, n) SELECT 1, count(*) FROM stock_listing_skus WHERE ${BOUND('stock_listing_skus')};
      CREATE TRIGGER auto_bound_count_ins AFTER INSERT ON stock_listing_skus WHEN ${BOUND('NEW')}
        BEGIN UPDATE auto_bound_count SET n = n + 1; END;
      CREATE TRIGGER auto_bound_count_upd AFTER UPDATE OF bind_status ON stock_listing_skus
        WHEN (${BOUND('OLD')}) IS NOT (${BOUND('NEW')})
        BEGIN UPDATE auto_bound_count SET n = n + CASE WHEN ${BOUND('NEW')} THEN 1 ELSE -1 END; END;
      CREATE TRIGGER auto_bound_count_del AFTER DELETE ON stock_listing_skus WHEN ${BOUND('OLD')}
        BEGIN UPDATE auto_bound_count SET n = n - 1; END;

      DROP INDEX IF EXISTS auto_sku_state_reason;
    `);
  },
};
