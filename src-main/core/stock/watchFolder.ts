/**
 * 监视文件夹 for the file stock source: the seller's ERP exports its stock into a folder; on the
 * stock schedule the app takes the newest CSV/XLSX there through the same parse and report as an
 * upload. A file is imported once (by name, size and time); one with nothing usable is not written,
 * its report is kept and the seller gets a notice. A file still being written waits (settledFile.ts). The import age and the stale warning are the
 * upload's own (importStatus), since a watched import is an import like any other.
 *
 * The folder is a path the seller gives (no host has a native folder picker yet): it must be an
 * absolute path to an existing folder, anywhere the app can read, checked when saved and again on
 * every look.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type { StockFileReport, WatchFolderStatus } from '../../../src-shared/types/stockFile';
import { readStockSettings } from './settings';
import { importStockFile } from './stockImport';
import { SETTLE_MS, stillBeingWritten, type PendingFile } from './settledFile';

const FILES = /\.(csv|xlsx)$/i;
const KEY = { folder: 'watchFolder', last: 'watchFolderLast' } as const;

interface LastLook {
  checkedAt: string;
  /** name|size|mtime of the file last taken (imported or refused), so it is taken once. */
  signature: string | null;
  fileName: string | null;
  outcome: WatchFolderStatus['outcome'];
  /** The newest file when it was not taken yet because it may still be being written. */
  pending?: PendingFile | null;
  report: (Pick<StockFileReport, 'accepted' | 'rejectedTotal' | 'rowsChanged' | 'problem'> & { rejected: StoredRejected[] }) | null;
}

