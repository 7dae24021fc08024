import { describe, expect, it } from 'vitest';
import { decide, sellableOf, type DecideInput, type WarehouseInput } from '../../../src-main/core/auto/decide';
import { massUnbindGate } from '../../../src-main/core/auto/gates';
import { REASON_TEXT, type BindStatus, type PinMode } from '../../../src-shared/channels/auto';

type StockCase = 'known' | 'low' | 'zero' | 'negative' | 'stale' | 'missing';
type Pairing = 'ok' | 'unpaired' | 'mismatch' | 'inactive' | 'none';

const STOCK: Record<StockCase, WarehouseInput['stock']> = {
  known: { available: 12, safety: 2, stale: false }, // sellable 10
  low: { available: 4, safety: 2, stale: false }, // sellable 2
  zero: { available: 5, safety: 5, stale: false }, // sellable 0: safety stock eats it all
  negative: { available: -3, safety: 0, stale: false }, // ERP oversold: never negative
  stale: { available: 0, safety: 0, stale: true },
  missing: null,
};

function input(
  stock: StockCase,
  pin: PinMode,
  category: boolean | null,
  pairing: Pairing,
  threshold: number,
  bindStatus: BindStatus,
): DecideInput {
  const w: WarehouseInput = {
    paired: pairing !== 'unpaired',
    nameMatches: pairing !== 'unpaired' && pairing !== 'mismatch',
    active: pairing !== 'inactive',
    stock: STOCK[stock],
  };
  return {
    pin,
    erpSku: 'ERP-1',
    categoryEnabled: category,
    warehouses: pairing === 'none' ? [] : [w],
    bindStatus,
    hasGoodsId: true,
    threshold,
  };
}

const stocks: StockCase[] = ['known', 'low', 'zero', 'negative', 'stale', 'missing'];
const pins: PinMode[] = ['auto', 'always_bound', 'always_unbound'];
const categories: (boolean | null)[] = [true, false, null];
const pairings: Pairing[] = ['ok', 'unpaired', 'mismatch', 'inactive', 'none'];
const thresholds = [1, 3];
const statuses: BindStatus[] = [1, 2, 3, 4];

const all: { c: [StockCase, PinMode, boolean | null, Pairing, number, BindStatus]; d: ReturnType<typeof decide> }[] = [];
for (const s of stocks)
  for (const p of pins)
    for (const c of categories)
      for (const w of pairings)
        for (const t of thresholds) for (const b of statuses) all.push({ c: [s, p, c, w, t, b], d: decide(input(s, p, c, w, t, b)) });

