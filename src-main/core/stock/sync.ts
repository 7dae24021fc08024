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
import type { StockRow, StockSource, ErpWarehouse } from './source';
import { getStockPorts } from './ports';
import { persistRead } from './levels';
import { finishRun, getRun, lastRun, startRun } from './runs';
import { readStockSettings } from './settings';
import { resolveAndStore } from './resolve';

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

const iso = (t: number) => new Date(t).toISOString();

export function chooseStrategy(app: App, source: Pick<StockSource, 'readChangesSince'>): StrategyChoice {
  if (!source.readChangesSince)
    return { strategy: 'full', reasonZh: '库存来源不支持只读变化，每次读取全部库存。', reasonEn: 'The stock source cannot read changes only; every read is full.' };
  const lastFull = lastRun(app.db, "status = 'ok' AND strategy = 'full'");
  if (!lastFull)
    return { strategy: 'full', reasonZh: '第一次同步：读取全部库存。', reasonEn: 'First sync: reading all stock.' };
  const { fullEveryHours } = readStockSettings(app.db);
  const now = app.clock.now();
  if (now - Date.parse(lastFull.startedAt) >= fullEveryHours * 3600_000)
    return {
      strategy: 'full',
      reasonZh: `距上次全量读取已超过 ${fullEveryHours} 小时：全量读取一次，校正可能漏掉的变化。`,
      reasonEn: `More than ${fullEveryHours} h since the last full read: a full read catches changes the change feed missed.`,
    };
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
  return {
    strategy: 'incremental',
    reasonZh: `只读取上次以来变化的库存（每个仓库一次请求，共 ${warehouses.length} 次），变化约一分钟内可见。`,
    reasonEn: `Reading only stock changed since the last read (one request per warehouse, ${warehouses.length} in all), so a change shows within about a minute.`,
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

export class StockSync {
  running: RunningSync | null = null;
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

  private progress(done: number, total: number | null, message: string, finished = false): void {
    if (this.running) Object.assign(this.running, { done, total, message });
    this.app.events.emit('progress', { task: 'stock.sync', done, total, message, finished });
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
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
    const auto = chooseStrategy(this.app, source);
    const choice: StrategyChoice =
      !opts.strategy || opts.strategy === 'auto' || opts.strategy === auto.strategy
        ? auto
        : opts.strategy === 'incremental' && !source.readChangesSince
          ? auto
          : opts.strategy === 'full'
            ? { strategy: 'full', reasonZh: '卖家要求全量读取。', reasonEn: 'Full read requested by the seller.' }
            : { strategy: 'incremental', reasonZh: '卖家要求只读变化。', reasonEn: 'Incremental read requested by the seller.' };
    const startedMs = this.app.clock.now();
    const runId = startRun(this.app.db, { strategy: choice.strategy, reason: choice.reasonZh, trigger: opts.trigger, at: iso(startedMs) });
    const controller = new AbortController();
    this.running = { runId, strategy: choice.strategy, controller, done: 0, total: null, message: choice.reasonZh };
    this.progress(0, null, choice.reasonZh);
    let pages = 0;
    let rowsRead = 0;
    try {
      const signal = controller.signal;
      const checkAbort = () => {
        if (signal.aborted)
          throw new AppError('CANCELLED', '库存同步已取消，已保存的库存没有改变。', 'The stock sync was cancelled; stored stock is unchanged.');
      };
      let rows: StockRow[] = [];
      let warehouses: ErpWarehouse[] | undefined;
      const cursors = new Map<string, string>();
      const cursorAt = iso(startedMs - CURSOR_OVERLAP_MS);
      if (choice.strategy === 'full') {
        warehouses = await source.listWarehouses({ signal });
        checkAbort();
        rows = await source.readAll({
          signal,
          onPage: ({ page, rows: n }) => {
            pages = page;
            rowsRead += n;
            this.progress(page, null, `已读取 ${page} 页，共 ${rowsRead} 行 / ${page} pages, ${rowsRead} rows read`);
            checkAbort();
          },
        });
        for (const w of warehouses) cursors.set(w.id, cursorAt);
        if (source.readProducts) {
          this.progress(pages, null, '读取ERP商品信息（名称、状态、分类）/ reading ERP product facts');
          const products = await source.readProducts({ signal, onPage: () => checkAbort() });
          rows = rows.map((r) => {
            const p = products.get(r.sku);
            if (!p) return r;
            return {
              ...r,
              productName: r.productName ?? p.productName,
              productStatus: r.productStatus ?? p.productStatus,
              category: r.category ?? p.categoryName ?? '',
            };
          });
        }
      } else {
        const list = this.app.db
          .prepare('SELECT id, name, changes_cursor FROM stock_erp_warehouses WHERE active = 1 ORDER BY id')
          .all() as { id: string; name: string; changes_cursor: string }[];
        let i = 0;
        for (const w of list) {
          checkAbort();
          this.progress(i, list.length, `读取仓库“${w.name}”的变化 / reading changes of "${w.name}"`);
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
          this.progress(i, list.length, `已读取 ${i}/${list.length} 个仓库的变化 / changes of ${i}/${list.length} warehouses read`);
        }
        rowsRead = rows.length;
      }
      rowsRead = rows.length;
      checkAbort();
      const now = iso(this.app.clock.now());
      const db = this.app.db;
      let persisted!: ReturnType<typeof persistRead>;
      db.transaction(() => {
        persisted = persistRead(db, {
          runId,
          now,
          rows,
          warehouses,
          snapshotOf: choice.strategy === 'full' ? null : undefined,
          cursors,
        });
        finishRun(db, runId, {
          status: 'ok',
          at: now,
          pages,
          rowsRead,
          rowsWritten: persisted.written,
          rowsChanged: persisted.changed,
          rowsSkippedCategory: persisted.skippedCategory,
          rowsStale: persisted.stale,
          errors: persisted.invalid.slice(0, 50).map((x) => ({
            code: 'BAD_INPUT',
            message: `SKU ${x.sku} @ ${x.warehouseId}：${x.reason}`,
            messageEn: `SKU ${x.sku} @ ${x.warehouseId}: ${x.reason}`,
          })),
        });
      })();
      // New ERP SKUs can resolve listing SKUs that were unresolved: re-resolve (manual links stay).
      if ((db.prepare('SELECT 1 FROM stock_listing_skus LIMIT 1').get()))
        resolveAndStore(db, readStockSettings(db).caseRule, now);
      this.app.events.emit('changed', { topic: 'stock' });
      return getRun(db, runId) as SyncRunInfo;
    } catch (err) {
      const payload: ErrorPayload = controller.signal.aborted
        ? { code: 'CANCELLED', message: '库存同步已取消，已保存的库存没有改变。', messageEn: 'The stock sync was cancelled; stored stock is unchanged.' }
        : readFailure(err, this.app);
      finishRun(this.app.db, runId, {
        status: controller.signal.aborted ? 'cancelled' : 'failed',
        at: iso(this.app.clock.now()),
        pages,
        rowsRead,
        errors: [{ code: payload.code, message: payload.message, messageEn: payload.messageEn }],
      });
      if (!controller.signal.aborted) {
        writeAudit(this.app.db, this.app.clock, {
          actor: 'system',
          kind: 'stock.sync.failed',
          subject: String(runId),
          detail: { code: payload.code, message: payload.message },
        });
      }
      this.app.events.emit('changed', { topic: 'stock' });
      return getRun(this.app.db, runId) as SyncRunInfo;
    } finally {
      const run = getRun(this.app.db, runId);
      this.running = null;
      this.progress(rowsRead, rowsRead, run?.status === 'ok' ? '同步完成 / sync done' : '同步未完成 / sync did not complete', true);
      for (const fn of this.finished) {
        try {
          if (run) fn(run);
        } catch (err) {
          this.app.log.error('after-sync hook failed', { error: String(err) });
        }
      }
    }
  }
}

export function stockSync(app: App): StockSync {
  return app.service('stock.sync', () => {
    const s = new StockSync(app);
    app.onClose(() => {
      s.cancel();
    });
    return s;
  });
}
