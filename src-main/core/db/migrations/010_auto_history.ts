import type { Migration } from './index';

/**
 * Each listing SKU's sellable stock as successive reads saw it (a row when it changes), so the
 * engine can learn how fast a SKU sells and unbind it before the last unit goes, while the
 * platform's unbind review still runs.
 */
export const m010_auto_history: Migration = {
  version: 10,
  name: 'auto: sellable stock history per listing SKU',
  up(db) {
    db.exec(`
      CREATE TABLE auto_stock_history (
        listing_sku_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        sellable INTEGER NOT NULL
      );
      CREATE INDEX auto_stock_history_sku ON auto_stock_history(listing_sku_id, at);
      CREATE INDEX auto_stock_history_at ON auto_stock_history(at);
    `);
  },
};
