import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import { call } from '../../helpers/channels';
import { importStockRows } from '../../../src-main/core/stock/stockImport';
import { parseStockFile } from '../../../src-main/core/connectors/files/parseStockFile';
import { startStore, setUpStock, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

describe('an ERP figure below zero or blank', () => {
  it('below zero (the ERP oversold) unbinds, shows the figure and never turns the row stale', async () => {
    store = await startStore({
      skus: [
        ['N1', 5],
        ['N2', 5],
      ],
    });
    const clock = store.clock as ManualClock;
    const { app, market } = await store.open();
    await setUpStock(app, market);
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(5 * MIN);
    store.tt.setStock('N1', 'W1', -3);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.stockRun?.status).toBe('ok');
    expect(r.stockRun?.errors).toEqual([]);
    expect(app.db.prepare("SELECT available, stale FROM stock_levels WHERE sku = 'N1'").get()).toEqual({ available: -3, stale: 0 });
    expect(r.send).toMatchObject({ done: 1 });
    expect(store.ae.bindState(productOf('N1'), skuIdOf('N1'))).toBe(1);
    expect(store.ae.bindState(productOf('N2'), skuIdOf('N2'))).toBe(2);
    const audit = await call(app, 'auto.audit.list', { autoOnly: true, kind: 'auto.decision', page: 1, pageSize: 10 });
    expect(audit.rows[0]).toMatchObject({ subject: 'N1', detail: { want: 'unbind', reason: 'erp_oversold', sellable: 0 } });
    expect(audit.rows[0]!.detail.figures).toEqual([expect.objectContaining({ available: -3, stale: false })]);
  });

  it('blank is unknown for that SKU only: reported, nothing unbound on it, the others still decided', async () => {
    store = await startStore({
      skus: [
        ['B1', 5],
        ['B2', 5],
        ['B3', 5],
      ],
    });
    const clock = store.clock as ManualClock;
    const { app, market } = await store.open();
    await setUpStock(app, market);
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(5 * MIN);
    store.tt.setStock('B1', 'W1', Number.NaN); // sent as null: the ERP left the figure blank
    store.tt.setStock('B2', 'W1', 0);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.stockRun?.status).toBe('ok');
    expect(r.stockRun?.errors.map((e) => e.message)).toEqual([expect.stringMatching(/B1.*可用库存为空或无法读取/)]);
    expect(app.db.prepare("SELECT available, stale FROM stock_levels WHERE sku = 'B1'").get()).toEqual({ available: 5, stale: 1 });
    expect(store.ae.bindState(productOf('B1'), skuIdOf('B1'))).toBe(2);
    expect(store.ae.bindState(productOf('B2'), skuIdOf('B2'))).toBe(1);
    const dry = await call(app, 'auto.dryRun', { only: 'all', page: 1, pageSize: 50 });
    expect(dry.rows.find((x) => x.sellerSku === 'B1')?.reason).toBe('stock_stale');
    expect(dry.rows.find((x) => x.sellerSku === 'B3')?.reason).toBe('already_bound');
  });

  it('a stock file with −4 imports it (no rejected line) and the SKU unbinds', async () => {
    store = await startStore({
      skus: [
        ['F1', 5],
        ['F2', 5],
      ],
    });
    const { app, market } = await store.open();
    await setUpStock(app, market);
    await call(app, 'auto.setSwitch', { on: true });
    const parsed = await parseStockFile(Buffer.from('SKU,仓库,可用库存\nF1,W1,-4\nF2,W1,6\n', 'utf8'));
    expect(parsed.rejected).toEqual([]);
    const rep = importStockRows(app, { rows: parsed.rows, rejected: parsed.rejected, confirm: true });
    expect(rep.applied).toBe(true);
    const r = await call(app, 'auto.run', { sync: false, send: true });
    expect(r.run?.counts.byReason.erp_oversold).toBe(1);
    expect(store.ae.bindState(productOf('F1'), skuIdOf('F1'))).toBe(1);
    expect(store.ae.bindState(productOf('F2'), skuIdOf('F2'))).toBe(2);
  });
});
