import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { stockScheduler } from '../../../src-main/core/stock/scheduler';
import { stockSync } from '../../../src-main/core/stock/sync';
import type { TaskProgress } from '../../../src-shared/types/app';
import { allLevels, FixtureMarketplace, FixtureSource, level, makeApp } from './fixtures';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function seeded() {
  const source = new FixtureSource();
  source.set('A-1', 'W1', 10, 2);
  source.set('A-2', 'W1', 5);
  source.set('B-1', 'W2', 7);
  source.set('C-1', 'W2', 3);
  source.products.set('A-1', { goodsSku: 'A-1', productName: 'T恤 红', categoryName: '服装', productStatus: '在售' });
  source.products.set('A-2', { goodsSku: 'A-2', productName: 'T恤 蓝', categoryName: '服装', productStatus: '在售' });
  source.products.set('B-1', { goodsSku: 'B-1', productName: '收纳盒', categoryName: '家居', productStatus: '在售' });
  const made = makeApp({ source });
  app = made.app;
  return { source, app: made.app, clock: made.clock };
}

describe('stock sync on real SQLite', () => {
  it('a first read is full, stores figures with ERP facts and categories, and writes a history row', async () => {
    const { app } = seeded();
    const progress: TaskProgress[] = [];
    app.events.on('progress', (p) => progress.push(p));
    const { run } = await call(app, 'stock.sync.now', { wait: true });
    expect(run).toMatchObject({ status: 'ok', strategy: 'full', rowsRead: 4, rowsWritten: 4, rowsChanged: 4, rowsStale: 0 });
    expect(run?.reason).toContain('第一次');
    expect(level(app, 'A-1', 'W1')).toMatchObject({ available: 10, safety: 2, stale: 0 });
    const cats = await call(app, 'stock.categories.list', {});
    expect(cats.map((c) => [c.name, c.skuCount, c.syncEnabled])).toEqual([
      ['家居', 1, true],
      ['服装', 2, true],
      ['', 1, true],
    ]);
    const skus = await call(app, 'stock.erpSkus.page', { text: 'A-1' });
    expect(skus.rows[0]).toMatchObject({ sku: 'A-1', name: 'T恤 红', status: '在售', category: '服装', available: 10 });
    expect(progress.some((p) => p.task === 'stock.sync' && p.done > 0 && !p.finished)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ task: 'stock.sync', finished: true });
    const runs = await call(app, 'stock.runs.list', {});
    expect(runs.total).toBe(1);
  });

  it('a SKU missing from a full read keeps its last-known stock and is flagged stale, never zeroed', async () => {
    const { app, source, clock } = seeded();
    await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    source.rows = source.rows.filter((r) => r.sku !== 'A-2');
    source.set('A-1', 'W1', 8, 2);
    clock.advance(60_000);
    const { run } = await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    expect(run).toMatchObject({ status: 'ok', rowsStale: 1, rowsChanged: 1 });
    expect(level(app, 'A-2', 'W1')).toMatchObject({ available: 5, stale: 1 });
    expect(level(app, 'A-1', 'W1')).toMatchObject({ available: 8, stale: 0 });
    // seen again by a full read: no longer stale
    source.set('A-2', 'W1', 4);
    clock.advance(60_000);
    await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    expect(level(app, 'A-2', 'W1')).toMatchObject({ available: 4, stale: 0 });
    // missing again, then seen by the change feed: the incremental read makes it fresh too
    source.rows = source.rows.filter((r) => r.sku !== 'A-2');
    clock.advance(60_000);
    await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    expect(level(app, 'A-2', 'W1')).toMatchObject({ available: 4, stale: 1 });
    source.changes = [{ sku: 'A-2', warehouseId: 'W1', warehouseName: '义乌仓', available: 3, safety: 0 }];
    clock.advance(60_000);
    const { run: inc } = await call(app, 'stock.sync.now', { wait: true, strategy: 'incremental' });
    expect(inc).toMatchObject({ status: 'ok', strategy: 'incremental', rowsRead: 1 });
    expect(level(app, 'A-2', 'W1')).toMatchObject({ available: 3, stale: 0 });
    expect(level(app, 'A-1', 'W1')).toMatchObject({ stale: 0 });
  });

  it('a page failing mid-run leaves every stored figure untouched and records the failure', async () => {
    const { app, source, clock } = seeded();
    await call(app, 'stock.sync.now', { wait: true });
    const before = allLevels(app);
    source.set('A-1', 'W1', 0);
    source.set('C-1', 'W2', 0);
    source.failOnPage = 2;
    clock.advance(60_000);
    const { run } = await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    expect(run?.status).toBe('failed');
    expect(run?.errors[0]!.message).toContain('page 2');
    expect(run?.errors[0]!.message).toContain('已保存的库存没有改变');
    expect(allLevels(app)).toEqual(before);
    const audit = app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE kind = 'stock.sync.failed'").get() as { n: number };
    expect(audit.n).toBe(1);
  });

  it('a cancelled run changes nothing, and its history row says cancelled', async () => {
    const { app, source, clock } = seeded();
    await call(app, 'stock.sync.now', { wait: true });
    const before = allLevels(app);
    source.set('A-1', 'W1', 0);
    source.afterPage = (page) => {
      if (page === 1) void call(app, 'stock.sync.cancel', {});
    };
    clock.advance(60_000);
    const { run } = await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    expect(run?.status).toBe('cancelled');
    expect(allLevels(app)).toEqual(before);
    expect(stockSync(app).running).toBeNull();
  });

  it('a disabled category is skipped by manual and scheduled sync; turning it off first asks', async () => {
    const { app, source, clock } = seeded();
    const market = new FixtureMarketplace();
    market.add('P1', 'S1', 'A-1');
    market.add('P2', 'S2', 'B-1');
    const { setStockPorts } = await import('../../../src-main/core/stock/ports');
    setStockPorts(app, { source: () => source, marketplace: () => market });
    await call(app, 'stock.sync.now', { wait: true });
    await call(app, 'sku.listings.refresh', {});
    const ask = await call(app, 'stock.categories.toggle', { name: '服装', enabled: false });
    expect(ask).toMatchObject({ applied: false, needsConfirm: true, affectedListingSkus: 1 });
    expect(ask.affectedSample[0]).toMatchObject({ sellerSku: 'A-1', erpSku: 'A-1' });
    expect((await call(app, 'stock.categories.list', {})).find((c) => c.name === '服装')?.syncEnabled).toBe(true);
    const done = await call(app, 'stock.categories.toggle', { name: '服装', enabled: false, confirm: true });
    expect(done.applied).toBe(true);

    source.set('A-1', 'W1', 0);
    source.set('A-2', 'W1', 0);
    source.set('B-1', 'W2', 1);
    clock.advance(60_000);
    const { run } = await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    expect(run).toMatchObject({ status: 'ok', rowsSkippedCategory: 2, rowsStale: 0 });
    expect(level(app, 'A-1', 'W1')).toMatchObject({ available: 10, stale: 0 });
    expect(level(app, 'B-1', 'W2')?.available).toBe(1);

    // the schedule skips it too (an incremental read, seeing the change of A-1)
    source.changes = [{ sku: 'A-1', warehouseId: 'W1', warehouseName: '深圳仓', available: 0, safety: 0 }];
    clock.advance(31 * 60_000);
    const scheduled = await stockScheduler(app).tick();
    expect(scheduled).toMatchObject({ trigger: 'schedule', strategy: 'incremental', status: 'ok', rowsSkippedCategory: 1, rowsWritten: 0 });
    expect(level(app, 'A-1', 'W1')?.available).toBe(10);
  });

  it('chooses incremental reads after a full one, shows why, and runs a full one again after the drift period', async () => {
    const { app, source, clock } = seeded();
    await call(app, 'stock.settings.set', { fullEveryHours: 2 });
    await call(app, 'stock.sync.now', { wait: true });
    clock.advance(60_000);
    let status = await call(app, 'stock.sync.status', {});
    expect(status.next).toMatchObject({ strategy: 'incremental' });
    source.changes = [{ sku: 'B-1', warehouseId: 'W2', warehouseName: '义乌仓', available: 0, safety: 0 }];
    const { run } = await call(app, 'stock.sync.now', { wait: true });
    expect(run).toMatchObject({ status: 'ok', strategy: 'incremental', rowsRead: 1, rowsChanged: 1, rowsStale: 0 });
    expect(source.readAllCalls).toBe(1);
    expect(source.changeCalls.map((c) => c.warehouseId)).toEqual(['W1', 'W2']);
    expect(level(app, 'B-1', 'W2')?.available).toBe(0);
    // an incremental read does not mark unseen SKUs stale
    expect(level(app, 'A-1', 'W1')?.stale).toBe(0);
    clock.advance(2 * 3600_000);
    status = await call(app, 'stock.sync.status', {});
    expect(status.next?.strategy).toBe('full');
    expect(status.next?.reason.zh).toContain('2 小时');
  });

  it('the schedule runs on the interval, from 1 minute to 24 hours, and refuses values outside', async () => {
    const { app, clock } = seeded();
    const sched = stockScheduler(app);
    expect((await call(app, 'stock.settings.get', {})).intervalMinutes).toBe(30);
    // nothing runs in the background before the seller's first sync
    clock.advance(3600_000);
    expect(await sched.tick()).toBeNull();
    expect(sched.nextAt()).toBeNull();
    await call(app, 'stock.sync.now', { wait: true });
    const finished: number[] = [];
    stockSync(app).onRunFinished((r) => finished.push(r.id));
    clock.advance(30 * 60_000);
    expect(await sched.tick()).toMatchObject({ trigger: 'schedule' });
    expect(finished).toHaveLength(1);
    clock.advance(29 * 60_000);
    expect(await sched.tick()).toBeNull();
    clock.advance(60_000);
    expect(await sched.tick()).toMatchObject({ status: 'ok' });
    await call(app, 'stock.settings.set', { intervalMinutes: 1 });
    clock.advance(60_000);
    expect(await sched.tick()).not.toBeNull();
    await expect(call(app, 'stock.settings.set', { intervalMinutes: 0 })).rejects.toMatchObject({ payload: { code: 'BAD_INPUT' } });
    await expect(call(app, 'stock.settings.set', { intervalMinutes: 1441 })).rejects.toMatchObject({ payload: { code: 'BAD_INPUT' } });
    await call(app, 'stock.settings.set', { scheduleEnabled: false });
    clock.advance(3600_000);
    expect(await sched.tick()).toBeNull();
  });

  it('says what to do when no stock source is connected', async () => {
    const made = makeApp({ source: null });
    app = made.app;
    await expect(call(app, 'stock.sync.now', { wait: true })).rejects.toMatchObject({ payload: { code: 'NOT_FOUND' } });
  });
});

