/**
 * The periodic full read that catches drift runs in the background while the change feed keeps
 * running: a stock-out is still seen within one read, an older page never overwrites a newer
 * figure, a failed or cancelled drift read stores nothing, and goods pages are read only when needed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/core/app';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import { call } from '../../helpers/channels';
import { stockScheduler } from '../../../src-main/core/stock/scheduler';
import { stockSync } from '../../../src-main/core/stock/sync';
import { resolveIfChanged } from '../../../src-main/core/stock/resolve';
import { lastRun } from '../../../src-main/core/stock/runs';
import type { ErpProduct, ReadOptions, StockRow } from '../../../src-main/core/stock/source';
import { allLevels, FixtureMarketplace, FixtureSource, level, makeApp } from './fixtures';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A source whose full read can be held after a given page, as a slow quota-bound read is in life. */
class HeldSource extends FixtureSource {
  holdAfterPage: number | null = null;
  private release: (() => void) | null = null;
  /** Resolves when the read reaches the held page. */
  reachedHold: Promise<void> = Promise.resolve();
  private reached: (() => void) | null = null;
  productReads = 0;

  hold(afterPage: number): void {
    this.holdAfterPage = afterPage;
    this.reachedHold = new Promise((r) => (this.reached = r));
  }
  go(): void {
    this.holdAfterPage = null;
    this.release?.();
    this.release = null;
  }
  override async readAll(opts: ReadOptions = {}): Promise<StockRow[]> {
    this.readAllCalls++;
    const out: StockRow[] = [];
    for (let i = 0, page = 1; i < this.rows.length; i += this.pageSize, page++) {
      if (this.failOnPage === page) throw new Error(`page ${page}: connection reset`);
      // Each page is read now, from the ERP as it is now.
      out.push(...this.rows.slice(i, i + this.pageSize).map((r) => ({ ...r })));
      opts.onPage?.({ page, rows: out.length });
      if (this.holdAfterPage === page) {
        this.reached?.();
        await new Promise<void>((r) => {
          this.release = r;
          opts.signal?.addEventListener('abort', () => r());
        });
      }
      if (opts.signal?.aborted) throw new Error('aborted');
    }
    return out;
  }
  override async readProducts(): Promise<Map<string, ErpProduct>> {
    this.productReads++;
    return this.products;
  }
}

function store(): { app: App; clock: ManualClock; source: HeldSource; market: FixtureMarketplace } {
  const source = new HeldSource();
  source.set('A-1', 'W1', 10);
  source.set('A-2', 'W1', 5);
  source.set('B-1', 'W2', 7);
  source.set('C-1', 'W2', 3);
  for (const sku of ['A-1', 'A-2', 'B-1', 'C-1'])
    source.products.set(sku, { goodsSku: sku, productName: sku, categoryName: '服装', productStatus: '在售' });
  const market = new FixtureMarketplace();
  const made = makeApp({ source, market });
  app = made.app;
  return { app: made.app, clock: made.clock, source, market };
}

const full = (a: App) =>
  a.db.prepare("SELECT * FROM stock_sync_runs WHERE strategy = 'full' ORDER BY id DESC LIMIT 1").get() as {
    status: string;
    rows_stale: number;
  };