describe('decision table: every combination of stock, pin, category, pairing, threshold and bind status', () => {
  it('answers each combination with a well-formed decision, and the table reaches every outcome it should, as often as it should', () => {
    const tally: Record<string, number> = {};
    for (const { c, d } of all) {
      expect(['bind', 'unbind', 'none'], JSON.stringify(c)).toContain(d.want);
      expect(Object.keys(REASON_TEXT), JSON.stringify(c)).toContain(d.reason);
      if (d.sellable !== null) expect(Number.isInteger(d.sellable) && d.sellable >= 0, JSON.stringify(c)).toBe(true);
      const key = `${d.want}:${d.reason}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    // 6 × 3 × 3 × 5 × 2 × 4 = 2160 combinations; auto and category on or unknown: 6 × 2 × 5 × 2 × 4 = 480 reach past the pin and category.
    expect(tally).toEqual({
      'none:pinned': 1440,
      'none:category_off': 240,
      'none:no_warehouse': 96,
      'none:warehouse_unpaired': 96,
      'none:warehouse_name_mismatch': 96,
      'none:warehouse_inactive': 96,
      // The 96 with paired, active, matching warehouses: 16 per stock case.
      'none:stock_stale': 16,
      'none:stock_missing': 16,
      'none:below_threshold': 8, // low stock (2) under threshold 3, any bind status, category on or unknown
      'bind:stock_back': 6, // bind status 1: known × 2 thresholds + low × threshold 1, category on or unknown
      'bind:bind_after_review': 6, // the same with status 3
      'none:already_bound': 12, // status 2 or 4 with enough stock
      'unbind:stock_out': 4,
      'unbind:erp_oversold': 4,
      'none:already_unbound': 8,
      'none:unbind_in_review': 8,
      'none:unbind_refused': 8,
    });
  });

  it('a pinned listing SKU is never touched, whatever else holds', () => {
    for (const { c, d } of all.filter((x) => x.c[1] !== 'auto')) {
      expect(d, JSON.stringify(c)).toEqual({ want: 'none', sellable: null, reason: 'pinned' });
    }
  });

  it('a category that is off produces no action and says so', () => {
    for (const { c, d } of all.filter((x) => x.c[1] === 'auto' && x.c[2] === false)) {
      expect(d.want, JSON.stringify(c)).toBe('none');
      expect(d.reason).toBe('category_off');
    }
  });

  it('an unlinked, unpaired, misnamed or inactive warehouse produces no action and says which', () => {
    const expected: Record<Exclude<Pairing, 'ok'>, string> = {
      none: 'no_warehouse',
      unpaired: 'warehouse_unpaired',
      mismatch: 'warehouse_name_mismatch',
      inactive: 'warehouse_inactive',
    };
    for (const { c, d } of all.filter((x) => x.c[1] === 'auto' && x.c[2] !== false && x.c[3] !== 'ok')) {
      expect(d.want, JSON.stringify(c)).toBe('none');
      expect(d.reason).toBe(expected[c[3] as Exclude<Pairing, 'ok'>]);
    }
  });

  it('stale or missing stock never unbinds (unknown is not zero) and never binds either', () => {
    for (const { c, d } of all.filter((x) => x.c[0] === 'stale' || x.c[0] === 'missing')) {
      expect(d.want, JSON.stringify(c)).toBe('none');
      if (c[1] === 'auto' && c[2] !== false && c[3] === 'ok') expect(d.reason).toBe(c[0] === 'stale' ? 'stock_stale' : 'stock_missing');
    }
  });

  it('unbinds exactly when sellable is 0 on fresh stock and the SKU is bound', () => {
    for (const { c, d } of all) {
      const [s, p, cat, w, , b] = c;
      const shouldUnbind = p === 'auto' && cat !== false && w === 'ok' && (s === 'zero' || s === 'negative') && b === 2;
      expect(d.want === 'unbind', JSON.stringify(c)).toBe(shouldUnbind);
      if (shouldUnbind) expect(d).toEqual({ want: 'unbind', sellable: 0, reason: s === 'negative' ? 'erp_oversold' : 'stock_out' });
    }
  });

  it('binds exactly when sellable reaches the threshold and the SKU is unbound or its unbind is in review', () => {
    for (const { c, d } of all) {
      const [s, p, cat, w, t, b] = c;
      const sellable = s === 'known' ? 10 : s === 'low' ? 2 : 0;
      const shouldBind =
        p === 'auto' && cat !== false && w === 'ok' && (s === 'known' || s === 'low') && sellable >= t && (b === 1 || b === 3);
      expect(d.want === 'bind', JSON.stringify(c)).toBe(shouldBind);
      if (shouldBind) expect(d.reason).toBe(b === 3 ? 'bind_after_review' : 'stock_back');
    }
  });

  it('between 0 and the threshold the SKU keeps its state (no flapping)', () => {
    const d = decide(input('low', 'auto', true, 'ok', 3, 1));
    expect(d).toEqual({ want: 'none', sellable: 2, reason: 'below_threshold' });
    expect(decide(input('low', 'auto', true, 'ok', 3, 2)).want).toBe('none');
  });

  it('already in the wanted state, in review or refused: nothing to send, with the reason', () => {
    expect(decide(input('known', 'auto', true, 'ok', 1, 2)).reason).toBe('already_bound');
    expect(decide(input('known', 'auto', true, 'ok', 1, 4)).reason).toBe('already_bound');
    expect(decide(input('zero', 'auto', true, 'ok', 1, 1)).reason).toBe('already_unbound');
    expect(decide(input('zero', 'auto', true, 'ok', 1, 3)).reason).toBe('unbind_in_review');
    expect(decide(input('zero', 'auto', true, 'ok', 1, 4)).reason).toBe('unbind_refused');
  });

  it('an unmapped listing SKU or one without a goods id gets no action', () => {
    expect(decide({ ...input('zero', 'auto', true, 'ok', 1, 2), erpSku: null }).reason).toBe('unmapped');
    expect(decide({ ...input('zero', 'auto', true, 'ok', 1, 2), hasGoodsId: false }).reason).toBe('no_goods_id');
    expect(decide({ ...input('known', 'auto', true, 'ok', 1, 1), hasGoodsId: false }).reason).toBe('no_goods_id');
  });
});

describe('sellable stock over several warehouses', () => {
  const wh = (stock: WarehouseInput['stock']): WarehouseInput => ({ paired: true, nameMatches: true, active: true, stock });
  const base = (warehouses: WarehouseInput[], bindStatus: BindStatus = 2): DecideInput => ({
    pin: 'auto',
    erpSku: 'E',
    categoryEnabled: true,
    warehouses,
    bindStatus,
    hasGoodsId: true,
    threshold: 1,
  });

  it('is available − safety per warehouse, never negative, summed', () => {
    expect(sellableOf({ available: 3, safety: 5 })).toBe(0);
    const d = decide(base([wh({ available: 3, safety: 5, stale: false }), wh({ available: 4, safety: 1, stale: false })], 1));
    // One warehouse's shortfall does not eat the other's stock: 0 + 3.
    expect(d).toEqual({ want: 'bind', sellable: 3, reason: 'stock_back' });
  });

  it('all warehouses empty: unbind', () => {
    expect(decide(base([wh({ available: 0, safety: 0, stale: false }), wh({ available: 2, safety: 2, stale: false })])).want).toBe(
      'unbind',
    );
  });

  it('fresh stock in one warehouse is enough to bind even when another is unknown', () => {
    expect(decide(base([wh({ available: 5, safety: 0, stale: false }), wh(null)], 1)).want).toBe('bind');
  });

  it('zero in one warehouse and unknown in another never unbinds', () => {
    expect(decide(base([wh({ available: 0, safety: 0, stale: false }), wh(null)]))).toEqual({
      want: 'none',
      sellable: 0,
      reason: 'stock_missing',
    });
    expect(decide(base([wh({ available: 0, safety: 0, stale: false }), wh({ available: 9, safety: 0, stale: true })])).reason).toBe(
      'stock_stale',
    );
  });

  it('one unpaired warehouse among several blocks the SKU', () => {
    expect(decide(base([wh({ available: 0, safety: 0, stale: false }), { ...wh(null), paired: false, nameMatches: false }])).reason).toBe(
      'warehouse_unpaired',
    );
  });

  it('after a failed stock read nothing is unbound, binds still happen on fresh stock', () => {
    expect(decide({ ...base([wh({ available: 0, safety: 0, stale: false })]), lastSyncFailed: true })).toEqual({
      want: 'none',
      sellable: 0,
      reason: 'last_sync_failed',
    });
    expect(decide({ ...base([wh({ available: 5, safety: 0, stale: false })], 1), lastSyncFailed: true }).want).toBe('bind');
  });
  it('unbind before zero: at or below the early level it unbinds, and binds again only above it', () => {
    const at = (n: number, b: 1 | 2, early: number) => decide({ ...base([wh({ available: n, safety: 0, stale: false })], b), early });
    expect(at(3, 2, 4)).toEqual({ want: 'unbind', sellable: 3, reason: 'predicted_sellout' });
    expect(at(4, 2, 4).reason).toBe('predicted_sellout');
    expect(at(5, 2, 4)).toEqual({ want: 'none', sellable: 5, reason: 'already_bound' });
    expect(at(4, 1, 4)).toEqual({ want: 'none', sellable: 4, reason: 'already_unbound' });
    expect(at(5, 1, 4).want).toBe('bind');
    expect(at(0, 2, 4).reason).toBe('stock_out');
    expect(at(3, 2, 0).reason).toBe('already_bound');
    // Unknown stock still never unbinds, prediction or not.
    expect(decide({ ...base([wh({ available: 2, safety: 0, stale: false }), wh(null)], 2), early: 4 }).reason).toBe('stock_missing');
    expect(decide({ ...base([wh({ available: 2, safety: 0, stale: false })], 2), early: 4, lastSyncFailed: true }).reason).toBe(
      'last_sync_failed',
    );
  });
});

describe('mass-unbind gate', () => {
  const s = { massUnbindShare: 0.2, massUnbindCount: 100 };
  it('holds a run that unbinds more than the share of bound SKUs', () => {
    expect(massUnbindGate(s, 3, 10)).toMatchObject({ unbinds: 3, bound: 10, share: 0.3 });
    expect(massUnbindGate(s, 2, 10)).toBeNull();
  });
  it('holds a run over the count even when the share is small', () => {
    expect(massUnbindGate(s, 101, 100_000)).not.toBeNull();
    expect(massUnbindGate(s, 100, 100_000)).toBeNull();
  });
  it('never holds a single unbind on the share alone, nor a run without unbinds', () => {
    expect(massUnbindGate(s, 1, 2)).toBeNull();
    expect(massUnbindGate(s, 0, 0)).toBeNull();
    expect(massUnbindGate({ ...s, massUnbindCount: 0 }, 1, 2)).not.toBeNull();
  });
});
