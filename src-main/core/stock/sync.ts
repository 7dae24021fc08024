/**
 * One stock read from the source: full (every page) or incremental (changes since the last read,
 * one request per warehouse), chosen automatically (strategy.ts). Under Tongtool's 5-requests-a-minute
 * quota a full read of a big catalogue takes half an hour, the change feed sees a change within a
 * minute; a full read still runs every few hours, in the background, to catch what the change feed
 * missed. The whole read is collected first (stockRead.ts) and written in one transaction: a
 * cancelled or failed read changes no stored stock.
 */
import type { App } from '../app';
import { AppError, type ErrorPayload } from '../../../src-shared/errors';
import type { StrategyChoice, SyncRunInfo, SyncStrategy } from '../../../src-shared/types/stock';
import { writeAudit } from '../audit';
import type { StockSource } from './source';
import { getStockPorts } from './ports';
import { persistRead } from './levels';
import { finishRun, getRun, lastRun, startRun } from './runs';
import { readStockSettings } from './settings';
import { resolveIfChanged } from './resolve';
import { planStrategy, requestedPlan, splitPlan, type StrategyPlan } from './strategy';
import { PRODUCTS_READ_KEY, cancelled, iso, readFailure, readStock } from './stockRead';
import { recordSales } from './sales';

export interface RunningSync {
  runId: number;
  strategy: SyncStrategy;
  controller: AbortController;
  done: number;
  total: number | null;
  message: string;
}

/** The periodic full read that catches drift, running in the background beside incremental reads. */
export interface DriftRead extends RunningSync {
  /** Its history row, written when it ends (runId is 0 until then). */
  pendingRow?: Parameters<typeof startRun>[1];
  /** When it started: its pages are all read after this. */
  startedMs: number;
  /** Settles with its history row when it ends (ok, failed or cancelled). */
  promise: Promise<SyncRunInfo>;
}

/** The automatic choice, from the run history, the warehouses' cursors and the settings. */
export function chooseStrategy(
  app: App,
  source: Pick<StockSource, 'readChangesSince'>,
  drift: Pick<DriftRead, 'done'> | null = null,
): StrategyPlan {
  const warehouses = app.db.prepare('SELECT id, changes_cursor FROM stock_erp_warehouses WHERE active = 1').all() as {
    id: string;
    changes_cursor: string | null;
  }[];
  const lastTry = lastRun(app.db, "strategy = 'full' AND status != 'running'");
  return planStrategy({
    canReadChanges: !!source.readChangesSince,
    lastFullOkAt: lastRun(app.db, "status = 'ok' AND strategy = 'full'")?.startedAt ?? null,
    warehouses: warehouses.map((w) => ({ id: w.id, changesCursor: w.changes_cursor })),
    now: app.clock.now(),
    fullEveryHours: readStockSettings(app.db).fullEveryHours,
    driftPages: drift ? drift.done : null,
    lastFullTry: lastTry ? { status: lastTry.status, startedAt: lastTry.startedAt } : null,
  });
}

export class StockSync {
  running: RunningSync | null = null;
  /** The drift read in the background, if one runs. */
  drift: DriftRead | null = null;
  /** Where the last successful read spent its time (ms), for the log and the benchmark. */
  lastTimings: { readMs: number; persistMs: number; resolveMs: number; resolved: boolean } | null = null;
  private readonly finished = new Set<(run: SyncRunInfo) => void>();

  /** Called after every run ends (ok, failed or cancelled): the bind/unbind engine decides on it. */
  onRunFinished(fn: (run: SyncRunInfo) => void): () => void {
    this.finished.add(fn);
    return () => this.finished.delete(fn);
  }

  constructor(private readonly app: App) {}

  async source(): Promise<StockSource> {
    const source = await getStockPorts(this.app)?.source();
    if (!source)
      throw new AppError(
        'NOT_FOUND',
        '还没有连接库存来源（通途、库存文件或演示数据）。请先在“连接设置”里连接，再同步库存。',
        'No stock source is connected yet (Tongtool, a stock file or the demo). Connect one in Connection settings, then sync.',
      );
    return source;
  }

