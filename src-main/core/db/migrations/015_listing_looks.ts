import { addColumnsMigration } from './addColumns';

/**
 * What a listing SKU looks like, so a seller linking it by hand can tell a T-shirt from a data
 * cable: the SKU's variation as products.list gives it ("颜色:红色;尺码:M") and the product's first
 * image address (image_urls). Both stay NULL until the next read of the listings fills them.
 */
export const m015_listing_looks = addColumnsMigration(15, 'listing SKUs: variation, product image address', {
  stock_listing_skus: ['variation TEXT'],
  stock_listings: ['image_url TEXT'],
});
