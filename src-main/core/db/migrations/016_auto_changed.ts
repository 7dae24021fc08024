import type { Migration } from './index';

/**
 * Decide only what changed: at 100k listing SKUs a decision pass over every one costs several times
 * a raw stock upsert, while a stock read moves a few percent of them. Triggers on everything a
 * decision reads mark the listing SKUs whose inputs moved; the engine decides those (plus SKUs with
 * open actions) and clears the marks it read. Listing SKU 0 stands for "all of them": changes that
 * reach every SKU (settings, warehouses and their pairing) ask for a full pass, as does a fresh
 * database. The last decision reason per SKU is kept so a pass over a few still counts the catalogue.
 */
// Delete, then insert: a re-marked SKU gets a new seq. Not INSERT OR REPLACE (a trigger takes the
// conflict policy of the statement that fired it), nor an upsert setting seq = max(seq) + 1 (SQLite
// works that subquery out once per statement, so two rows would get the same seq).
const mark = (select: string) => {
  const ids = select.startsWith('VALUES') ? select.slice(6) : `(${select})`;
  return `DELETE FROM auto_changed WHERE listing_sku_id IN ${ids}; INSERT INTO auto_changed (listing_sku_id) ${select};`;
};
const all = mark('VALUES (0)');
const bySku = (sku: string) => mark(`SELECT listing_sku_id FROM stock_sku_links WHERE erp_sku = ${sku}`);

