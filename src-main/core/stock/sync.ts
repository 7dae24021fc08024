/**
 * One stock read from the source: full (every page) or incremental (changes since the last read,
 * one request per warehouse), chosen automatically. Under Tongtool's 5-requests-a-minute quota a
 * full read of a big catalogue takes half an hour, the change feed sees a change within a minute;
 * a full read still runs every few hours to catch what the change feed missed.
 * The whole read is collected first and written in one transaction: a cancelled or failed read
 * changes no stored stock.
 */
import type { App } from '../app';
import { AppError, type ErrorPayload } from '../../../src-shared/errors';
import type { StrategyChoice, SyncRunInfo, SyncStrategy } from '../../../src-shared/types/stock';
import { writeAudit } from '../audit';
import type { ErpProduct, StockRow, StockSource, ErpWarehouse } from './source';
import type { Db } from '../db/open';
import { getStockPorts } from './ports';
import { knownErpSkus, persistRead } from './levels';
import { finishRun, getRun, lastRun, startRun } from './runs';
import { readStockSettings } from './settings';
import { resolveIfChanged } from './resolve';

/** Tongtool's change feed reaches back 7 days; stay clear of the edge. */
const CHANGE_FEED_DAYS = 6.5;
/** Re-read a minute before the last cursor: a change written while the last read ran is not lost. */
const CURSOR_OVERLAP_MS = 60_000;

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

/** Goods (product) pages cost as much quota as stock pages; names and categories rarely change. */
const PRODUCTS_EVERY_HOURS = 24;
/** stock_settings key (not a seller setting) of the last complete goods read. */
const PRODUCTS_READ_KEY = 'productsReadAt';
/** After a failed or cancelled drift read, wait this long before trying again (quota is shared). */
const DRIFT_RETRY_MS = 15 * 60_000;

const iso = (t: number) => new Date(t).toISOString();

export type StrategyPlan = StrategyChoice & {
  /**
   * The full read only catches drift: it runs in the background, sharing the quota with the change
   * feed, so a stock-out is still seen within about a minute while it runs.
   */
  background?: boolean;
  /** The same read done in the foreground, for one-shot processes (`auto run --once`, `stock sync --once`). */
  foreground?: StrategyChoice;
};

export function chooseStrategy(
  app: App,
  source: Pick<StockSource, 'readChangesSince'>,
  drift: Pick<DriftRead, 'done'> | null = null,
): StrategyPlan {
  if (!source.readChangesSince)
    return { strategy: 'full', reasonZh: '库存来源不支持只读变化，每次读取全部库存。', reasonEn: 'The stock source cannot read changes only; every read is full.' };
  const lastFull = lastRun(app.db, "status = 'ok' AND strategy = 'full'");
  if (!lastFull)
    return { strategy: 'full', reasonZh: '第一次同步：读取全部库存。', reasonEn: 'First sync: reading all stock.' };
  const now = app.clock.now();
  const warehouses = app.db
    .prepare('SELECT id, changes_cursor FROM stock_erp_warehouses WHERE active = 1')
    .all() as { id: string; changes_cursor: string | null }[];
  const tooOld = warehouses.find((w) => !w.changes_cursor || now - Date.parse(w.changes_cursor) > CHANGE_FEED_DAYS * 86400_000);
  if (tooOld)
    return {
      strategy: 'full',
      reasonZh: `仓库 ${tooOld.id} 还没有可用的变化记录起点：读取全部库存。`,
      reasonEn: `Warehouse ${tooOld.id} has no usable change cursor yet: reading all stock.`,
    };
  const incremental = {
    strategy: 'incremental' as const,
    reasonZh: `只读取上次以来变化的库存（每个仓库一次请求，共 ${warehouses.length} 次），变化约一分钟内可见。`,
    reasonEn: `Reading only stock changed since the last read (one request per warehouse, ${warehouses.length} in all), so a change shows within about a minute.`,
  };
  const { fullEveryHours } = readStockSettings(app.db);
  if (now - Date.parse(lastFull.startedAt) < fullEveryHours * 3600_000) return incremental;
  if (drift)
    return {
      ...incremental,
      reasonZh: `${incremental.reasonZh} 校正用的全量读取正在后台进行（已读 ${drift.done} 页）。`,
      reasonEn: `${incremental.reasonEn} The full read that catches drift is running in the background (${drift.done} pages read).`,
    };
  const lastTry = lastRun(app.db, "strategy = 'full' AND status != 'running'");
  if (lastTry && lastTry.status !== 'ok' && now - Date.parse(lastTry.startedAt) < DRIFT_RETRY_MS)
    return {
      ...incremental,
      reasonZh: `${incremental.reasonZh} 上次校正用的全量读取没有完成，约 ${DRIFT_RETRY_MS / 60_000} 分钟后重试。`,
      reasonEn: `${incremental.reasonEn} The last full read that catches drift did not complete; it is retried within ${DRIFT_RETRY_MS / 60_000} minutes.`,
    };
  return {
    strategy: 'full',
    background: true,
    reasonZh: `距上次全量读取已超过 ${fullEveryHours} 小时：在后台全量读取一次，校正可能漏掉的变化；期间仍每次只读取变化，变化约一分钟内可见。`,
    reasonEn: `More than ${fullEveryHours} h since the last full read: a full read in the background catches changes the change feed missed; meanwhile changes are still read, so a change shows within about a minute.`,
    foreground: {
      strategy: 'full',
      reasonZh: `距上次全量读取已超过 ${fullEveryHours} 小时：全量读取一次，校正可能漏掉的变化。`,
      reasonEn: `More than ${fullEveryHours} h since the last full read: a full read catches changes the change feed missed.`,
    },
  };
}