describe('sync health', () => {
  it('tells the seller after repeated scheduled failures, and closes runs a crash left open', async () => {
    const { app, source, clock } = seeded();
    await call(app, 'stock.sync.now', { wait: true });
    source.failOnPage = 1;
    await call(app, 'stock.settings.set', { fullEveryHours: 1 });
    const before = allLevels(app);
    for (let i = 0; i < 3; i++) {
      clock.advance(3600_000);
      // The change feed keeps running; the full read that catches drift fails in the background.
      expect(await stockScheduler(app).tick()).toMatchObject({ status: 'ok', strategy: 'incremental' });
      await stockSync(app).driftDone();
      expect((await call(app, 'stock.runs.list', {})).rows.find((r) => r.strategy === 'full')).toMatchObject({
        status: 'failed',
        trigger: 'schedule',
      });
    }
    // a failed read stores nothing
    expect(allLevels(app)).toEqual(before);
    const notices = await call(app, 'notices.list', { limit: 10 });
    expect(notices.filter((n) => n.title.zh === '库存同步连续失败')).toHaveLength(1);
    expect(notices[0]!.body.zh).toContain('page 1');
    // The same notice in English, for a seller who switched the app to English.
    expect(notices[0]).toMatchObject({ title: { en: 'Stock sync keeps failing' } });
    expect(notices[0]!.body.en).toContain('failed 3 times in a row');
    expect(notices[0]!.body.en).not.toMatch(/[\u4e00-\u9fff]/);

    app.db.prepare("INSERT INTO stock_sync_runs (strategy, trigger, status, started_at) VALUES ('full', 'schedule', 'running', 'x')").run();
    const { closeAbandonedRuns } = await import('../../../src-main/core/stock/runs');
    expect(closeAbandonedRuns(app.db, new Date(clock.now()).toISOString())).toBe(1);
    const last = (await call(app, 'stock.runs.list', {})).rows[0]!;
    expect(last).toMatchObject({ status: 'failed' });
    expect(last.errors[0]!.message).toContain('没有保存任何库存');
  });
});
