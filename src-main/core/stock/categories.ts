/**
 * ERP产品分类 with the sync switch. A category that is off is skipped by every stock read, scheduled
 * or manual; turning one off needs the seller's confirmation because the listings mapped to its SKUs
 * stop following stock (and so stop being protected against overselling).
 */
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { CategoryInfo, CategoryToggleResult } from '../../../src-shared/types/stock';

export function listCategories(db: Db): CategoryInfo[] {
  const rows = db
    .prepare(
      `SELECT c.name, c.sync_enabled, c.toggled_at,
         (SELECT count(*) FROM stock_erp_skus e WHERE e.category = c.name) AS sku_count,
         (SELECT count(*) FROM stock_sku_links k JOIN stock_erp_skus e ON e.sku = k.erp_sku WHERE e.category = c.name) AS listing_count
       FROM stock_categories c ORDER BY c.name = '', c.name`,
    )
    .all() as { name: string; sync_enabled: number; toggled_at: string | null; sku_count: number; listing_count: number }[];
  return rows.map((r) => ({
    name: r.name,
    syncEnabled: r.sync_enabled === 1,
    skuCount: r.sku_count,
    listingSkuCount: r.listing_count,
    toggledAt: r.toggled_at,
  }));
}

export function toggleCategory(db: Db, input: { name: string; enabled: boolean; confirm: boolean }, now: string): CategoryToggleResult {
  const cur = db.prepare('SELECT sync_enabled FROM stock_categories WHERE name = ?').get(input.name) as
    { sync_enabled: number } | undefined;
  if (!cur)
    throw new AppError(
      'NOT_FOUND',
      `ERP分类“${input.name}”不存在。请先同步一次库存。`,
      `ERP category "${input.name}" does not exist. Sync stock first.`,
    );
  const affected = (
    db
      .prepare('SELECT count(*) AS n FROM stock_sku_links k JOIN stock_erp_skus e ON e.sku = k.erp_sku WHERE e.category = ?')
      .get(input.name) as { n: number }
  ).n;
  const sample = db
    .prepare(
      `SELECT s.product_id AS productId, s.sku_id AS skuId, s.seller_sku AS sellerSku, k.erp_sku AS erpSku, p.title
         FROM stock_sku_links k JOIN stock_erp_skus e ON e.sku = k.erp_sku
         JOIN stock_listing_skus s ON s.id = k.listing_sku_id JOIN stock_listings p ON p.product_id = s.product_id
        WHERE e.category = ? ORDER BY s.id LIMIT 50`,
    )
    .all(input.name) as CategoryToggleResult['affectedSample'];
  const turningOff = cur.sync_enabled === 1 && !input.enabled;
  if (turningOff && !input.confirm)
    return {
      applied: false,
      needsConfirm: true,
      category: input.name,
      syncEnabled: true,
      affectedListingSkus: affected,
      affectedSample: sample,
    };
  db.prepare('UPDATE stock_categories SET sync_enabled = ?, toggled_at = ? WHERE name = ?').run(input.enabled ? 1 : 0, now, input.name);
  return {
    applied: true,
    needsConfirm: false,
    category: input.name,
    syncEnabled: input.enabled,
    affectedListingSkus: affected,
    affectedSample: sample,
  };
}