/** A failed read in words a seller can act on; connector errors (AppError) keep their own words. */
function readFailure(err: unknown, app: App): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  app.log.error('stock read failed', { error: err instanceof Error ? err.stack : String(err) });
  const msg = err instanceof Error ? err.message : String(err);
  return {
    code: 'TRANSIENT',
    message: `读取库存失败：${msg}。已保存的库存没有改变，下次同步会自动重试。`,
    messageEn: `Reading stock failed: ${msg}. Stored stock is unchanged; the next sync retries.`,
  };
}

function keepSentences(text: string, stop: string, drop: RegExp): string {
  const kept = text
    .split(stop)
    .filter((x) => x.trim() && !drop.test(x))
    .join(stop)
    .trim();
  return kept ? (kept.endsWith(stop.trim()) ? kept : kept + stop.trim()) : text;
}

/**
 * A failed goods read (goodsQuery: not granted, refused or misshapen) in words naming the interface;
 * the stock read it came with is stored all the same.
 */
function productsFailure(err: unknown, app: App): ErrorPayload {
  app.log.warn('erp goods read failed; stock stored without product facts', { error: err instanceof Error ? err.message : String(err) });
  const raw = err instanceof Error ? err.message : String(err);
  // The connector's words are for a failed stock read ("stock keeps its last known figures"): those
  // sentences are left out here, where the stock was stored.
  const zh = err instanceof AppError ? keepSentences(err.messageZh, '。', /库存保持|读取已停止/) : raw;
  const en = err instanceof AppError ? keepSentences(err.messageEn, '. ', /stock keeps|read stopped/i) : raw;
  const code = err instanceof AppError ? err.code : 'TRANSIENT';
  return {
    code,
    message: `读取ERP商品信息（接口 goodsQuery）失败，库存和安全库存已保存；商品名称、状态和分类将在下次全量读取时重试。原因：${zh}`,
    messageEn: `Reading ERP product facts (interface goodsQuery) failed; stock and safety stock were stored, and product names, statuses and categories are retried at the next full read. Reason: ${en}`,
  };
}

/** What one read collected, before anything is stored. */
interface Collected {
  rows: StockRow[];
  warehouses?: ErpWarehouse[];
  cursors: Map<string, string>;
  pages: number;
  /** Full reads beside incremental ones: the time before which row i's page was read. */
  readAt?: (i: number) => string;
  /** Goods pages were read in full: remember when. */
  productsRead: boolean;
  /** The goods pages failed (stock was still read): said on the run, retried at the next full read. */
  productsError?: ErrorPayload;
  /** Stored ERP SKUs, loaded once for the goods check and the write. */
  known?: Set<string>;
}

const cancelled = () =>
  new AppError('CANCELLED', '库存同步已取消，已保存的库存没有改变。', 'The stock sync was cancelled; stored stock is unchanged.');

/**
 * Page read times from onPage's cumulative row counts: rows come back in page order, so row i was
 * first seen on the first page whose count passes i, read after the previous page ended. When a
 * source reports counts that do not add up, every row gets the read's start (older is the safe side:
 * a figure stored during the read is then kept).
 */
