/**
 * Reads what the decision table needs for every listing SKU (or a few) from the stock tables, in one
 * query ordered by listing SKU and streamed: 100k listing SKUs load in a fraction of a second.
 */
import type { Db } from '../db/open';
import type { BindStatus, DecisionReason, PinMode, WarehouseFigure } from '../../../src-shared/channels/auto';
import type { RiskKind } from '../../../src-shared/types/auto';
import type { DecideInput, WarehouseInput } from './decide';
import { sellableOf } from './sellable';
import { skuRows, stockOfRow } from './skuRows';

export interface SkuInputs {
  listingSkuId: number;
  productId: string;
  skuId: string;
  sellerSku: string;
  scItemId: string | null;
  bindStatus: BindStatus;
  erpSku: string | null;
  /**
   * The ERP SKU's category has stock sync on (true) or off (false); null when not known: the ERP SKU
   * was never seen or has no category, or no category has sync off (then it is not looked up).
   */
  categoryEnabled: boolean | null;
  pin: PinMode;
  warehouses: WarehouseInput[];
  figures: WarehouseFigure[];
  /** Latest change time of the figures (when the read saw them change). */
  stockChangedAt: string | null;
  /** The last pass's reason for this SKU (null: never decided). */
  lastReason: DecisionReason | null;
  /** The last sellable figure written to the stock history (null: none). */
  lastSellable: number | null;
  /** The last pass's oversell-risk kind ('' none; null: never worked out). */
  lastRisk: RiskKind | '' | null;
}

/**
 * The ids as one bound JSON array, not an IN list written into the SQL: a stock run's scope is some
 * 25,000 ids, whose list made a 150 kB statement to build and parse on every pass (the read of
 * 22,632 SKUs: 95 → 87 ms, best of ten).
 */
/** When a figure was last seen: a fresh one also by its warehouse's last full read (stock/seen.ts). */
function seenAtOf(own: string | null, stale: boolean, warehouse: string | undefined): string | null {
  return !stale && own !== null && warehouse !== undefined && warehouse > own ? warehouse : own;
}

function idFilter(ids: number[] | undefined, column: string): { where: string; params: unknown[] } {
  return ids
    ? { where: `WHERE ${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(ids.map(Number))] }
    : { where: '', params: [] };
}

/** Beyond the SkuRow columns: the ERP SKU's category, the figure's times, and the SKU's last pass. */
type Extra = [
  category: string | null,
  seenAt: string | null,
  changedAt: string | null,
  lastReason: string | null,
  lastSellable: number | null,
  lastRisk: RiskKind | '' | null,
];

/**
 * Calls `fn` with each listing SKU's inputs in id order, one at a time: a single query ordered by
 * listing SKU is streamed, so a 100k-SKU pass never holds every SKU's inputs at once. With `ids`,
 * only those (one bound list, in the same query: the side tables a pass needs, the last reason and the
 * last recorded figure, are joined in it rather than read per scope).
 */
export function forEachInput(db: Db, fn: (x: SkuInputs) => void, ids?: number[]): void {
  // The small tables (categories, pins, ERP warehouses) are read once into maps: joining them in the
  // big query costs a B-tree search per listing SKU each, a third of the query on 100k SKUs.
  const categories = new Map(db.prepare('SELECT name, sync_enabled FROM stock_categories').raw().all() as [string, number][]);
  const pins = new Map(db.prepare('SELECT listing_sku_id, mode FROM auto_pins').raw().all() as [number, PinMode][]);
  // A full read notes what it saw unchanged once per warehouse (stock/seen.ts): a fresh figure was
  // last seen at the later of its own time and its warehouse's (a JavaScript max here, not a lookup per row).
  const sightings = new Map(db.prepare('SELECT erp_warehouse_id, seen_at FROM stock_levels_seen').raw().all() as [string, string][]);
  const erpWarehouses = new Map(
    (db.prepare('SELECT id, name, active FROM stock_erp_warehouses').raw().all() as [string, string, number][]).map(
      ([id, name, active]) => [id, { name, active }],
    ),
  );
  // The ERP SKU's category matters only when some category has sync off: otherwise its lookup (two
  // B-tree searches per SKU, a fifth of a 25,000-SKU read) is skipped and the category left unknown.
  const anyOff = [...categories.values()].some((on) => on === 0);
  const rows = skuRows<Extra>(db, {
    extra: `${anyOff ? 'e.category' : 'NULL'}, l.seen_at, l.changed_at, st.reason, st.sellable, st.risk`,
    joins: `${anyOff ? 'LEFT JOIN stock_erp_skus e ON e.sku = k.erp_sku' : ''} LEFT JOIN auto_sku_state st ON st.listing_sku_id = s.id`,
    ...idFilter(ids, 's.id'),
  });
  let x: SkuInputs | null = null;
  for (const r of rows) {
    if (!x || x.listingSkuId !== r[0]) {
      if (x) fn(x);
      const enabled = r[15] === null ? undefined : categories.get(r[15]);
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
        lastReason: (r[18] || null) as DecisionReason | null,
        lastSellable: r[19],
        lastRisk: r[20],
      };
    }
    const storeName = r[7];
    if (storeName === null) continue;
    const erpId = r[8];
    const erp = erpId === null ? undefined : erpWarehouses.get(erpId);
    const erpName = erp?.name ?? null;
    const { stock, counting } = stockOfRow(r);
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
      available: r[9],
      safety: r[10],
      stale: r[11] === 1,
      seenAt: seenAtOf(r[16], r[11] === 1, erpId === null ? undefined : sightings.get(erpId)),
      inTransit: r[12],
      countInTransit: counting.inTransit,
      syncPercent: counting.percent,
      sellable: stock && !stock.stale ? sellableOf(stock, counting) : null,
    });
    const changedAt = r[17];
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
