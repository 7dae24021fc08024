/**
 * Reading stock from the source, before anything is stored: every page (full) or each warehouse's
 * changes since its cursor (incremental), the goods pages when they are due, and the failures in
 * words a seller can act on.
 */
import type { App } from '../app';
import { AppError, type ErrorPayload } from '../../../src-shared/errors';
import type { SyncStrategy } from '../../../src-shared/types/stock';
import type { ErpProduct, StockRow, StockSource, ErpWarehouse } from './source';
import { knownErpSkus } from './levels';
import { needsProducts } from './strategy';

/** Re-read a minute before the last cursor: a change written while the last read ran is not lost. */
const CURSOR_OVERLAP_MS = 60_000;
/** stock_settings key (not a seller setting) of the last complete goods read. */
export const PRODUCTS_READ_KEY = 'productsReadAt';

export const iso = (t: number) => new Date(t).toISOString();

/** A failed read in words a seller can act on; connector errors (AppError) keep their own words. */
export function readFailure(err: unknown, app: App): ErrorPayload {
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
export interface Collected {
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

export const cancelled = () =>
  new AppError('CANCELLED', '库存同步已取消，已保存的库存没有改变。', 'The stock sync was cancelled; stored stock is unchanged.');

/**
 * Page read times from onPage's cumulative row counts: rows come back in page order, so row i was
 * first seen on the first page whose count passes i, read after the previous page ended. When a
 * source reports counts that do not add up, every row gets the read's start (older is the safe side:
 * a figure stored during the read is then kept).
 */
function pageTimes(marks: { upTo: number; at: string }[], total: number, startIso: string): (i: number) => string {
  const monotonic = marks.every((m, k) => k === 0 || m.upTo >= marks[k - 1]!.upTo);
  if (!marks.length || !monotonic || marks[marks.length - 1]!.upTo !== total) return () => startIso;
  let k = 0;
  return (i) => {
    if (k > 0 && marks[k - 1]!.upTo > i) k = 0;
    while (k < marks.length - 1 && marks[k]!.upTo <= i) k++;
    return marks[k]!.at;
  };
}

export interface ReadTask {
  strategy: SyncStrategy;
  signal: AbortSignal;
  startedMs: number;
  /** A drift read beside the change feed: its rows carry their page's read time. */
  background: boolean;
  progress: (done: number, total: number | null, message: string) => void;
}

/** One read from the source; throws when cancelled (signal) or when the source fails. */
export async function readStock(app: App, source: StockSource, task: ReadTask): Promise<Collected> {
  const { signal, startedMs } = task;
  const checkAbort = () => {
    if (signal.aborted) throw cancelled();
  };
  const cursorAt = iso(startedMs - CURSOR_OVERLAP_MS);
  if (task.strategy === 'full') return readFull(app, source, task, cursorAt, checkAbort);
  const cursors = new Map<string, string>();
  let pages = 0;
  const list = app.db.prepare('SELECT id, name, changes_cursor FROM stock_erp_warehouses WHERE active = 1 ORDER BY id').all() as {
    id: string;
    name: string;
    changes_cursor: string;
  }[];
  const readChanges = source.readChangesSince;
  if (!readChanges) throw new Error('an incremental read needs a source with a change feed');
  let rows: StockRow[] = [];
  let i = 0;
  for (const w of list) {
    checkAbort();
    task.progress(i, list.length, `读取仓库“${w.name}”的变化 / reading changes of "${w.name}"`);
    const part = await readChanges.call(source, w.id, w.changes_cursor, {
      signal,
      onPage: () => {
        pages++;
        checkAbort();
      },
    });
    rows = rows.concat(part);
    cursors.set(w.id, cursorAt);
    i++;
    task.progress(i, list.length, `已读取 ${i}/${list.length} 个仓库的变化 / changes of ${i}/${list.length} warehouses read`);
  }
  return { rows, cursors, pages, productsRead: false };
}

async function readFull(app: App, source: StockSource, task: ReadTask, cursorAt: string, checkAbort: () => void): Promise<Collected> {
  const { signal, startedMs } = task;
  const cursors = new Map<string, string>();
  let pages = 0;
  const warehouses = await source.listWarehouses({ signal });
  checkAbort();
  const marks: { upTo: number; at: string }[] = [];
  let pageFrom = iso(startedMs);
  let rows = await source.readAll({
    signal,
    onPage: ({ page, rows: n }) => {
      pages = page;
      marks.push({ upTo: n, at: pageFrom });
      pageFrom = iso(app.clock.now());
      task.progress(page, null, `已读取 ${page} 页，共 ${n} 行 / ${page} pages, ${n} rows read`);
      checkAbort();
    },
  });
  checkAbort();
  for (const w of warehouses) cursors.set(w.id, cursorAt);
  let productsRead = false;
  let productsError: ErrorPayload | undefined;
  const known = knownErpSkus(app.db);
  const at = app.db.prepare('SELECT value FROM stock_settings WHERE key = ?').pluck().get(PRODUCTS_READ_KEY) as string | undefined;
  if (source.readProducts && needsProducts(at ? (JSON.parse(at) as string) : null, app.clock.now(), rows, known)) {
    task.progress(pages, null, '读取ERP商品信息（名称、状态、分类）/ reading ERP product facts');
    let products: Map<string, ErpProduct> | null = null;
    try {
      products = await source.readProducts({ signal, onPage: () => checkAbort() });
    } catch (err) {
      if (signal.aborted) throw err;
      // Product facts are secondary: the stock and safety stock read above are stored anyway,
      // SKUs without a category fall back to '' (as change rows do), and productsRead stays
      // false, so the next full read asks for the goods again.
      productsError = productsFailure(err, app);
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
    readAt: task.background ? pageTimes(marks, rows.length, iso(startedMs)) : undefined,
  };
}