  private progress(state: RunningSync, done: number, total: number | null, message: string, finished = false): void {
    Object.assign(state, { done, total, message });
    // The seller's progress bar follows the foreground read; the drift read shows in the status.
    if (state === this.running || (!this.running && finished))
      this.app.events.emit('progress', { task: 'stock.sync', done, total, message, finished });
  }

  /** Cancels the foreground read and the drift read; neither changes stored stock. */
  cancel(): boolean {
    const any = !!(this.running || this.drift);
    this.running?.controller.abort();
    this.drift?.controller.abort();
    return any;
  }

  private lastDrift: Promise<SyncRunInfo> | null = null;

  /** The running drift read's history row when it ends, or the last one's (tests, shutdown). */
  async driftDone(): Promise<SyncRunInfo | null> {
    return this.drift?.promise ?? this.lastDrift;
  }

  /**
   * Runs one read to the end (or failure) and returns its history row. oneShot: the caller's process
   * ends after this read (`stock sync --once`, `auto run --once`), so a drift read that is due runs
   * in the foreground instead of in the background.
   */
  async run(opts: { trigger: SyncRunInfo['trigger']; strategy?: SyncStrategy | 'auto'; oneShot?: boolean }): Promise<SyncRunInfo> {
    if (this.running)
      throw new AppError(
        'CONFLICT',
        '已经有一次库存同步在进行。请等它结束，或先取消它。',
        'A stock sync is already running. Wait for it to finish or cancel it first.',
      );
    const source = await this.source();
    const plan = requestedPlan(opts.strategy, chooseStrategy(this.app, source, this.drift), !!source.readChangesSince);
    const { run: choice, drift } = splitPlan(plan, opts.oneShot ?? false);
    // The drift read goes to the background; this run reads the change feed as usual.
    if (drift) this.startDrift(source, opts.trigger, drift);
    else if (choice.strategy === 'full' && this.drift) {
      // A foreground full read supersedes the drift read: stop it (it changes nothing) and wait.
      this.drift.controller.abort();
      await this.drift.promise;
    }
    const startedMs = this.app.clock.now();
    const runId = startRun(this.app.db, { strategy: choice.strategy, reason: choice.reason.zh, trigger: opts.trigger, at: iso(startedMs) });
    const state: RunningSync = {
      runId,
      strategy: choice.strategy,
      controller: new AbortController(),
      done: 0,
      total: null,
      message: choice.reason.zh,
    };
    this.running = state;
    try {
      return await this.execute(state, source, startedMs, false);
    } finally {
      this.running = null;
      this.ended(state);
    }
  }

  private startDrift(source: StockSource, trigger: SyncRunInfo['trigger'], choice: StrategyChoice): void {
    const startedMs = this.app.clock.now();
    // Its history row is written when it ends (with its start time): incremental reads committed
    // meanwhile come before it, so the engine, which decides on the latest read, sees its outcome.
    const drift = {
      runId: 0,
      pendingRow: { strategy: 'full', reason: choice.reason.zh, trigger, at: iso(startedMs) },
      strategy: 'full',
      controller: new AbortController(),
      done: 0,
      total: null,
      message: choice.reason.zh,
      startedMs,
    } as Omit<DriftRead, 'promise'> as DriftRead;
    this.drift = drift;
    drift.promise = (async () => {
      try {
        return await this.execute(drift, source, startedMs, true);
      } finally {
        this.drift = null;
        this.ended(drift);
      }
    })();
    this.lastDrift = drift.promise;
    // Failures end up in its history row; nothing awaits this promise in the scheduler.
    drift.promise.catch((err: unknown) => this.app.log.error('drift read failed', { error: String(err) }));
  }

  private ended(state: RunningSync): void {
    const run = getRun(this.app.db, state.runId);
    this.progress(
      state,
      state.done,
      state.done,
      run?.status === 'ok' ? '同步完成 / sync done' : '同步未完成 / sync did not complete',
      true,
    );
    for (const fn of this.finished) {
      try {
        if (run) fn(run);
      } catch (err) {
        this.app.log.error('after-sync hook failed', { error: String(err) });
      }
    }
  }

