/**
 * The one read of listing SKUs × linked store warehouses with the stored figure of the mapped ERP
 * SKU there and how the store warehouse counts stock. The decisions (inputs.ts) and the oversell-risk
 * model (risk.ts) read the same join and turn a row into stock the same way, so the two cannot
 * disagree about a SKU's stock.
 */
import type { Db } from '../db/open';
import type { StockCounting } from './sellable';

/** One row per listing SKU × linked store warehouse (null warehouse columns when it has none). */
export type SkuRow = [
  id: number,
  productId: string,
  skuId: string,
  sellerSku: string,
  scItemId: string | null,
  bindStatus: number,
  erpSku: string | null,
  /** The store warehouse's name: NOT NULL, so null means "no linked warehouse" for the row. */
  storeName: string | null,
  erpWarehouseId: string | null,
  available: number | null,
  safety: number | null,
  stale: number | null,
  inTransit: number | null,
  countInTransit: number | null,
  syncPercent: number | null,
];

const COLUMNS = `s.id, s.product_id, s.sku_id, s.seller_sku, s.sc_item_id, s.bind_status, k.erp_sku,
  sw.name, sw.erp_warehouse_id, l.available, l.safety, l.stale, l.in_transit, sw.count_in_transit, sw.sync_percent`;

// The warehouse side is a LEFT JOIN of the link table; the store warehouse is joined only when the
// link exists.
const JOIN = `stock_listing_skus s
  LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id
  LEFT JOIN stock_listing_warehouses lw ON lw.listing_sku_id = s.id
  LEFT JOIN stock_store_warehouses sw ON sw.id = lw.store_warehouse_id
  LEFT JOIN stock_levels l ON l.sku = k.erp_sku AND l.erp_warehouse_id = sw.erp_warehouse_id`;

/**
 * The rows in listing SKU order, streamed; `extra` columns follow the SkuRow ones (from `joins`, on
 * the aliases s, k, lw, sw, l), `where` filters (with `params` bound).
 */
export function skuRows<E extends unknown[] = []>(
  db: Db,
  opts: { extra?: string; joins?: string; where?: string; params?: unknown[] } = {},
): IterableIterator<[...SkuRow, ...E]> {
  const extra = opts.extra ? `, ${opts.extra}` : '';
  return db
    .prepare(`SELECT ${COLUMNS}${extra} FROM ${JOIN} ${opts.joins ?? ''} ${opts.where ?? ''} ORDER BY s.id, lw.store_warehouse_id`)
    .raw()
    .iterate(...(opts.params ?? [])) as IterableIterator<[...SkuRow, ...E]>;
}

export interface RowStock {
  /** Null when no read has ever seen the figure. */
  stock: { available: number; safety: number; stale: boolean; inTransit: number | null } | null;
  counting: StockCounting;
}

/** A row's figure and the store warehouse's counting, as sellable.ts takes them. */
export function stockOfRow(r: readonly [...SkuRow, ...unknown[]]): RowStock {
  const available = r[9];
  return {
    stock: available === null ? null : { available, safety: r[10] ?? 0, stale: r[11] === 1, inTransit: r[12] },
    counting: { inTransit: r[13] === 1, percent: r[14] ?? 100 },
  };
}
