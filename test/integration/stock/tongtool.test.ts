/** Stock sync against the Tongtool simulator over 127.0.0.1, through the real client and its quota gate. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/core/app';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { silentLogger } from '../../../src-main/core/platform/logger';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { SqliteQuotaGate } from '../../../src-main/core/connectors/tongtool/quota';
import { TongtoolClient, memorySessionStore } from '../../../src-main/core/connectors/tongtool/client';
import { TongtoolStockSource } from '../../../src-main/core/connectors/tongtool/stockSource';
import { TongtoolSimulator } from '../../../src-main/core/connectors/tongtool/simulator';
import { setStockPorts } from '../../../src-main/core/stock/ports';
import { call } from '../../helpers/channels';
import { allLevels, level } from './fixtures';
import { productOf, setUpStock, skuIdOf, startStore, type TestStore } from '../auto/store';

const KEY = 'tt-key-stock';
const SECRET = 'tt-secret-stock-0123';
const N = 230; // 460 stock rows: 5 pages of 100, 3 pages of goods

function catalogue(clock: ManualClock) {
  const warehouses = [
    { id: 'W1', name: '深圳仓', active: true },
    { id: 'W2', name: '义乌仓', active: true },
  ];
  const goods = Array.from({ length: N }, (_, i) => ({
    sku: `SKU${String(i).padStart(4, '0')}`,
    name: `商品${i}`,
    category: i % 2 === 0 ? '服装/T恤' : '家居/收纳',
    status: '在售',
  }));
  const stock = goods.flatMap((g, i) => [
    { sku: g.sku, warehouseId: 'W1', available: (i % 7) + 1, safety: i % 3 === 0 ? 1 : 0 },
    { sku: g.sku, warehouseId: 'W2', available: 4, safety: 0 },
  ]);
  return { clock, appKey: KEY, appSecret: SECRET, warehouses, goods, stock };
}

/** No 60-second window of accepted calls holds more than 5, and the simulator never had to refuse one. */
function assertQuota(sim: TongtoolSimulator): void {
  for (const c of sim.calls) {
    const inWindow = sim.calls.filter((x) => x.at > c.at - 60_000 && x.at <= c.at).length;
    expect(inWindow).toBeLessThanOrEqual(5);
  }
  expect(sim.attempts.filter((a) => a.code === 526)).toEqual([]);
}

