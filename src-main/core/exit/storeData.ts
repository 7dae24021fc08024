/**
 * What the app itself knows about the store that matters for an exit: stock on hand per SKU and
 * warehouse, and listings still bound. Read straight from the stock domain's tables when they exist
 * (the stock domain may not be installed, or never synced), so the exit wizard never depends on its
 * code: no table or no rows means "the app does not know", and the wizard asks the seller instead.
 */
import type { Db } from '../db/open';
import type { ReadinessRow } from '../../../src-shared/channels/exit';
import { STILL_TIED, bindStatusSql } from '../../../src-shared/bindStatus';
import type { Bilingual } from '../../../src-shared/bilingual';

export function tableExists(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

function hasRows(db: Db, table: string): boolean {
  return !!db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get();
}

function columns(db: Db, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
}

/** Stock on hand (> 0) per SKU and warehouse, or null when the app has no stock data. */
export function stockOnHand(db: Db): ReadinessRow[] | null {
  if (!tableExists(db, 'stock_levels') || !hasRows(db, 'stock_levels')) return null;
  const cols = columns(db, 'stock_levels');
  if (!cols.has('sku') || !cols.has('available') || !cols.has('erp_warehouse_id')) return null;
  const withNames = tableExists(db, 'stock_erp_warehouses');
  const stale = cols.has('stale') ? 'l.stale' : '0';
  const rows = db
    .prepare(
      `SELECT l.sku AS sku, ${withNames ? 'COALESCE(w.name, l.erp_warehouse_id)' : 'l.erp_warehouse_id'} AS warehouse,
              l.available AS quantity, ${stale} AS stale
         FROM stock_levels l ${withNames ? 'LEFT JOIN stock_erp_warehouses w ON w.id = l.erp_warehouse_id' : ''}
        WHERE l.available > 0
        ORDER BY l.sku, warehouse`,
    )
    .all() as { sku: string; warehouse: string; quantity: number; stale: number }[];
  return rows.map((r) => ({
    sku: r.sku,
    warehouse: r.warehouse,
    quantity: r.quantity,
    ...(r.stale ? { note: { zh: '数据可能已过期（最近一次同步没有读到）', en: 'May be out of date (missing from the last sync)' } } : {}),
  }));
}

/** On hand per SKU (all warehouses added up), or null when the app has no stock data. */
export function onHandBySku(db: Db): Map<string, number> | null {
  const rows = stockOnHand(db);
  if (!rows) return null;
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.sku, (m.get(r.sku) ?? 0) + r.quantity);
  return m;
}

/**
 * Listing SKUs still bound to goods (bind_status 2 bound, 3 unbind waiting for review, 4 unbind
 * refused — the last two are still bound on the platform), or null when the app has no listings.
 */
export function boundListings(db: Db): ReadinessRow[] | null {
  if (!tableExists(db, 'stock_listing_skus') || !hasRows(db, 'stock_listing_skus')) return null;
  const cols = columns(db, 'stock_listing_skus');
  if (!cols.has('bind_status') || !cols.has('seller_sku')) return null;
  const rows = db
    .prepare(
      `SELECT seller_sku AS sku, product_id AS product, bind_status AS status FROM stock_listing_skus
        WHERE bind_status IN (${bindStatusSql(STILL_TIED)}) ORDER BY seller_sku`,
    )
    .all() as { sku: string; product: string; status: number }[];
  const label: Record<number, Bilingual> = {
    2: { zh: '已绑定', en: 'bound' },
    3: { zh: '解绑审核中', en: 'unbind waiting for review' },
    4: { zh: '解绑被拒绝', en: 'unbind refused' },
  };
  return rows.map((r) => {
    // STILL_TIED is 2, 3 and 4; a status outside it is named by its number rather than dropped.
    const l = label[r.status] ?? { zh: `状态 ${r.status}`, en: `status ${r.status}` };
    return { sku: r.sku, warehouse: null, quantity: 1, note: { zh: `商品 ${r.product} · ${l.zh}`, en: `Product ${r.product} · ${l.en}` } };
  });
}
