/**
 * The decision table, pure: what one listing SKU should become given its stock, mapping, warehouse
 * pairing, category switch, pin, threshold and current bind state. Everything the engine sends
 * starts here; the gates, the outbox and the sender never decide on their own.
 *
 * Rules a seller relies on:
 * - sellable = available (+ in transit, when the store warehouse counts it) − safety stock, times the
 *   store warehouse's sync percentage, rounded down, never negative per warehouse, summed over
 *   linked warehouses (sellable.ts); an ERP figure below zero (超卖) means nothing is sellable there
 *   and unbinds like zero;
 * - bind when sellable ≥ the rebind threshold, unbind when sellable is 0, otherwise leave it as it is
 *   (between 0 and the threshold the SKU keeps its state, so it does not flap);
 * - unknown is not zero: stale or missing stock never unbinds;
 * - a SKU that is pinned, unmapped, in a category that is off, or linked to a warehouse that is not
 *   paired with an exactly matching ERP name gets no action, and the reason says why.
 */
import type { ActionKind, BindStatus, DecisionReason, PinMode } from '../../../src-shared/channels/auto';
import { sellableOf, type StockCounting } from './sellable';
import { BIND_STATUS, isBoundNow } from '../../../src-shared/bindStatus';

export { sellableOf };

export interface WarehouseInput {
  /** The store warehouse is paired with an ERP warehouse. */
  paired: boolean;
  /** …and the two names are equal character for character. */
  nameMatches: boolean;
  /** The ERP warehouse is active. */
  active: boolean;
  /** Last-known stock of the mapped ERP SKU there; null when no read has ever seen it. */
  stock: { available: number; safety: number; stale: boolean; inTransit?: number | null } | null;
  /** How the store warehouse counts stock (in transit, sync percentage); undefined: available only, 100%. */
  counting?: StockCounting;
}

export interface DecideInput {
  pin: PinMode;
  /** The ERP SKU this listing SKU resolves to (manual link, exact or rule), or null. */
  erpSku: string | null;
  /** The ERP SKU's category has stock sync on (null: the ERP SKU was never seen, so no category). */
  categoryEnabled: boolean | null;
  warehouses: WarehouseInput[];
  bindStatus: BindStatus;
  /** The goods id (sc_item_id) needed to bind is known. */
  hasGoodsId: boolean;
  threshold: number;
  /** The latest stock read failed: figures may be old, so nothing is unbound on them. */
  lastSyncFailed?: boolean;
  /**
   * Unbind before zero (predict.ts): unbind at or below this sellable stock, and bind again only
   * above it. Undefined or 0: unbind at zero only.
   */
  early?: number;
}

export interface Decision {
  want: ActionKind | 'none';
  /** Known sellable stock (a lower bound when some warehouse is unknown), null when not evaluated. */
  sellable: number | null;
  reason: DecisionReason;
}

const none = (reason: DecisionReason, sellable: number | null = null): Decision => ({ want: 'none', sellable, reason });

export function decide(i: DecideInput): Decision {
  if (i.pin !== 'auto') return none('pinned');
  if (!i.erpSku) return none('unmapped');
  if (i.categoryEnabled === false) return none('category_off');
  if (i.warehouses.length === 0) return none('no_warehouse');
  // Any unusable linked warehouse blocks the SKU: part of its stock would be invisible, and the real
  // system stops syncing a warehouse whose names differ, so acting on the rest could be wrong.
  if (i.warehouses.some((w) => !w.paired)) return none('warehouse_unpaired');
  if (i.warehouses.some((w) => !w.nameMatches)) return none('warehouse_name_mismatch');
  if (i.warehouses.some((w) => !w.active)) return none('warehouse_inactive');

  let known = 0;
  let missing = false;
  let stale = false;
  let oversold = false;
  for (const w of i.warehouses) {
    if (!w.stock) missing = true;
    else if (w.stock.stale) stale = true;
    else {
      known += sellableOf(w.stock, w.counting);
      if (w.stock.available < 0) oversold = true;
    }
  }
  const unknown = missing || stale;

  const early = i.early ?? 0;
  let target: 'bound' | 'unbound' | null;
  if (known >= i.threshold && known > early)
    target = 'bound'; // fresh stock alone is enough: unknown can only add to it
  else if (unknown) return none(missing ? 'stock_missing' : 'stock_stale', known);
  else if (known === 0 || known <= early) target = i.lastSyncFailed ? null : 'unbound';
  else return none('below_threshold', known);
  if (target === null) return none('last_sync_failed', known);

  if (target === 'bound') {
    if (isBoundNow(i.bindStatus)) return none('already_bound', known); // 4: unbind refused, still bound
    if (!i.hasGoodsId) return none('no_goods_id', known);
    return { want: 'bind', sellable: known, reason: i.bindStatus === BIND_STATUS.UNBIND_REVIEW ? 'bind_after_review' : 'stock_back' };
  }
  if (i.bindStatus === BIND_STATUS.UNBOUND) return none('already_unbound', known);
  if (i.bindStatus === BIND_STATUS.UNBIND_REVIEW) return none('unbind_in_review', known);
  if (i.bindStatus === BIND_STATUS.UNBIND_REFUSED) return none('unbind_refused', known);
  if (!i.hasGoodsId) return none('no_goods_id', known);
  // Below zero in the ERP (超卖): orders beyond the stock were already taken, so it is the most urgent stock-out.
  return { want: 'unbind', sellable: known, reason: oversold ? 'erp_oversold' : known === 0 ? 'stock_out' : 'predicted_sellout' };
}