describe('stock sync against the Tongtool simulator', () => {
  let clock: ManualClock;
  let app: App;
  let sim: TongtoolSimulator;

  beforeEach(async () => {
    clock = new ManualClock();
    app = createApp({ dataDir: mkdtempSync(join(tmpdir(), 'stock-tt-')), host: 'cli', clock, quotaGuardMs: 0, log: silentLogger });
    sim = await new TongtoolSimulator(catalogue(clock)).start();
    const waiter = waiterFor(clock);
    const client = new TongtoolClient({
      baseUrl: sim.url,
      appKey: KEY,
      appSecret: SECRET,
      clock,
      waiter,
      quota: new SqliteQuotaGate(app.db, clock, waiter),
      session: memorySessionStore(),
      random: () => 0.5,
    });
    const source = new TongtoolStockSource(client, 'tongtool', clock);
    setStockPorts(app, { source: () => source });
  });
  afterEach(async () => {
    await sim.stop();
    await app.close();
  });

  it('a full run reads every page within the quota, then an incremental run sees a change with one request per warehouse', async () => {
    const full = (await call(app, 'stock.sync.now', { wait: true })).run;
    expect(full).toMatchObject({ status: 'ok', strategy: 'full', rowsRead: 2 * N, rowsWritten: 2 * N, rowsStale: 0 });
    expect(full?.pages).toBe(5);
    expect(level(app, 'SKU0003', 'W1')).toMatchObject({ available: 4, safety: 1 });
    const cats = await call(app, 'stock.categories.list', {});
    expect(cats.map((c) => [c.name, c.skuCount])).toEqual([
      ['家居/收纳', N / 2],
      ['服装/T恤', N / 2],
    ]);
    assertQuota(sim);
    // the full read needed more than 5 requests, so it had to wait for the quota on the clock
    expect(sim.calls.length).toBeGreaterThan(5);
    expect(sim.calls.at(-1)!.at - sim.calls[0]!.at).toBeGreaterThanOrEqual(60_000);

    clock.advance(5 * 60_000);
    sim.setStock('SKU0010', 'W1', 0);
    const callsBefore = sim.calls.length;
    const inc = (await call(app, 'stock.sync.now', { wait: true })).run;
    expect(inc).toMatchObject({ status: 'ok', strategy: 'incremental', rowsRead: 1, rowsChanged: 1 });
    expect(inc?.reason).toContain('变化');
    expect(sim.calls.slice(callsBefore).map((c) => c.name)).toEqual(['stocksChangeQuery', 'stocksChangeQuery']);
    expect(level(app, 'SKU0010', 'W1')?.available).toBe(0);
    assertQuota(sim);
  });

  it('a page failing mid-run (after retries) leaves stored stock untouched', async () => {
    await call(app, 'stock.sync.now', { wait: true });
    const before = allLevels(app);
    sim.drainWarehouse('W1');
    clock.advance(10 * 60_000);
    const off = app.events.on('progress', (p) => {
      if (p.task === 'stock.sync' && p.done === 2 && !p.finished)
        sim.inject({ kind: 'http5xx', status: 502 }, { call: 'stocksQuery', times: 20 });
    });
    const run = (await call(app, 'stock.sync.now', { wait: true, strategy: 'full' })).run;
    off();
    expect(run?.status).toBe('failed');
    expect(run?.pages).toBe(2);
    expect(allLevels(app)).toEqual(before);
    expect(level(app, 'SKU0001', 'W1')?.available).toBeGreaterThan(0);
    assertQuota(sim);
  });

  it('goodsQuery not granted (524), refused (525) or misshapen: the full read still stores stock and safety, says why on the run, and reads goods at the next full read', async () => {
    sim.grant('goodsQuery', false);
    const full = (await call(app, 'stock.sync.now', { wait: true })).run;
    expect(full).toMatchObject({ status: 'ok', strategy: 'full', rowsRead: 2 * N, rowsWritten: 2 * N });
    expect(level(app, 'SKU0003', 'W1')).toMatchObject({ available: 4, safety: 1 });
    expect(full?.errors).toHaveLength(1);
    expect(full?.errors[0]!.message).toContain('goodsQuery');
    expect(full?.errors[0]!.message).toContain('524');
    expect(full?.errors[0]!.message).toMatch(/库存和安全库存已保存/);
    expect(full?.errors[0]!.messageEn).toContain('goodsQuery');
    expect(full?.errors[0]!.messageEn).toMatch(/stock and safety stock were stored/i);
    // The connector's "stock keeps its last known figures" would contradict what happened.
    expect(full?.errors[0]!.message).not.toContain('库存保持上次已知的数量');
    expect(full?.errors[0]!.messageEn).not.toMatch(/stock keeps/i);

    // 525 on the next full read: the same, and the goods pages are asked again.
    clock.advance(10 * 60_000);
    sim.grant('goodsQuery', true);
    sim.inject({ kind: 'code', code: 525 }, { call: 'goodsQuery', times: 1 });
    sim.setStock('SKU0003', 'W1', 2);
    const second = (await call(app, 'stock.sync.now', { wait: true, strategy: 'full' })).run;
    expect(second).toMatchObject({ status: 'ok', rowsRead: 2 * N });
    expect(second?.errors[0]!.message).toMatch(/goodsQuery.*525/);
    expect(level(app, 'SKU0003', 'W1')).toMatchObject({ available: 2, safety: 1 });

    // Granted and answered: the next full read reads the goods and the categories appear.
    clock.advance(10 * 60_000);
    const before = sim.calls.length;
    const third = (await call(app, 'stock.sync.now', { wait: true, strategy: 'full' })).run;
    expect(third).toMatchObject({ status: 'ok', errors: [] });
    expect(sim.calls.slice(before).some((c) => c.name === 'goodsQuery')).toBe(true);
    const cats = await call(app, 'stock.categories.list', {});
    expect(cats.map((c) => c.name)).toEqual(expect.arrayContaining(['家居/收纳', '服装/T恤']));
    assertQuota(sim);
  });

  it('a disabled category is skipped by the full and the incremental run', async () => {
    await call(app, 'stock.sync.now', { wait: true });
    await call(app, 'stock.categories.toggle', { name: '家居/收纳', enabled: false, confirm: true });
    sim.drainWarehouse('W1');
    clock.advance(10 * 60_000);
    const inc = (await call(app, 'stock.sync.now', { wait: true })).run;
    expect(inc).toMatchObject({ status: 'ok', strategy: 'incremental', rowsRead: N, rowsSkippedCategory: N / 2, rowsWritten: N / 2 });
    expect(level(app, 'SKU0000', 'W1')?.available).toBe(0); // 服装: synced
    expect(level(app, 'SKU0001', 'W1')?.available).toBe(2); // 家居: kept as it was
    clock.advance(10 * 60_000);
    const full = (await call(app, 'stock.sync.now', { wait: true, strategy: 'full' })).run;
    expect(full).toMatchObject({ status: 'ok', strategy: 'full', rowsSkippedCategory: N, rowsStale: 0 });
    expect(level(app, 'SKU0001', 'W1')).toMatchObject({ available: 2, stale: 0 });
    assertQuota(sim);
  });
});

