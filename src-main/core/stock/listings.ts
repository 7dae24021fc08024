/**
 * Listing SKUs as the marketplace reports them, stored so the mapping and the 100k-row tables work
 * offline and page on the server. Listing SKUs the marketplace no longer lists are kept (their links
 * are the seller's work); the next issue's engine only acts on what the marketplace still reports.
 */
import type { Db } from '../db/open';
import type { ListingSku } from '../connectors/marketplace';

export function storeListingSkus(db: Db, skus: ListingSku[], now: string): { products: number; skus: number } {
  const upsertProduct = db.prepare(
    `INSERT INTO stock_listings (product_id, title, product_type, product_status, seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(product_id) DO UPDATE SET title = excluded.title, product_type = excluded.product_type,
       product_status = excluded.product_status, seen_at = excluded.seen_at`,
  );
  const upsertSku = db.prepare(
    `INSERT INTO stock_listing_skus (product_id, sku_id, seller_sku, sku_stock, bind_status, sc_item_id, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(product_id, sku_id) DO UPDATE SET seller_sku = excluded.seller_sku, sku_stock = excluded.sku_stock,
       bind_status = excluded.bind_status, sc_item_id = coalesce(excluded.sc_item_id, sc_item_id), seen_at = excluded.seen_at`,
  );
  const products = new Set<string>();
  db.transaction(() => {
    for (const s of skus) {
      if (!products.has(s.productId)) {
        upsertProduct.run(s.productId, s.productTitle, s.productType, s.productStatus, now);
        products.add(s.productId);
      }
      upsertSku.run(s.productId, s.skuId, s.sellerSku, s.skuStock, s.bindStatus, s.scItemId ?? null, now);
    }
  })();
  return { products: products.size, skus: skus.length };
}
