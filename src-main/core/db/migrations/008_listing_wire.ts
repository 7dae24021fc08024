import type { Migration } from './index';

/**
 * What the real products.list carries and the first schema did not keep: each SKU's own status
 * (active / inactive) and the platform's reason when an unbind is refused (bind status 4), which the
 * seller must read in order to act on it.
 */
export const m008_listing_wire: Migration = {
  version: 8,
  name: 'listing SKUs: SKU status and unbind refuse reason',
  up(db) {
    db.exec(`
      ALTER TABLE stock_listing_skus ADD COLUMN sku_status TEXT NOT NULL DEFAULT '';
      ALTER TABLE stock_listing_skus ADD COLUMN unbind_refuse_reason TEXT;
    `);
  },
};
