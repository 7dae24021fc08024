/** Manual links (手动关联): made and removed only by the seller; they survive re-syncs and rule changes. */
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { CaseRule } from '../../../src-shared/types/stock';
import { foldSku } from './folding';

export function linkManually(db: Db, listingSkuId: number, erpSku: string, now: string): void {
  if (!db.prepare('SELECT 1 FROM stock_listing_skus WHERE id = ?').get(listingSkuId))
    throw new AppError(
      'NOT_FOUND',
      `线上SKU #${listingSkuId} 不存在，请刷新商品列表。`,
      `Listing SKU #${listingSkuId} does not exist; reload the listings.`,
    );
  if (!db.prepare('SELECT 1 FROM stock_erp_skus WHERE sku = ?').get(erpSku))
    throw new AppError(
      'NOT_FOUND',
      `ERP里没有SKU“${erpSku}”。请从搜索结果中选择。`,
      `The ERP has no SKU "${erpSku}". Pick one from the search results.`,
    );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO stock_sku_links (listing_sku_id, erp_sku, method, rule_id, linked_at) VALUES (?, ?, 'manual', NULL, ?)
       ON CONFLICT(listing_sku_id) DO UPDATE SET erp_sku = excluded.erp_sku, method = 'manual', rule_id = NULL, linked_at = excluded.linked_at`,
    ).run(listingSkuId, erpSku, now);
    db.prepare("UPDATE stock_listing_skus SET resolve_status = 'manual', resolve_detail = NULL WHERE id = ?").run(listingSkuId);
  })();
}

/** Removes a manual link; the next resolve decides the SKU again (exact or rule, or unresolved). */
export function unlinkManual(db: Db, listingSkuId: number): boolean {
  return db.prepare("DELETE FROM stock_sku_links WHERE listing_sku_id = ? AND method = 'manual'").run(listingSkuId).changes > 0;
}

/**
 * Search-as-you-type over ERP SKUs for the manual linker: exact (folded) hits first, then prefix,
 * then substring, over SKU and product name.
 */
export function searchErpSkus(
  db: Db,
  q: string,
  limit: number,
  caseRule: CaseRule,
): { sku: string; name: string | null; category: string; status: string | null }[] {
  const text = q.trim();
  if (!text) return [];
  const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const folded = foldSku(text, caseRule);
  const rows = db
    .prepare(
      `SELECT sku, name, category, status FROM stock_erp_skus
       WHERE sku LIKE ? ESCAPE '\\' OR sku LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'
       ORDER BY CASE WHEN upper(sku) = upper(?) THEN 0 WHEN upper(sku) LIKE upper(?) ESCAPE '\\' THEN 1 ELSE 2 END, length(sku), sku
       LIMIT ?`,
    )
    .all(`%${like(text)}%`, `%${like(folded)}%`, `%${like(text)}%`, folded, `${like(folded)}%`, limit) as {
    sku: string;
    name: string | null;
    category: string;
    status: string | null;
  }[];
  return rows;
}
