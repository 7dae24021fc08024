/**
 * Reads what the decision table needs for every listing SKU (or a few) from the stock tables, in one
 * query ordered by listing SKU and streamed: 100k listing SKUs load in a fraction of a second.
 */
import type { Db } from '../db/open';
import type { BindStatus, PinMode, WarehouseFigure } from '../../../src-shared/channels/auto';
import type { DecideInput, WarehouseInput } from './decide';
import { sellableOf } from './sellable';

export interface SkuInputs {
  listingSkuId: number;
  productId: string;
  skuId: string;
  sellerSku: string;
  scItemId: string | null;
  bindStatus: BindStatus;
  erpSku: string | null;
  categoryEnabled: boolean | null;
  pin: PinMode;
  warehouses: WarehouseInput[];
  figures: WarehouseFigure[];
  /** Latest change time of the figures (when the read saw them change). */
  stockChangedAt: string | null;
}

/** One row per listing SKU × linked store warehouse (one row with null warehouse columns when it has none). */
type Row = [
  number,
  string,
  string,
  string,
  string | null,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
  string | null,
  string | null,
  number | null,
  number | null,
  number | null,
];

function idFilter(ids: number[] | undefined, column: string): string {
  return ids ? `WHERE ${column} IN (${ids.map((n) => Number(n)).join(',') || 'NULL'})` : '';
}

/**
 * Calls `fn` with each listing SKU's inputs in id order, one at a time: a single query ordered by
 * listing SKU is streamed, so a 100k-SKU pass never holds every SKU's inputs at once.
 */
export function forEachInput(db: Db, fn: (x: SkuInputs) => void, ids?: number[]): void {
  // The small tables (categories, pins, ERP warehouses) are read once into maps: joining them in the
  // big query costs a B-tree search per listing SKU each, a third of the query on 100k SKUs.
  const categories = new Map(db.prepare('SELECT name, sync_enabled FROM stock_categories').raw().all() as [string, number][]);
  const pins = new Map(db.prepare('SELECT listing_sku_id, mode FROM auto_pins').raw().all() as [number, PinMode][]);
  const erpWarehouses = new Map(
    (db.prepare('SELECT id, name, active FROM stock_erp_warehouses').raw().all() as [string, string, number][]).map(
      ([id, name, active]) => [id, { name, active }],
    ),
  );
  // The warehouse side is a LEFT JOIN of the link table; the store warehouse is joined only when the
  // link exists (its name is NOT NULL, so a null name means "no linked warehouse" for that row).
  const rows = db
    .prepare(
      `SELECT s.id, s.product_id, s.sku_id, s.seller_sku, s.sc_item_id, s.bind_status, k.erp_sku, e.category,
              sw.name, sw.erp_warehouse_id, l.available, l.safety, l.stale, l.seen_at, l.changed_at,
              l.in_transit, sw.count_in_transit, sw.sync_percent
       FROM stock_listing_skus s
       LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id
       LEFT JOIN stock_erp_skus e ON e.sku = k.erp_sku
       LEFT JOIN stock_listing_warehouses lw ON lw.listing_sku_id = s.id
       LEFT JOIN stock_store_warehouses sw ON sw.id = lw.store_warehouse_id
       LEFT JOIN stock_levels l ON l.sku = k.erp_sku AND l.erp_warehouse_id = sw.erp_warehouse_id
       ${idFilter(ids, 's.id')} ORDER BY s.id, lw.store_warehouse_id`,
    )
    .raw()
    .iterate() as IterableIterator<Row>;
  let x: SkuInputs | null = null;
  for (const r of rows) {
    if (!x || x.listingSkuId !== r[0]) {
      if (x) fn(x);
      const enabled = r[7] === null ? undefined : categories.get(r[7]);
      x = {
        listingSkuId: r[0],
        productId: r[1],
        skuId: r[2],
        sellerSku: r[3],
        scItemId: r[4] || null,
        bindStatus: r[5] as BindStatus,
        erpSku: r[6],
        categoryEnabled: enabled === undefined ? null : enabled === 1,
        pin: pins.get(r[0]) ?? 'auto',
        warehouses: [],
        figures: [],
        stockChangedAt: null,
      };
    }
    const storeName = r[8];
    if (storeName === null) continue;
    const [erpId, available, safety, stale, seenAt, changedAt] = [r[9], r[10], r[11], r[12], r[13], r[14]];
    const erp = erpId === null ? undefined : erpWarehouses.get(erpId);
    const erpName = erp?.name ?? null;
    const inTransit = r[15];
    const counting = { inTransit: r[16] === 1, percent: r[17] ?? 100 };
    const stock = available === null ? null : { available, safety: safety ?? 0, stale: stale === 1, inTransit };
    x.warehouses.push({
      paired: erp !== undefined,
      // Binary comparison: the real system needs the names equal character for character.
      nameMatches: erpName !== null && erpName === storeName,
      // An ERP warehouse the app has never seen is not known to be inactive (it is unpaired anyway).
      active: erp?.active !== 0,
      stock,
      counting,
    });
    x.figures.push({
      storeWarehouse: storeName,
      erpWarehouse: erpName,
      available,
      safety,
      stale: stale === 1,
      seenAt,
      inTransit,
      countInTransit: counting.inTransit,
      syncPercent: counting.percent,
      sellable: stock && !stock.stale ? sellableOf(stock, counting) : null,
    });
    if (changedAt && (!x.stockChangedAt || changedAt > x.stockChangedAt)) x.stockChangedAt = changedAt;
  }
  if (x) fn(x);
}

/** What decide() needs beyond the listing SKU's stored inputs: the settings and the latest stock read. */
export interface DecideContext {
  threshold: number;
  lastSyncFailed: boolean;
  /** Unbind before zero: the sellable stock to unbind at (0: at zero only). */
  early: number;
  /** A goods id known besides the listing SKU's own (an action's sc_item_id). */
  goodsId?: string | null;
}

/** decide()'s inputs for one listing SKU: the one mapping the engine and the sender share. */
export function decideInputOf(x: SkuInputs, ctx: DecideContext): DecideInput {
  return {
    pin: x.pin,
    erpSku: x.erpSku,
    categoryEnabled: x.categoryEnabled,
    warehouses: x.warehouses,
    bindStatus: x.bindStatus,
    hasGoodsId: !!x.scItemId || !!ctx.goodsId,
    threshold: ctx.threshold,
    lastSyncFailed: ctx.lastSyncFailed,
    early: ctx.early,
  };
}

/** Every listing SKU's inputs (or a few), in id order. */
export function loadInputs(db: Db, ids?: number[]): SkuInputs[] {
  const out: SkuInputs[] = [];
  forEachInput(db, (x) => out.push(x), ids);
  return out;
}
