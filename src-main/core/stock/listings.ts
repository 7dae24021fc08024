/**
 * Listing SKUs as the marketplace reports them, stored so the mapping and the 100k-row tables work
 * offline and page on the server. Listing SKUs the marketplace no longer lists are kept (their links
 * are the seller's work); the next issue's engine only acts on what the marketplace still reports.
 */
import type { Db } from '../db/open';
import type { ListingSku } from '../connectors/marketplace';

export function storeListingSkus(db: Db, skus: ListingSku[], now: string): { products: number; skus: number } {
  // products.list answers no product status: it is only known when the list was read filtered by
  // one, so an unfiltered read keeps what an earlier filtered read found.
  const upsertProduct = db.prepare(
    `INSERT INTO stock_listings (product_id, title, product_type, product_status, seen_at, image_url) VALUES (?, ?, ?, coalesce(?, ''), ?, ?)
     ON CONFLICT(product_id) DO UPDATE SET title = excluded.title, product_type = excluded.product_type, image_url = excluded.image_url,
       product_status = coalesce(?, product_status), seen_at = excluded.seen_at`,
  );
  // The refuse reason is the platform's current word: cleared when the SKU is no longer refused. A
  // stock figure or 商家编码 the platform left out keeps the stored one (0 and '' for a SKU first
  // seen without it): a SKU must not lose its exact match, and with it its stock, to one answer.
  const upsertSku = db.prepare(
    `INSERT INTO stock_listing_skus (product_id, sku_id, seller_sku, sku_stock, bind_status, sc_item_id, sku_status, unbind_refuse_reason, seen_at, variation)
     VALUES (@productId, @skuId, coalesce(@sellerSku, ''), coalesce(@skuStock, 0), @bindStatus, @scItemId, @skuStatus, @refuseReason, @now, @variation)
     ON CONFLICT(product_id, sku_id) DO UPDATE SET seller_sku = coalesce(@sellerSku, seller_sku), sku_stock = coalesce(@skuStock, sku_stock),
       bind_status = excluded.bind_status, sc_item_id = coalesce(excluded.sc_item_id, sc_item_id),
       sku_status = excluded.sku_status, unbind_refuse_reason = excluded.unbind_refuse_reason, seen_at = excluded.seen_at,
       variation = excluded.variation`,
  );
  const products = new Set<string>();
  db.transaction(() => {
    for (const s of skus) {
      if (!products.has(s.productId)) {
        upsertProduct.run(
          s.productId,
          s.productTitle,
          s.productType,
          s.productStatus ?? null,
          now,
          s.productImage ?? null,
          s.productStatus ?? null,
        );
        products.add(s.productId);
      }
      upsertSku.run({
        productId: s.productId,
        skuId: s.skuId,
        sellerSku: s.sellerSku || null,
        skuStock: s.skuStock ?? null,
        bindStatus: s.bindStatus,
        scItemId: s.scItemId ?? null,
        skuStatus: s.skuStatus,
        refuseReason: s.refuseReason ?? null,
        now,
        variation: s.variation ?? null,
      });
    }
  })();
  return { products: products.size, skus: skus.length };
}
