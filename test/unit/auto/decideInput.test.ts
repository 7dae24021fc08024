import { describe, expect, it } from 'vitest';
import { decideInputOf, type SkuInputs } from '../../../src-main/core/auto/inputs';
import { BIND_STATUS } from '../../../src-shared/bindStatus';

const sku = (scItemId: string | null): SkuInputs => ({
  listingSkuId: 7,
  productId: '100',
  skuId: '200',
  sellerSku: 'A-1',
  scItemId,
  bindStatus: BIND_STATUS.BOUND,
  erpSku: 'ERP-1',
  categoryEnabled: true,
  pin: 'always_bound',
  warehouses: [{ paired: true, nameMatches: true, active: true, stock: { available: 3, safety: 1, stale: false } }],
  figures: [],
  stockChangedAt: null,
  lastReason: null,
  lastSellable: null,
  lastRisk: null,
});

describe('decideInputOf (the one mapping the engine and the sender share)', () => {
  it('carries the stored inputs and the context unchanged', () => {
    const x = sku('900');
    expect(decideInputOf(x, { threshold: 4, lastSyncFailed: true, early: 2 })).toEqual({
      pin: 'always_bound',
      erpSku: 'ERP-1',
      categoryEnabled: true,
      warehouses: x.warehouses,
      bindStatus: BIND_STATUS.BOUND,
      hasGoodsId: true,
      threshold: 4,
      lastSyncFailed: true,
      early: 2,
    });
  });

  it('knows the goods id from the listing SKU or, failing that, from the action', () => {
    expect(decideInputOf(sku(null), { threshold: 1, lastSyncFailed: false, early: 0 }).hasGoodsId).toBe(false);
    expect(decideInputOf(sku(null), { threshold: 1, lastSyncFailed: false, early: 0, goodsId: '900' }).hasGoodsId).toBe(true);
    expect(decideInputOf(sku(''), { threshold: 1, lastSyncFailed: false, early: 0, goodsId: '' }).hasGoodsId).toBe(false);
  });
});