function pageTimes(marks: { upTo: number; at: string }[], total: number, startIso: string): (i: number) => string {
  const monotonic = marks.every((m, k) => k === 0 || m.upTo >= marks[k - 1].upTo);
  if (!marks.length || !monotonic || marks[marks.length - 1].upTo !== total) return () => startIso;
  let k = 0;
  return (i) => {
    if (k > 0 && marks[k - 1].upTo > i) k = 0;
    while (k < marks.length - 1 && marks[k].upTo <= i) k++;
    return marks[k].at;
  };
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

  /** Runs one read to the end (or failure) and returns its history row. */
  async run(opts: { trigger: SyncRunInfo['trigger']; strategy?: SyncStrategy | 'auto' }): Promise<SyncRunInfo> {
    if (this.running)
      throw new AppError(
        'CONFLICT',
        '已经有一次库存同步在进行。请等它结束，或先取消它。',
        'A stock sync is already running. Wait for it to finish or cancel it first.',
      );
    const source = await this.source();
    const auto = chooseStrategy(this.app, source, this.drift);
    let choice: StrategyPlan =
      !opts.strategy || opts.strategy === 'auto'
        ? auto
        : opts.strategy === 'incremental' && !source.readChangesSince
          ? auto
          : opts.strategy === 'full'
            ? { strategy: 'full', reasonZh: '卖家要求全量读取。', reasonEn: 'Full read requested by the seller.' }
            : opts.strategy === auto.strategy && !auto.background
              ? auto
              : { strategy: 'incremental', reasonZh: '卖家要求只读变化。', reasonEn: 'Incremental read requested by the seller.' };
    // A one-shot process ends after this run, so nothing would keep a background read going.
    if (choice.background && opts.trigger === 'cli') choice = choice.foreground as StrategyChoice;
    if (choice.background) {
      // The drift read goes to the background; this run reads the change feed as usual.
      this.startDrift(source, opts.trigger, choice);
      choice = {
        strategy: 'incremental',
        reasonZh: `只读取变化；校正用的全量读取已在后台开始（${choice.reasonZh}）`,
        reasonEn: `Reading changes only; the full read that catches drift started in the background (${choice.reasonEn})`,
      };
    } else if (choice.strategy === 'full' && this.drift) {
      // A foreground full read supersedes the drift read: stop it (it changes nothing) and wait.
      this.drift.controller.abort();
      await this.drift.promise;
    }
    const startedMs = this.app.clock.now();
    const runId = startRun(this.app.db, { strategy: choice.strategy, reason: choice.reasonZh, trigger: opts.trigger, at: iso(startedMs) });
    const state: RunningSync = { runId, strategy: choice.strategy, controller: new AbortController(), done: 0, total: null, message: choice.reasonZh };
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
      pendingRow: { strategy: 'full', reason: choice.reasonZh, trigger, at: iso(startedMs) },
      strategy: 'full',
      controller: new AbortController(),
      done: 0,
      total: null,
      message: choice.reasonZh,
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
    this.progress(state, state.done, state.done, run?.status === 'ok' ? '同步完成 / sync done' : '同步未完成 / sync did not complete', true);
    for (const fn of this.finished) {
      try {
        if (run) fn(run);
      } catch (err) {
        this.app.log.error('after-sync hook failed', { error: String(err) });
      }
    }
  }

  /** Whether a full read must also read the goods pages (ERP names, statuses, categories). */
  private needsProducts(rows: StockRow[], known: Set<string>): boolean {
    const at = this.app.db.prepare('SELECT value FROM stock_settings WHERE key = ?').pluck().get(PRODUCTS_READ_KEY) as string | undefined;
    if (!at || this.app.clock.now() - Date.parse(JSON.parse(at) as string) >= PRODUCTS_EVERY_HOURS * 3600_000) return true;
    // A SKU the ERP index does not know yet needs its category before its stock counts.
    return rows.some((r) => r.category === undefined && !known.has(r.sku));
  }

  private async collect(state: RunningSync, source: StockSource, startedMs: number, background: boolean): Promise<Collected> {
    const signal = state.controller.signal;
    const checkAbort = () => {
      if (signal.aborted) throw cancelled();
    };
    const cursors = new Map<string, string>();
    const cursorAt = iso(startedMs - CURSOR_OVERLAP_MS);
    let pages = 0;
    if (state.strategy === 'full') {
      const warehouses = await source.listWarehouses({ signal });
      checkAbort();
      const marks: { upTo: number; at: string }[] = [];
      let pageFrom = iso(startedMs);
      let rows = await source.readAll({
        signal,
        onPage: ({ page, rows: n }) => {
          pages = page;
          marks.push({ upTo: n, at: pageFrom });
          pageFrom = iso(this.app.clock.now());
          this.progress(state, page, null, `已读取 ${page} 页，共 ${n} 行 / ${page} pages, ${n} rows read`);
          checkAbort();
        },
      });
      checkAbort();
      for (const w of warehouses) cursors.set(w.id, cursorAt);
      let productsRead = false;
      let productsError: ErrorPayload | undefined;
      const known = knownErpSkus(this.app.db);
      if (source.readProducts && this.needsProducts(rows, known)) {
        this.progress(state, pages, null, '读取ERP商品信息（名称、状态、分类）/ reading ERP product facts');
        let products: Map<string, ErpProduct> | null = null;
        try {
          products = await source.readProducts({ signal, onPage: () => checkAbort() });
        } catch (err) {
          if (signal.aborted) throw err;
          // Product facts are secondary: the stock and safety stock read above are stored anyway,
          // SKUs without a category fall back to '' (as change rows do), and productsRead stays
          // false, so the next full read asks for the goods again.
          productsError = productsFailure(err, this.app);
        }
        if (products) {
          productsRead = true;
          const facts = products;
          rows = rows.map((r) => {
            const p = facts.get(r.sku);
            if (!p) return r;
            r.productName ??= p.productName;
            r.productStatus ??= p.productStatus;
            r.category ??= p.categoryName ?? '';
            return r;
          });
        }
      }
      return {
        rows,
        warehouses,
        cursors,
        pages,
        productsRead,
        productsError,
        known,
        readAt: background ? pageTimes(marks, rows.length, iso(startedMs)) : undefined,
      };
    }
    const list = this.app.db
      .prepare('SELECT id, name, changes_cursor FROM stock_erp_warehouses WHERE active = 1 ORDER BY id')
      .all() as { id: string; name: string; changes_cursor: string }[];
    let rows: StockRow[] = [];
    let i = 0;
    for (const w of list) {
      checkAbort();
      this.progress(state, i, list.length, `读取仓库“${w.name}”的变化 / reading changes of "${w.name}"`);
      const part = await (source.readChangesSince as NonNullable<StockSource['readChangesSince']>)(w.id, w.changes_cursor, {
        signal,
        onPage: () => {
          pages++;
          checkAbort();
        },
      });
      rows = rows.concat(part);
      cursors.set(w.id, cursorAt);
      i++;
      this.progress(state, i, list.length, `已读取 ${i}/${list.length} 个仓库的变化 / changes of ${i}/${list.length} warehouses read`);
    }
    return { rows, cursors, pages, productsRead: false };
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
      const read = await this.collect(state, source, startedMs, background);
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
        !!db.prepare('SELECT 1 FROM stock_listing_skus LIMIT 1').get() && resolveIfChanged(db, readStockSettings(db).caseRule, now) !== null;
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

/**
 * The change feed's units sold per SKU and warehouse in this read: its decreases summed (a sale and a
 * restock in one window both count, where the net figure shows neither; an adjustment down counts
 * too, so the rate errs towards unbinding earlier). Reads overlap by CURSOR_OVERLAP_MS and the
 * entries carry no time, so the overlap is recognised by order (the feed lists a SKU's entries in a
 * stable order): the shortest run of entries that ends the previous read's list and starts this one
 * is skipped. The shortest, because a SKU that repeats the same sale-and-restock would otherwise
 * match whole windows; within the overlap minute a pattern rarely repeats, so the count is rarely off
 * by an entry either way.
 * predict.ts learns sales rates from these.
 */
function recordSales(db: Db, rows: StockRow[], nowMs: number): void {
  const withChanges = rows.filter((r) => r.changes?.length);
  if (!withChanges.length) return;
  const seen = db.prepare('SELECT entries FROM stock_change_seen WHERE sku = ? AND erp_warehouse_id = ?').pluck();
  const keep = db.prepare(
    'INSERT INTO stock_change_seen (sku, erp_warehouse_id, entries) VALUES (?, ?, ?) ON CONFLICT(sku, erp_warehouse_id) DO UPDATE SET entries = excluded.entries',
  );
  const insert = db.prepare('INSERT INTO stock_sales (sku, erp_warehouse_id, at, sold) VALUES (?, ?, ?, ?)');
  for (const r of withChanges) {
    const raw = seen.get(r.sku, r.warehouseId) as string | undefined;
    const prev = raw ? (JSON.parse(raw) as { after: number; change: number }[]) : [];
    const cur = r.changes!;
    const same = (a: { after: number; change: number }, b: { after: number; change: number }) => a.after === b.after && a.change === b.change;
    let overlap = 0;
    for (let n = 1; n <= Math.min(prev.length, cur.length) && !overlap; n++) if (cur.slice(0, n).every((e, i) => same(e, prev[prev.length - n + i]))) overlap = n;
    let sold = 0;
    for (const e of cur.slice(overlap)) if (e.change < 0 && Number.isInteger(e.change)) sold -= e.change;
    keep.run(r.sku, r.warehouseId, JSON.stringify(r.changes));
    if (sold > 0) insert.run(r.sku, r.warehouseId, nowMs, sold);
  }
}
