/** Sync run history rows: one per stock read, with counts and errors, for the seller and the engine. */
import type { Db } from '../db/open';
import type { SyncRunInfo } from '../../../src-shared/types/stock';

interface RunRow {
  id: number;
  strategy: SyncRunInfo['strategy'];
  reason: string;
  trigger: SyncRunInfo['trigger'];
  status: SyncRunInfo['status'];
  started_at: string;
  finished_at: string | null;
  pages: number;
  rows_read: number;
  rows_written: number;
  rows_changed: number;
  rows_skipped_category: number;
  rows_stale: number;
  errors: string;
}

export function toRunInfo(r: RunRow): SyncRunInfo {
  return {
    id: r.id,
    strategy: r.strategy,
    reason: r.reason,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    pages: r.pages,
    rowsRead: r.rows_read,
    rowsWritten: r.rows_written,
    rowsChanged: r.rows_changed,
    rowsSkippedCategory: r.rows_skipped_category,
    rowsStale: r.rows_stale,
    errors: JSON.parse(r.errors),
  };
}

export function startRun(
  db: Db,
  run: { strategy: SyncRunInfo['strategy']; reason: string; trigger: SyncRunInfo['trigger']; at: string },
): number {
  return Number(
    db
      .prepare("INSERT INTO stock_sync_runs (strategy, reason, trigger, status, started_at) VALUES (?, ?, ?, 'running', ?)")
      .run(run.strategy, run.reason, run.trigger, run.at).lastInsertRowid,
  );
}

export function finishRun(
  db: Db,
  id: number,
  f: {
    status: Exclude<SyncRunInfo['status'], 'running'>;
    at: string;
    pages?: number;
    rowsRead?: number;
    rowsWritten?: number;
    rowsChanged?: number;
    rowsSkippedCategory?: number;
    rowsStale?: number;
    errors?: SyncRunInfo['errors'];
  },
): void {
  db.prepare(
    `UPDATE stock_sync_runs SET status = ?, finished_at = ?, pages = ?, rows_read = ?, rows_written = ?, rows_changed = ?,
       rows_skipped_category = ?, rows_stale = ?, errors = ? WHERE id = ?`,
  ).run(
    f.status,
    f.at,
    f.pages ?? 0,
    f.rowsRead ?? 0,
    f.rowsWritten ?? 0,
    f.rowsChanged ?? 0,
    f.rowsSkippedCategory ?? 0,
    f.rowsStale ?? 0,
    JSON.stringify(f.errors ?? []),
    id,
  );
}

export function getRun(db: Db, id: number): SyncRunInfo | null {
  const r = db.prepare('SELECT * FROM stock_sync_runs WHERE id = ?').get(id) as RunRow | undefined;
  return r ? toRunInfo(r) : null;
}

export function lastRun(db: Db, where = "status != 'running'"): SyncRunInfo | null {
  const r = db.prepare(`SELECT * FROM stock_sync_runs WHERE ${where} ORDER BY id DESC LIMIT 1`).get() as RunRow | undefined;
  return r ? toRunInfo(r) : null;
}

export function listRuns(db: Db, page: number, pageSize: number): { rows: SyncRunInfo[]; total: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM stock_sync_runs').get() as { n: number }).n;
  const rows = db
    .prepare('SELECT * FROM stock_sync_runs ORDER BY id DESC LIMIT ? OFFSET ?')
    .all(pageSize, (page - 1) * pageSize) as RunRow[];
  return { rows: rows.map(toRunInfo), total };
}

/** A run left 'running' by a crash is closed as failed at start-up, so history never lies. */
export function closeAbandonedRuns(db: Db, at: string): number {
  return db
    .prepare(
      `UPDATE stock_sync_runs SET status = 'failed', finished_at = ?,
         errors = '[{"code":"INTERNAL","message":"程序在同步过程中退出，本次同步没有保存任何库存。","messageEn":"The app stopped during this sync; no stock from it was saved."}]'
       WHERE status = 'running'`,
    )
    .run(at).changes;
}
