import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import { call } from '../../helpers/channels';
import { startStore, setUpStock, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

describe('how a store warehouse counts stock (in transit, sync N%)', () => {
  it('the same ERP figures give a different sellable stock, decision and risk as the settings change', async () => {
    store = await startStore({
      skus: [
        ['T1', 0],
        ['T2', 3],
        ['T3', 5],
        ['T4', 1],
      ],
    });
    const clock = store.clock as ManualClock;
    store.tt.setInTransit('T1', 'W1', 6);
    store.tt.setInTransit('T3', 'W1', 10);
    store.tt.setStock('T3', 'W1', -2); // oversold in the ERP while more is on its way
    const { app, market } = await store.open();
    await setUpStock(app, market);
    // Tongtool's in-transit figure is kept, not thrown away.
    expect(app.db.prepare("SELECT in_transit FROM stock_levels WHERE sku = 'T1'").pluck().get()).toBe(6);

    const view = async () => {
      const dry = await call(app, 'auto.dryRun', { only: 'all', page: 1, pageSize: 50 });
      const by = (sku: string) => dry.rows.find((x) => x.sellerSku === sku)!;
      return { T1: by('T1'), T2: by('T2'), T3: by('T3'), T4: by('T4') };
    };
    const sellable = (v: Awaited<ReturnType<typeof view>>) => [v.T1.sellable, v.T2.sellable, v.T3.sellable, v.T4.sellable];

    // Defaults: available only, 100 %.
    let v = await view();
    expect(sellable(v)).toEqual([0, 3, 0, 1]);
    expect(v.T3).toMatchObject({ want: 'unbind', reason: 'erp_oversold' });
    expect(v.T2.reasonText.zh).toContain('义乌仓 仅可用库存，同步100%');
    expect(v.T2.reasonText.en).toContain('义乌仓: available only, 100% synced');
    let risk = await call(app, 'auto.risk', {});
    expect(risk.counts.zero).toBe(1); // T3

    const storeWarehouseId = (await call(app, 'stock.warehouses.list', {})).store[0]!.id;
    const set = await call(app, 'stock.warehouses.counting', { storeWarehouseId, countInTransit: true, syncPercent: 50 });
    expect(set.store[0]).toMatchObject({ countInTransit: true, syncPercent: 50 });

    // Available + in transit, 50 %, rounded down: T1 (0 + 6) → 3 binds; T2 3 → 1; T4 1 → 0 unbinds.
    // T3 stays "nothing sellable": below zero in the ERP, whatever is in transit and whatever the share.
    v = await view();
    expect(sellable(v)).toEqual([3, 1, 0, 0]);
    expect(v.T1).toMatchObject({ want: 'bind', reason: 'stock_back' });
    expect(v.T3).toMatchObject({ want: 'unbind', reason: 'erp_oversold' });
    expect(v.T4).toMatchObject({ want: 'unbind', reason: 'stock_out' });
    expect(v.T1.reasonText.zh).toContain('义乌仓 可用+在途，同步50%，在途6');
    expect(v.T1.reasonText.en).toContain('义乌仓: available + in transit, 50% synced, 6 in transit');
    expect(v.T1.figures[0]).toMatchObject({ available: 0, inTransit: 6, countInTransit: true, syncPercent: 50, sellable: 3 });
    // The risk model counts with the same function: T4 is now bound at 0 too.
    risk = await call(app, 'auto.risk', {});
    expect(risk.counts.zero).toBe(2);

    // 1 % of 3 is 0; in transit off again: T1 back to nothing.
    await call(app, 'stock.warehouses.counting', { storeWarehouseId, countInTransit: false, syncPercent: 1 });
    v = await view();
    expect(sellable(v)).toEqual([0, 0, 0, 0]);
    await expect(call(app, 'stock.warehouses.counting', { storeWarehouseId, syncPercent: 0 })).rejects.toThrow();

    // The change feed carries no in-transit figure: the last full one is kept.
    await call(app, 'stock.warehouses.counting', { storeWarehouseId, countInTransit: true, syncPercent: 100 });
    clock.advance(5 * MIN);
    store.tt.setStock('T1', 'W1', 2);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: false });
    expect(r.stockRun?.status).toBe('ok');
    expect(app.db.prepare("SELECT available, in_transit FROM stock_levels WHERE sku = 'T1'").get()).toEqual({
      available: 2,
      in_transit: 6,
    });
    v = await view();
    expect(v.T1.sellable).toBe(8);
  });
});