describe('incremental Tongtool reads keep safety stock (the change feed carries none)', () => {
  let store: TestStore | null = null;
  afterEach(async () => {
    await store?.stop();
    store = null;
  });

  it('a full read with safety stock, an ERP sell-out seen by an incremental read, safety still right after it, and the engine unbinds', async () => {
    store = await startStore({
      skus: [
        ['S1', 20],
        ['S2', 20],
        ['S3', 20, 9],
      ],
    });
    const s = store;
    const clock = s.clock as ManualClock;
    // Safety stock set in the ERP before the first read: 5 on S1 and S2 in 义乌仓 (W1), 2 on S3 in 深圳仓 (W2).
    s.tt.setStock('S1', 'W1', 20, 5);
    s.tt.setStock('S2', 'W1', 20, 5);
    s.tt.setStock('S3', 'W2', 9, 2);
    const { app, market } = await s.open();
    await setUpStock(app, market); // every listing SKU linked to 义乌仓 (W1)
    expect(level(app, 'S1', 'W1')).toMatchObject({ available: 20, safety: 5 });
    expect(level(app, 'S3', 'W2')).toMatchObject({ available: 9, safety: 2 });
    await call(app, 'auto.setSwitch', { on: true });
    await call(app, 'auto.run', { sync: false, send: true });
    expect(s.ae.bindState(productOf('S1'), skuIdOf('S1'))).toBe(2);

    // The campaign sells S1 down to 3 in the ERP: 3 available, 5 kept back, so nothing is sellable.
    // Read with safety 0, S1 would look sellable (3) and stay bound: that is overselling.
    clock.advance(10 * 60_000);
    s.tt.setStock('S1', 'W1', 3);
    s.tt.setStock('S3', 'W2', 8);
    clock.advance(60_000);
    const before = s.tt.calls.length;
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.stockRun).toMatchObject({ status: 'ok', strategy: 'incremental' });
    const asked = s.tt.calls.slice(before).filter((c) => c.name === 'stocksChangeQuery');
    expect(asked.map((c) => c.body.warehouseName).sort()).toEqual(['义乌仓', '深圳仓']);
    expect(level(app, 'S1', 'W1')).toMatchObject({ available: 3, safety: 5 });
    expect(level(app, 'S2', 'W1')).toMatchObject({ available: 20, safety: 5 });
    expect(level(app, 'S3', 'W2')).toMatchObject({ available: 8, safety: 2 });
    expect(r.run?.counts.unbind).toBe(1);
    expect(s.ae.bindState(productOf('S1'), skuIdOf('S1'))).toBe(1);
    expect(s.ae.bindState(productOf('S2'), skuIdOf('S2'))).toBe(2);
    expect(s.ae.bindState(productOf('S3'), skuIdOf('S3'))).toBe(2);

    // A SKU first seen in the change feed has no safety stock to keep: it waits for the next full read
    // (reported on the run) instead of being stored with 0.
    clock.advance(10 * 60_000);
    s.tt.setStock('NEW1', 'W1', 50, 4);
    clock.advance(60_000);
    const inc = (await call(app, 'stock.sync.now', { wait: true, strategy: 'incremental' })).run;
    // S1 and S3 again (the cursor overlaps the last read by a minute) and NEW1, which is not written.
    expect(inc).toMatchObject({ status: 'ok', strategy: 'incremental', rowsRead: 3, rowsWritten: 2 });
    expect(inc?.errors[0]?.message).toContain('安全库存未知');
    expect(level(app, 'NEW1', 'W1')).toBeUndefined();
    const full = (await call(app, 'stock.sync.now', { wait: true, strategy: 'full' })).run;
    expect(full?.status).toBe('ok');
    expect(level(app, 'NEW1', 'W1')).toMatchObject({ available: 50, safety: 4 });
    expect(level(app, 'S1', 'W1')).toMatchObject({ available: 3, safety: 5 });
  });
});