describe('the drift read beside the change feed', () => {
  it('keeps reading changes while the full read runs, and an older page never overwrites a newer figure', async () => {
    const { app, clock, source } = store();
    await call(app, 'stock.settings.set', { fullEveryHours: 6, intervalMinutes: 1 });
    expect(await stockSync(app).run({ trigger: 'manual' })).toMatchObject({ strategy: 'full', status: 'ok' });
    clock.advance(6 * 3600_000);

    // The ERP drifted (the change feed missed these): A-1 and C-1. A-2 is gone from the ERP's list.
    source.set('A-1', 'W1', 4);
    source.set('C-1', 'W2', 9);
    source.rows = source.rows.filter((r) => r.sku !== 'A-2');
    source.hold(1); // page 1 (A-1, B-1) is read, then the read waits for quota
    const sched = stockScheduler(app);
    const first = await sched.tick();
    expect(first).toMatchObject({ strategy: 'incremental', status: 'ok' });
    await source.reachedHold;
    expect(stockSync(app).drift).not.toBeNull();
    // The seller sees it as a background read; "sync now" stays available.
    const status = await call(app, 'stock.sync.status', {});
    expect(status).toMatchObject({ running: null, background: { strategy: 'full', done: 1 }, next: { strategy: 'incremental' } });

    // Meanwhile A-1 sells out and a new SKU D-1 arrives: the change feed sees both at once.
    clock.advance(60_000);
    source.set('A-1', 'W1', 0);
    source.changes = [
      { sku: 'A-1', warehouseId: 'W1', warehouseName: '深圳仓', available: 0, safety: 0 },
      { sku: 'D-1', warehouseId: 'W2', warehouseName: '义乌仓', available: 6, safety: 0 },
    ];
    expect(await sched.tick()).toMatchObject({ strategy: 'incremental', status: 'ok', rowsChanged: 2 });
    expect(level(app, 'A-1', 'W1')?.available).toBe(0);
    expect(stockSync(app).drift).not.toBeNull();

    // The full read ends: its page with A-1 = 4 was read before the sell-out and must not win.
    clock.advance(60_000);
    source.go();
    const drift = await stockSync(app).driftDone();
    expect(drift).toMatchObject({ strategy: 'full', status: 'ok', trigger: 'schedule' });
    // Its history row is the latest read, so the engine (which decides on the latest) acts on it.
    expect(lastRun(app.db)?.id).toBe(drift?.id);
    expect(drift?.startedAt).toBe(first?.startedAt);
    expect(level(app, 'A-1', 'W1')).toMatchObject({ available: 0, stale: 0 });
    expect(level(app, 'C-1', 'W2')).toMatchObject({ available: 9, stale: 0 }); // drift corrected
    expect(level(app, 'A-2', 'W1')).toMatchObject({ available: 5, stale: 1 }); // unknown is not zero
    expect(level(app, 'D-1', 'W2')).toMatchObject({ available: 6, stale: 0 }); // seen by the change feed during the read
    expect(full(app).rows_stale).toBe(1);

    // The next read is incremental again, with no full read due for 6 hours.
    clock.advance(60_000);
    expect(await sched.tick()).toMatchObject({ strategy: 'incremental', status: 'ok' });
    expect(stockSync(app).drift).toBeNull();
  });

  it('a cancelled drift read changes no stored stock, and a failed one is retried later, not at once', async () => {
    const { app, clock, source } = store();
    await call(app, 'stock.settings.set', { fullEveryHours: 1, intervalMinutes: 1 });
    await stockSync(app).run({ trigger: 'manual' });
    const before = allLevels(app);
    clock.advance(3600_000);
    source.set('A-1', 'W1', 1);
    source.set('B-1', 'W2', 1);
    source.hold(1);
    await stockScheduler(app).tick();
    await source.reachedHold;
    expect(await call(app, 'stock.sync.cancel', {})).toEqual({ cancelled: true });
    source.go();
    expect(await stockSync(app).driftDone()).toMatchObject({ status: 'cancelled' });
    expect(allLevels(app)).toEqual(before);
    // The change feed goes on; the full read is tried again later, not at once.
    clock.advance(60_000);
    expect(await stockScheduler(app).tick()).toMatchObject({ strategy: 'incremental', status: 'ok' });
    expect(stockSync(app).drift).toBeNull();

    // A failing page: nothing stored, and again no new full read for a while.
    clock.advance(15 * 60_000);
    source.failOnPage = 2;
    expect(await stockScheduler(app).tick()).toMatchObject({ strategy: 'incremental', status: 'ok' });
    expect(await stockSync(app).driftDone()).toMatchObject({ status: 'failed', strategy: 'full' });
    expect(allLevels(app)).toEqual(before);
    clock.advance(60_000);
    expect(await stockScheduler(app).tick()).toMatchObject({ strategy: 'incremental', status: 'ok' });
    expect(stockSync(app).drift).toBeNull();
    clock.advance(15 * 60_000);
    source.failOnPage = null;
    await stockScheduler(app).tick();
    expect(await stockSync(app).driftDone()).toMatchObject({ status: 'ok' });
    expect(level(app, 'A-1', 'W1')?.available).toBe(1);
  });

  it('a seller-requested full read stops the drift read and runs in the foreground', async () => {
    const { app, clock, source } = store();
    await call(app, 'stock.settings.set', { fullEveryHours: 1 });
    await stockSync(app).run({ trigger: 'manual' });
    clock.advance(3600_000);
    source.hold(1);
    await stockSync(app).run({ trigger: 'schedule' });
    await source.reachedHold;
    source.set('C-1', 'W2', 0);
    const wanted = stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    source.go();
    expect(await wanted).toMatchObject({ strategy: 'full', status: 'ok' });
    expect(level(app, 'C-1', 'W2')?.available).toBe(0);
    const runs = (await call(app, 'stock.runs.list', {})).rows.filter((r) => r.strategy === 'full').map((r) => r.status);
    expect(runs).toEqual(['ok', 'cancelled', 'ok']);
  });

  it('a category switched off, even while the drift read runs, is still skipped by it', async () => {
    const { app, clock, source } = store();
    await call(app, 'stock.settings.set', { fullEveryHours: 1 });
    source.products.set('B-1', { goodsSku: 'B-1', productName: 'B-1', categoryName: '家居', productStatus: '在售' });
    await stockSync(app).run({ trigger: 'manual' });
    clock.advance(3600_000);
    source.set('B-1', 'W2', 0);
    source.set('A-1', 'W1', 2);
    source.hold(1);
    await stockSync(app).run({ trigger: 'schedule' });
    await source.reachedHold;
    // Switched off while the full read runs: its figures are still not written.
    app.db.prepare("UPDATE stock_categories SET sync_enabled = 0 WHERE name = '家居'").run();
    source.go();
    expect(await stockSync(app).driftDone()).toMatchObject({ status: 'ok', rowsSkippedCategory: 1 });
    expect(level(app, 'B-1', 'W2')).toMatchObject({ available: 7, stale: 0 });
    expect(level(app, 'A-1', 'W1')?.available).toBe(2);
  });
});

