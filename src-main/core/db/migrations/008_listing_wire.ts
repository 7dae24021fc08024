import { addColumnsMigration } from './addColumns';

/**
 * What the real products.list carries and the first schema did not keep: each SKU's own status
 * (active / inactive) and the platform's reason when an unbind is refused (bind status 4), which the
 * seller must read in order to act on it.
 */
export const m008_listing_wire = addColumnsMigration(8, 'listing SKUs: SKU status and unbind refuse reason', {
  stock_listing_skus: ["sku_status TEXT NOT NULL DEFAULT ''", 'unbind_refuse_reason TEXT'],
});
