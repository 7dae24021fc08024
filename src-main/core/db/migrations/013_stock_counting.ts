import { addColumnsMigration } from './addColumns';

/**
 * How stock is counted, per store warehouse (Tongtool's own settings): available only, or available
 * plus in transit (在途), and "sync N% of ERP stock" when the same stock is shared across channels.
 * The in-transit figure Tongtool's full read carries is kept (null: never read; the change feed does
 * not carry it, so the last full figure is kept, as safety stock is).
 */
export const m013_stock_counting = addColumnsMigration(
  13,
  'stock: in-transit figure, per store warehouse counting mode and sync percentage',
  {
    stock_levels: ['in_transit INTEGER'],
    stock_store_warehouses: [
      'count_in_transit INTEGER NOT NULL DEFAULT 0 CHECK (count_in_transit IN (0, 1))',
      'sync_percent INTEGER NOT NULL DEFAULT 100 CHECK (sync_percent BETWEEN 1 AND 100)',
    ],
  },
);