function read<T>(app: App, key: string): T | null {
  const v = app.db.prepare('SELECT value FROM stock_settings WHERE key = ?').pluck().get(key) as string | undefined;
  return v === undefined ? null : (JSON.parse(v) as T);
}
function write(app: App, key: string, value: unknown): void {
  if (value === null) app.db.prepare('DELETE FROM stock_settings WHERE key = ?').run(key);
  else
    app.db
      .prepare('INSERT INTO stock_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
}

/** A rejected line as stored; looks kept before the one bilingual shape hold `reason` (Chinese) and `reasonEn`. */
type StoredRejected = StockFileReport['rejected'][number] | { line: number; reason: string; reasonEn?: string; sku?: string };
function storedRejected(r: StoredRejected): StockFileReport['rejected'][number] {
  if (typeof r.reason !== 'string') return r as StockFileReport['rejected'][number];
  const old = r as Extract<StoredRejected, { reason: string }>;
  return { line: old.line, reason: { zh: old.reason, en: old.reasonEn ?? old.reason }, sku: old.sku };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function watchFolderStatus(app: App): WatchFolderStatus {
  const folder = read<string>(app, KEY.folder);
  const last = read<LastLook>(app, KEY.last);
  return {
    folder,
    reachable: folder === null ? null : isFolder(folder),
    everyMinutes: readStockSettings(app.db).intervalMinutes,
    checkedAt: last?.checkedAt ?? null,
    fileName: last?.fileName ?? null,
    outcome: last?.outcome ?? null,
    accepted: last?.report?.accepted ?? 0,
    rejectedTotal: last?.report?.rejectedTotal ?? 0,
    rejected: (last?.report?.rejected ?? []).map(storedRejected),
    rowsChanged: last?.report?.rowsChanged ?? 0,
    problem: last?.report?.problem ?? null,
  };
}

/** Sets (or with null, clears) the folder; refuses one that is not an absolute path to an existing folder. */
export function setWatchFolder(app: App, folder: string | null): WatchFolderStatus {
  if (folder !== null) {
    const f = folder.trim();
    if (!isAbsolute(f) || !isFolder(f)) {
      const message = `找不到文件夹“${f.slice(0, 200)}”。请填写本机上已存在的文件夹的完整路径，例如 D:\\ERP导出\\库存`;
      const messageEn = `The folder "${f.slice(0, 200)}" was not found. Enter the full path of an existing folder on this computer, e.g. D:\\ERP export\\stock`;
      throw new AppError('BAD_INPUT', message, messageEn, [{ path: 'folder', message, messageEn }]);
    }
    write(app, KEY.folder, f);
  } else {
    write(app, KEY.folder, null);
  }
  write(app, KEY.last, null);
  app.events.emit('changed', { topic: 'stock' });
  return watchFolderStatus(app);
}

/** The newest CSV/XLSX in the folder, or null. */
function newestFile(folder: string): { path: string; signature: string; size: number; mtimeMs: number } | null {
  let best: { path: string; mtime: number; size: number } | null = null;
  for (const name of readdirSync(folder)) {
    if (!FILES.test(name) || name.startsWith('~$')) continue; // ~$ is Excel's lock file of an open workbook
    const path = join(folder, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    if (!best || st.mtimeMs > best.mtime) best = { path, mtime: st.mtimeMs, size: st.size };
  }
  return (
    best && {
      path: best.path,
      signature: `${basename(best.path)}|${best.size}|${Math.round(best.mtime)}`,
      size: best.size,
      mtimeMs: best.mtime,
    }
  );
}

/**
 * Looks in the folder now: imports its newest file when it is new, and says what happened. Never
 * throws for what is in the folder: a missing folder or a bad file is an outcome, kept for the screen.
 */
export async function checkWatchFolder(app: App): Promise<WatchFolderStatus> {
  const folder = read<string>(app, KEY.folder);
  if (folder === null) return watchFolderStatus(app);
  const prev = read<LastLook>(app, KEY.last);
  const now = new Date(app.clock.now()).toISOString();
  const keep = (l: Omit<LastLook, 'checkedAt'>) => {
    write(app, KEY.last, { ...l, checkedAt: now });
    app.events.emit('changed', { topic: 'stock' });
    return watchFolderStatus(app);
  };
  if (!isFolder(folder)) {
    if (prev?.outcome !== 'missing_folder') {
      app.notices.add(
        'error',
        {
          title: '监视的库存文件夹找不到了',
          body: `找不到文件夹“${folder}”，库存没有更新。请检查文件夹是否被移动或改名，或在“库存”的文件导入里重新填写。`,
        },
        {
          title: 'The watched stock folder is gone',
          body: `The folder "${folder}" was not found, so stock was not updated. Check whether it was moved or renamed, or enter it again under the stock file import.`,
        },
      );
    }
    return keep({ signature: prev?.signature ?? null, fileName: null, outcome: 'missing_folder', report: null });
  }
  const file = newestFile(folder);
  if (!file) return keep({ signature: null, fileName: null, outcome: 'no_file', report: null });
  if (prev?.signature === file.signature) {
    const taken = prev.outcome === 'imported' || prev.outcome === 'unchanged' || prev.outcome === 'waiting';
    return keep({ ...prev, pending: null, outcome: taken ? 'unchanged' : prev.outcome });
  }

  const fileName = basename(file.path);
  let content: Buffer;
  let report: StockFileReport;
  try {
    content = readFileSync(file.path);
    const pending = prev?.pending ?? null;
    const unfinished = stillBeingWritten({ ...file, fileName, content, now: app.clock.now(), pending });
    if (unfinished) {
      // Not taken: the signature stays the last taken file's, so this one is looked at again.
      const since = pending?.signature === file.signature ? pending.since : now;
      return keep({
        signature: prev?.signature ?? null,
        fileName,
        outcome: 'waiting',
        pending: { signature: file.signature, since },
        report: { accepted: 0, rejectedTotal: 0, rowsChanged: 0, problem: unfinished, rejected: [] },
      });
    }
    report = await importStockFile(app, { fileName, content, confirm: false });
  } catch (err) {
    // Unreadable (locked, no permission) or refused whole by the parser: said once, not retried every tick.
    const why =
      err instanceof AppError
        ? { zh: err.messageZh, en: err.messageEn }
        : { zh: `读取文件失败：${String(err)}`, en: `The file could not be read: ${String(err)}` };
    app.notices.add(
      'error',
      { title: '监视文件夹里的库存文件没有导入', body: `“${fileName}”没有导入：${why.zh}` },
      { title: 'The stock file in the watched folder was not imported', body: `"${fileName}" was not imported: ${why.en}` },
    );
    return keep({
      signature: file.signature,
      fileName,
      outcome: 'refused',
      report: { accepted: 0, rejectedTotal: 0, rowsChanged: 0, problem: why, rejected: [] },
    });
  }
  const summary = (r: StockFileReport) => ({
    accepted: r.accepted,
    rejectedTotal: r.rejectedTotal,
    rowsChanged: r.rowsChanged,
    problem: r.problem,
    rejected: r.rejected.slice(0, 50),
  });
  if (report.problem || report.accepted === 0 || report.needsMapping) {
    const why = report.problem ?? { zh: '文件里没有可导入的行。', en: 'The file has no line that can be imported.' };
    app.notices.add(
      'error',
      { title: '监视文件夹里的库存文件没有导入', body: `“${fileName}”没有导入：${why.zh} 请在“库存”里上传这个文件，对应好列后再导入。` },
      {
        title: 'The stock file in the watched folder was not imported',
        body: `"${fileName}" was not imported: ${why.en} Upload it under stock, map its columns, and import it.`,
      },
    );
    return keep({ signature: file.signature, fileName, outcome: 'refused', report: { ...summary(report), problem: why } });
  }
  const done = await importStockFile(app, { fileName, content, confirm: true });
  if (done.rejectedTotal > 0) {
    app.notices.add(
      'warning',
      {
        title: '监视文件夹的库存文件有错误的行',
        body: `已导入“${fileName}”的 ${done.accepted} 行，有 ${done.rejectedTotal} 行没有导入，请在“库存”的文件导入里查看是哪几行。`,
      },
      {
        title: 'Some lines of the watched stock file were refused',
        body: `${done.accepted} lines of "${fileName}" were imported and ${done.rejectedTotal} were not; see which under the stock file import.`,
      },
    );
  }
  return keep({ signature: file.signature, fileName, outcome: 'imported', report: summary(done) });
}

/** Whether a look is due on the stock schedule (the seller's sync interval). */
export function watchFolderDue(app: App): boolean {
  if (read<string>(app, KEY.folder) === null) return false;
  const s = readStockSettings(app.db);
  if (!s.scheduleEnabled) return false;
  const last = read<LastLook>(app, KEY.last);
  // A file that was still being written is looked at again soon, not a whole interval later.
  const every = last?.outcome === 'waiting' ? SETTLE_MS : s.intervalMinutes * 60_000;
  return !last || app.clock.now() - Date.parse(last.checkedAt) >= every;
}
