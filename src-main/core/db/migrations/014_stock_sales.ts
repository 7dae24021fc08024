import type { Migration } from './index';

/**
 * Units sold per ERP SKU and warehouse as the change feed tells them (its negative changeQuantity
 * entries, summed per read), so a sale and a restock inside one read window are both seen: the
 * sales rate behind "unbind before zero" no longer rests on net figures alone.
 */
export const m014_stock_sales: Migration = {
  version: 14,
  name: 'stock: units sold per read from the change feed',
  up(db) {
    db.exec(`
      CREATE TABLE stock_sales (
        sku TEXT NOT NULL,
        erp_warehouse_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        sold INTEGER NOT NULL
      );
      CREATE INDEX stock_sales_at ON stock_sales(at);
      -- The change entries the last read saw per SKU and warehouse: reads overlap by a minute and the
      -- feed's entries carry no time, so an entry seen last time is not counted again.
      CREATE TABLE stock_change_seen (
        sku TEXT NOT NULL,
        erp_warehouse_id TEXT NOT NULL,
        entries TEXT NOT NULL,
        PRIMARY KEY (sku, erp_warehouse_id)
      ) WITHOUT ROWID;
    `);
  },
};