export const m016_auto_changed: Migration = {
  version: 16,
  name: 'auto: change marks per listing SKU (decide only what changed) and the last decision reason per SKU',
  up(db) {
    db.exec(`
      -- seq grows with every mark (a re-marked SKU gets a new one): a pass clears only the
      -- marks it read, so one made while it ran is kept for the next.
      CREATE TABLE auto_changed (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,    -- never reused, so a new mark is always above the ones a pass read
        listing_sku_id INTEGER NOT NULL UNIQUE   -- 0: every listing SKU
      );
      INSERT INTO auto_changed (listing_sku_id) VALUES (0);

      CREATE TABLE auto_sku_state (
        listing_sku_id INTEGER PRIMARY KEY,
        reason TEXT NOT NULL                      -- the last pass's decision reason
      );
      CREATE INDEX auto_sku_state_reason ON auto_sku_state(reason);

      CREATE TRIGGER auto_changed_level_ins AFTER INSERT ON stock_levels BEGIN ${bySku('NEW.sku')} END;
      CREATE TRIGGER auto_changed_level_upd AFTER UPDATE OF available, safety, stale, in_transit ON stock_levels
        WHEN OLD.available IS NOT NEW.available OR OLD.safety IS NOT NEW.safety OR OLD.stale IS NOT NEW.stale
          OR OLD.in_transit IS NOT NEW.in_transit
        BEGIN ${bySku('NEW.sku')} END;
      CREATE TRIGGER auto_changed_level_del AFTER DELETE ON stock_levels BEGIN ${bySku('OLD.sku')} END;

      CREATE TRIGGER auto_changed_erp_ins AFTER INSERT ON stock_erp_skus BEGIN ${bySku('NEW.sku')} END;
      CREATE TRIGGER auto_changed_erp_upd AFTER UPDATE OF category ON stock_erp_skus WHEN OLD.category IS NOT NEW.category
        BEGIN ${bySku('NEW.sku')} END;
      CREATE TRIGGER auto_changed_category_ins AFTER INSERT ON stock_categories BEGIN ${all} END;
      CREATE TRIGGER auto_changed_category_upd AFTER UPDATE OF sync_enabled ON stock_categories WHEN OLD.sync_enabled IS NOT NEW.sync_enabled
        BEGIN ${mark('SELECT k.listing_sku_id FROM stock_sku_links k JOIN stock_erp_skus e ON e.sku = k.erp_sku WHERE e.category = NEW.name')} END;

      CREATE TRIGGER auto_changed_link_ins AFTER INSERT ON stock_sku_links BEGIN ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_link_upd AFTER UPDATE OF erp_sku, listing_sku_id ON stock_sku_links
        WHEN OLD.erp_sku IS NOT NEW.erp_sku OR OLD.listing_sku_id IS NOT NEW.listing_sku_id
        BEGIN ${mark('VALUES (OLD.listing_sku_id)')} ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_link_del AFTER DELETE ON stock_sku_links BEGIN ${mark('VALUES (OLD.listing_sku_id)')} END;

      CREATE TRIGGER auto_changed_listing_ins AFTER INSERT ON stock_listing_skus BEGIN ${mark('VALUES (NEW.id)')} END;
      CREATE TRIGGER auto_changed_listing_upd AFTER UPDATE OF bind_status, sc_item_id, product_id, sku_id, seller_sku ON stock_listing_skus
        WHEN OLD.bind_status IS NOT NEW.bind_status OR OLD.sc_item_id IS NOT NEW.sc_item_id OR OLD.product_id IS NOT NEW.product_id
          OR OLD.sku_id IS NOT NEW.sku_id OR OLD.seller_sku IS NOT NEW.seller_sku
        BEGIN ${mark('VALUES (NEW.id)')} END;
      CREATE TRIGGER auto_changed_listing_del AFTER DELETE ON stock_listing_skus BEGIN
        DELETE FROM auto_sku_state WHERE listing_sku_id = OLD.id;
        DELETE FROM auto_changed WHERE listing_sku_id = OLD.id;
      END;
      CREATE TRIGGER auto_changed_lw_ins AFTER INSERT ON stock_listing_warehouses BEGIN ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_lw_del AFTER DELETE ON stock_listing_warehouses BEGIN ${mark('VALUES (OLD.listing_sku_id)')} END;

      CREATE TRIGGER auto_changed_pin_ins AFTER INSERT ON auto_pins BEGIN ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_pin_upd AFTER UPDATE ON auto_pins BEGIN ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_pin_del AFTER DELETE ON auto_pins BEGIN ${mark('VALUES (OLD.listing_sku_id)')} END;

      -- Open actions are decided on every pass anyway; one that ends (done, refused, failed,
      -- cancelled) may leave a SKU that wants the same action again.
      CREATE TRIGGER auto_changed_action_upd AFTER UPDATE OF state ON auto_actions WHEN OLD.state IS NOT NEW.state
        BEGIN ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_action_del AFTER DELETE ON auto_actions BEGIN ${mark('VALUES (OLD.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_stockout_upd AFTER UPDATE OF ended_at ON auto_stockouts BEGIN ${mark('VALUES (NEW.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_stockout_del AFTER DELETE ON auto_stockouts BEGIN ${mark('VALUES (OLD.listing_sku_id)')} END;
      -- A pruned history row may have been the SKU's last recorded figure.
      CREATE TRIGGER auto_changed_history_del AFTER DELETE ON auto_stock_history BEGIN ${mark('VALUES (OLD.listing_sku_id)')} END;
      CREATE TRIGGER auto_changed_rejected AFTER UPDATE OF status ON auto_runs WHEN NEW.status = 'rejected' AND OLD.status IS NOT 'rejected'
        BEGIN ${mark("SELECT listing_sku_id FROM auto_decisions WHERE run_id = NEW.id AND outcome = 'held_unbind'")} END;

      CREATE TRIGGER auto_changed_settings_ins AFTER INSERT ON auto_settings BEGIN ${all} END;
      CREATE TRIGGER auto_changed_settings_upd AFTER UPDATE ON auto_settings WHEN OLD.value IS NOT NEW.value BEGIN ${all} END;
      CREATE TRIGGER auto_changed_settings_del AFTER DELETE ON auto_settings BEGIN ${all} END;
      CREATE TRIGGER auto_changed_erpw_ins AFTER INSERT ON stock_erp_warehouses BEGIN ${all} END;
      CREATE TRIGGER auto_changed_erpw_upd AFTER UPDATE OF name, active ON stock_erp_warehouses
        WHEN OLD.name IS NOT NEW.name OR OLD.active IS NOT NEW.active BEGIN ${all} END;
      CREATE TRIGGER auto_changed_erpw_del AFTER DELETE ON stock_erp_warehouses BEGIN ${all} END;
      CREATE TRIGGER auto_changed_storew_ins AFTER INSERT ON stock_store_warehouses BEGIN ${all} END;
      -- How a store warehouse counts stock (in transit, a share of the ERP's) changes every SKU linked to it.
      CREATE TRIGGER auto_changed_storew_upd AFTER UPDATE OF name, erp_warehouse_id, count_in_transit, sync_percent ON stock_store_warehouses
        WHEN OLD.name IS NOT NEW.name OR OLD.erp_warehouse_id IS NOT NEW.erp_warehouse_id
          OR OLD.count_in_transit IS NOT NEW.count_in_transit OR OLD.sync_percent IS NOT NEW.sync_percent BEGIN ${all} END;
      CREATE TRIGGER auto_changed_storew_del AFTER DELETE ON stock_store_warehouses BEGIN ${all} END;
    `);
  },
};