describe('goods pages only when needed', () => {
  it('reads goods on the first full read, for unknown SKUs, and once a day, not on every full read', async () => {
    const { app, clock, source } = store();
    await call(app, 'stock.settings.set', { fullEveryHours: 1 });
    await stockSync(app).run({ trigger: 'manual' });
    expect(source.productReads).toBe(1);
    clock.advance(3600_000);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(source.productReads).toBe(1);
    // A SKU the ERP index does not know: its category must be read before its stock counts.
    source.set('E-1', 'W1', 3);
    source.products.set('E-1', { goodsSku: 'E-1', productName: 'E-1', categoryName: '家居', productStatus: '在售' });
    clock.advance(3600_000);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(source.productReads).toBe(2);
    expect(app.db.prepare("SELECT category FROM stock_erp_skus WHERE sku = 'E-1'").pluck().get()).toBe('家居');
    // Names and categories change rarely: once a day is enough.
    source.products.set('A-1', { goodsSku: 'A-1', productName: 'A-1 新名', categoryName: '服装', productStatus: '停售' });
    clock.advance(3600_000);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(source.productReads).toBe(2);
    clock.advance(24 * 3600_000);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(source.productReads).toBe(3);
    expect(app.db.prepare("SELECT name, status FROM stock_erp_skus WHERE sku = 'A-1'").get()).toEqual({ name: 'A-1 新名', status: '停售' });
  });
});

describe('resolve only when the mapping can change', () => {
  it('skips resolve for figure-only reads and re-resolves on every input a mapping depends on', async () => {
    const { app, clock, source, market } = store();
    market.add('P1', 'S1', 'a-1');
    market.add('P1', 'S2', 'X-B-1');
    market.add('P2', 'S3', 'F-1');
    await stockSync(app).run({ trigger: 'manual' });
    await call(app, 'sku.listings.refresh', {});
    const db = app.db;
    const statusOf = (sellerSku: string) =>
      db.prepare('SELECT resolve_status FROM stock_listing_skus WHERE seller_sku = ?').pluck().get(sellerSku);
    expect(statusOf('a-1')).toBe('exact');
    expect(resolveIfChanged(db, 'insensitive', new Date(clock.now()).toISOString())).toBeNull();

    // Stock figures alone: nothing to re-resolve.
    clock.advance(60_000);
    source.set('A-1', 'W1', 0);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(resolveIfChanged(db, 'insensitive', new Date(clock.now()).toISOString())).toBeNull();

    // A rule saved without resolving: the next read re-resolves.
    await call(app, 'sku.rules.save', { label: '去前缀', spec: { kind: 'strip_prefix', text: 'X-' }, resolve: false });
    expect(statusOf('X-B-1')).toBe('unresolved');
    clock.advance(60_000);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(statusOf('X-B-1')).toBe('rule');

    // A new ERP SKU from the read resolves the listing SKU that waited for it.
    expect(statusOf('F-1')).toBe('unresolved');
    source.set('F-1', 'W1', 2);
    clock.advance(60_000);
    await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(statusOf('F-1')).toBe('exact');

    // The case rule, and a manual link, each count as a change.
    db.prepare(
      "INSERT INTO stock_settings (key, value) VALUES ('caseRule', '\"sensitive\"') ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run();
    expect(resolveIfChanged(db, 'sensitive', new Date(clock.now()).toISOString())).not.toBeNull();
    expect(statusOf('a-1')).toBe('unresolved');
    const id = db.prepare("SELECT id FROM stock_listing_skus WHERE seller_sku = 'a-1'").pluck().get() as number;
    db.prepare("INSERT INTO stock_sku_links (listing_sku_id, erp_sku, method, linked_at) VALUES (?, 'A-2', 'manual', 'x')").run(id);
    expect(resolveIfChanged(db, 'sensitive', new Date(clock.now()).toISOString())).not.toBeNull();
    expect(statusOf('a-1')).toBe('manual');
    expect(resolveIfChanged(db, 'sensitive', new Date(clock.now()).toISOString())).toBeNull();
  });
});
