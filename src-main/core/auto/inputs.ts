/**
 * Reads what the decision table needs for every listing SKU (or a few) from the stock tables, in two
 * queries joined in memory: 100k listing SKUs load in a fraction of a second.
 */
import type { Db } from '../db/open';
import type { BindStatusCode, PinMode, WarehouseFigure } from '../../../src-shared/channels/auto';
import type { WarehouseInput } from './decide';

export interface SkuInputs {
  listingSkuId: number;
  productId: string;
  skuId: string;
  sellerSku: string;
  scItemId: string | null;
  bindStatus: BindStatusCode;
  erpSku: string | null;
  categoryEnabled: boolean | null;
  pin: PinMode;
  warehouses: WarehouseInput[];
  figures: WarehouseFigure[];
  /** Latest change time of the figures (when the read saw them change). */
  stockChangedAt: string | null;
}

type SkuRow = [number, string, string, string, string | null, number, string | null, number | null, string | null];
type WhRow = [number, string, string | null, string | null, number | null, number | null, number | null, number | null, string | null, string | null];

function idFilter(ids: number[] | undefined, column: string): string {
  return ids ? `WHERE ${column} IN (${ids.map((n) => Number(n)).join(',') || 'NULL'})` : '';
}

export function loadInputs(db: Db, ids?: number[]): SkuInputs[] {
  const skus = db
    .prepare(
      `SELECT s.id, s.product_id, s.sku_id, s.seller_sku, s.sc_item_id, s.bind_status, k.erp_sku, c.sync_enabled, p.mode
       FROM stock_listing_skus s
       LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id
       LEFT JOIN stock_erp_skus e ON e.sku = k.erp_sku
       LEFT JOIN stock_categories c ON c.name = e.category
       LEFT JOIN auto_pins p ON p.listing_sku_id = s.id
       ${idFilter(ids, 's.id')} ORDER BY s.id`,
    )
    .raw()
    .all() as SkuRow[];
  // Every listing SKU → store warehouse link, with the paired ERP warehouse and the mapped ERP SKU's stock there.
  const whs = db
    .prepare(
      `SELECT lw.listing_sku_id, sw.name, sw.erp_warehouse_id, ew.name, ew.active, l.available, l.safety, l.stale, l.seen_at, l.changed_at
       FROM stock_listing_warehouses lw
       JOIN stock_store_warehouses sw ON sw.id = lw.store_warehouse_id
       LEFT JOIN stock_erp_warehouses ew ON ew.id = sw.erp_warehouse_id
       LEFT JOIN stock_sku_links k ON k.listing_sku_id = lw.listing_sku_id
       LEFT JOIN stock_levels l ON l.sku = k.erp_sku AND l.erp_warehouse_id = sw.erp_warehouse_id
       ${idFilter(ids, 'lw.listing_sku_id')}`,
    )
    .raw()
    .all() as WhRow[];
  const byId = new Map<number, SkuInputs>();
  const out: SkuInputs[] = skus.map((r) => {
    const x: SkuInputs = {
      listingSkuId: r[0],
      productId: r[1],
      skuId: r[2],
      sellerSku: r[3],
      scItemId: r[4] || null,
      bindStatus: r[5] as BindStatusCode,
      erpSku: r[6],
      categoryEnabled: r[7] === null ? null : r[7] === 1,
      pin: (r[8] as PinMode | null) ?? 'auto',
      warehouses: [],
      figures: [],
      stockChangedAt: null,
    };
    byId.set(x.listingSkuId, x);
    return x;
  });
  for (const w of whs) {
    const x = byId.get(w[0]);
    if (!x) continue;
    const [, storeName, erpId, erpName, active, available, safety, stale, seenAt, changedAt] = w;
    const stock = available === null ? null : { available, safety: safety ?? 0, stale: stale === 1 };
    x.warehouses.push({
      paired: erpId !== null && erpName !== null,
      // Binary comparison: the real system needs the names equal character for character.
      nameMatches: erpName !== null && erpName === storeName,
      active: active !== 0,
      stock,
    });
    x.figures.push({ storeWarehouse: storeName, erpWarehouse: erpName, available, safety, stale: stale === 1, seenAt });
    if (changedAt && (!x.stockChangedAt || changedAt > x.stockChangedAt)) x.stockChangedAt = changedAt;
  }
  return out;
}
