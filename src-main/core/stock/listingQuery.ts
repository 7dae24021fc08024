/**
 * Server-side filtering and paging of listing SKUs: the tables hold 100k rows, so the renderer only
 * ever receives one page. The same filter selects the rows of "link all matching to a warehouse".
 */
import type { Db } from '../db/open';
import type { ListingSkuRow, Page, ResolveStatus } from '../../../src-shared/types/stock';
import { likeAnywhere, sqlPage } from './sqlPage';
import type { BindStatus } from '../../../src-shared/bindStatus';

export interface ListingFilter {
  text?: string;
  resolveStatus?: ResolveStatus[];
  bindStatus?: BindStatus[];
  /** Only listing SKUs linked to this store warehouse; 0 = linked to none. */
  storeWarehouseId?: number;
  category?: string;
  productIds?: string[];
}

/**
 * WHERE clause over stock_listing_skus s LEFT JOIN stock_sku_links k LEFT JOIN stock_erp_skus e.
 * `links`: whether it reads k or e. Each listing SKU has at most one link (k is keyed by it) and a
 * link one ERP SKU (e is keyed by it), so without such a condition the joins neither add nor drop a
 * row: a count can leave them out (at 100k rows they were almost all of the unfiltered count).
 */
export function listingWhere(f: ListingFilter): { sql: string; params: unknown[]; links: boolean } {
  const parts: string[] = [];
  const params: unknown[] = [];
  let links = false;
  if (f.text?.trim()) {
    const like = likeAnywhere(f.text);
    parts.push(
      `(s.seller_sku LIKE ? ESCAPE '\\' OR k.erp_sku LIKE ? ESCAPE '\\' OR s.product_id LIKE ? ESCAPE '\\' OR s.sku_id LIKE ? ESCAPE '\\'
        OR s.product_id IN (SELECT product_id FROM stock_listings WHERE title LIKE ? ESCAPE '\\'))`,
    );
    params.push(like, like, like, like, like);
    links = true;
  }
  if (f.resolveStatus?.length) {
    parts.push(`s.resolve_status IN (${f.resolveStatus.map(() => '?').join(',')})`);
    params.push(...f.resolveStatus);
  }
  if (f.bindStatus?.length) {
    parts.push(`s.bind_status IN (${f.bindStatus.map(() => '?').join(',')})`);
    params.push(...f.bindStatus);
  }
  if (f.storeWarehouseId !== undefined) {
    if (f.storeWarehouseId === 0) parts.push('NOT EXISTS (SELECT 1 FROM stock_listing_warehouses w WHERE w.listing_sku_id = s.id)');
    else {
      parts.push('EXISTS (SELECT 1 FROM stock_listing_warehouses w WHERE w.listing_sku_id = s.id AND w.store_warehouse_id = ?)');
      params.push(f.storeWarehouseId);
    }
  }
  if (f.category !== undefined) {
    parts.push('e.category = ?');
    params.push(f.category);
    links = true;
  }
  if (f.productIds?.length) {
    parts.push(`s.product_id IN (${f.productIds.map(() => '?').join(',')})`);
    params.push(...f.productIds);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, links };
}

const FROM = `FROM stock_listing_skus s
  LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id
  LEFT JOIN stock_erp_skus e ON e.sku = k.erp_sku`;

/** The FROM clause `w` needs: the joins only when it reads a link or an ERP SKU. */
const fromFor = (w: { links: boolean }) => (w.links ? FROM : 'FROM stock_listing_skus s');

/** The ids of the listing SKUs the filter matches, in id order (one pass over the table). */
export function matchingListingSkuIds(db: Db, f: ListingFilter): number[] {
  const w = listingWhere(f);
  return db
    .prepare(`SELECT s.id ${fromFor(w)} ${w.sql} ORDER BY s.id`)
    .pluck()
    .all(...w.params) as number[];
}

/** The listing SKUs with their links, product and store warehouses, in id order (a WHERE clause follows). */
const ROWS = `SELECT s.id, s.product_id, p.title, p.image_url, s.variation, p.product_status, p.product_type, s.sku_id, s.sku_status, s.unbind_refuse_reason, s.seller_sku, s.sku_stock, s.bind_status,
              k.erp_sku, e.name AS erp_name, k.method, k.rule_id, s.resolve_status, s.resolve_detail, e.category,
              (SELECT json_group_array(json_object('id', sw.id, 'name', sw.name)) FROM stock_listing_warehouses lw
                 JOIN stock_store_warehouses sw ON sw.id = lw.store_warehouse_id WHERE lw.listing_sku_id = s.id) AS warehouses
       ${FROM} JOIN stock_listings p ON p.product_id = s.product_id`;

export function listingPage(db: Db, f: ListingFilter, page: number, pageSize: number): Page<ListingSkuRow> {
  const w = listingWhere(f);
  if (!w.sql) {
    // The whole table: counted without the joins (see listingWhere), the page read up to its end.
    return sqlPage(db, { count: `SELECT count(*) AS n ${fromFor(w)}`, rows: `${ROWS} ORDER BY s.id` }, [], page, pageSize, toRow);
  }
  // Filtered: the matching ids in one pass, which gives the total and the page's ids. A count and
  // a page read would each test every row against the filter: for a search found far down the
  // table (a SKU typed into the box), both scan all of it.
  const ids = matchingListingSkuIds(db, f);
  const pageIds = ids.slice((page - 1) * pageSize, page * pageSize);
  const rows = pageIds.length
    ? (db.prepare(`${ROWS} WHERE s.id IN (SELECT value FROM json_each(?)) ORDER BY s.id`).all(JSON.stringify(pageIds)) as RowOf[])
    : [];
  return { total: ids.length, page, pageSize, rows: rows.map(toRow) };
}

interface RowOf {
  id: number;
  product_id: string;
  title: string;
  image_url: string | null;
  variation: string | null;
  product_status: string;
  product_type: 0 | 1 | 2;
  sku_id: string;
  sku_status: string;
  unbind_refuse_reason: string | null;
  seller_sku: string;
  sku_stock: number;
  bind_status: BindStatus;
  erp_sku: string | null;
  erp_name: string | null;
  method: ListingSkuRow['method'];
  rule_id: number | null;
  resolve_status: ResolveStatus;
  resolve_detail: string | null;
  category: string | null;
  warehouses: string;
}

const toRow = (r: RowOf): ListingSkuRow => ({
  id: r.id,
  productId: r.product_id,
  title: r.title,
  variation: r.variation,
  imageUrl: r.image_url,
  productStatus: r.product_status,
  productType: r.product_type,
  skuId: r.sku_id,
  skuStatus: r.sku_status,
  refuseReason: r.unbind_refuse_reason,
  sellerSku: r.seller_sku,
  skuStock: r.sku_stock,
  bindStatus: r.bind_status,
  erpSku: r.erp_sku,
  erpName: r.erp_name,
  method: r.method,
  ruleId: r.rule_id,
  resolveStatus: r.resolve_status,
  resolveDetail: r.resolve_detail ? JSON.parse(r.resolve_detail) : null,
  category: r.category,
  warehouses: JSON.parse(r.warehouses),
});