  /** Reads, then stores everything in one transaction; a failed or cancelled read stores nothing. */
  private async execute(state: RunningSync, source: StockSource, startedMs: number, background: boolean): Promise<SyncRunInfo> {
    /** The history row's id; a drift read writes its row only now that it ends. */
    const rowId = () => {
      const pending = (state as DriftRead).pendingRow;
      if (pending) {
        state.runId = startRun(this.app.db, pending);
        (state as DriftRead).pendingRow = undefined;
      }
      return state.runId;
    };
    let pages = 0;
    let rowsRead = 0;
    try {
      const t0 = performance.now();
      const read = await readStock(this.app, source, {
        strategy: state.strategy,
        signal: state.controller.signal,
        startedMs,
        background,
        progress: (done, total, message) => this.progress(state, done, total, message),
      });
      const t1 = performance.now();
      pages = read.pages;
      rowsRead = read.rows.length;
      if (state.controller.signal.aborted) throw cancelled();
      const now = iso(this.app.clock.now());
      const db = this.app.db;
      const runId = rowId();
      db.transaction(() => {
        const persisted = persistRead(db, {
          runId,
          now,
          rows: read.rows,
          warehouses: read.warehouses,
          snapshotOf: state.strategy === 'full' ? null : undefined,
          cursors: read.cursors,
          readAt: read.readAt,
          staleBefore: background ? iso(startedMs) : undefined,
          knownSkus: read.known,
        });
        recordSales(db, read.rows, this.app.clock.now());
        if (read.productsRead)
          db.prepare('INSERT INTO stock_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
            PRODUCTS_READ_KEY,
            JSON.stringify(now),
          );
        finishRun(db, runId, {
          status: 'ok',
          at: now,
          pages,
          rowsRead,
          rowsWritten: persisted.written,
          rowsChanged: persisted.changed,
          rowsSkippedCategory: persisted.skippedCategory,
          rowsStale: persisted.stale,
          errors: [
            ...(read.productsError ? [read.productsError] : []),
            ...persisted.invalid.slice(0, 50).map((x) => ({
              code: 'BAD_INPUT',
              message: `SKU ${x.sku} @ ${x.warehouseId}：${x.reason}`,
              messageEn: `SKU ${x.sku} @ ${x.warehouseId}: ${x.reason}`,
            })),
          ],
        });
      })();
      // New ERP SKUs can resolve listing SKUs that were unresolved: re-resolve (manual links stay),
      // but only when something a mapping depends on changed; stock figures alone never do.
      const t2 = performance.now();
      const resolved =
        !!db.prepare('SELECT 1 FROM stock_listing_skus LIMIT 1').get() &&
        resolveIfChanged(db, readStockSettings(db).caseRule, now) !== null;
      const t3 = performance.now();
      this.lastTimings = { readMs: t1 - t0, persistMs: t2 - t1, resolveMs: t3 - t2, resolved };
      this.app.events.emit('changed', { topic: 'stock' });
      return getRun(db, runId) as SyncRunInfo;
    } catch (err) {
      const aborted = state.controller.signal.aborted;
      if (state.strategy === 'full') pages = state.done;
      const payload: ErrorPayload = aborted ? cancelled().toPayload() : readFailure(err, this.app);
      const runId = rowId();
      finishRun(this.app.db, runId, {
        status: aborted ? 'cancelled' : 'failed',
        at: iso(this.app.clock.now()),
        pages,
        rowsRead,
        errors: [{ code: payload.code, message: payload.message, messageEn: payload.messageEn }],
      });
      if (!aborted) {
        writeAudit(this.app.db, this.app.clock, {
          actor: 'system',
          kind: 'stock.sync.failed',
          subject: String(runId),
          detail: { code: payload.code, message: payload.message },
        });
      }
      this.app.events.emit('changed', { topic: 'stock' });
      return getRun(this.app.db, runId) as SyncRunInfo;
    }
  }
}

export function stockSync(app: App): StockSync {
  return app.services.stockSync;
}
