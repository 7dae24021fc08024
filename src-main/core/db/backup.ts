/**
 * A daily online copy of the database through SQLite's backup API (safe while the app writes),
 * keeping the newest seven. A copy only counts once it is whole: it is written under a temporary
 * name, checked (integrity_check and the schema version), and only then renamed to
 * `daily-YYYY-MM-DD.sqlite`. A copy killed half-way stays a temporary file, is removed on the next
 * try, and today's backup is taken again; a broken `daily-*` file (left by an older version) is
 * removed and retaken, never reported as the last backup.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, readdirSync, renameSync, rmSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './open';
import { ensurePrivateDir, makePrivate, tempNameFor } from '../platform/files';
import { DAILY_BACKUP, dailyBackupName } from '../../../src-shared/backupName';

export const BACKUPS_KEPT = 7;
/** Temporary copies (ours, from any process): `.<name>.<pid>.<ms>.tmp`. */
const TEMP = /^\..+\.tmp$/;

function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function listDailyBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => DAILY_BACKUP.test(f))
    .sort();
}

/**
 * Why a copy cannot be trusted, or null when it is a whole database at `expectVersion` (any
 * version when not given). Opened read-only: checking never changes the copy.
 */
export function backupProblem(file: string, expectVersion?: number): string | null {
  let db: Database.Database | undefined;
  try {
    if (statSync(file).size === 0) return 'empty file';
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok') return `integrity_check: ${check}`;
    const v = db.pragma('user_version', { simple: true }) as number;
    if (expectVersion !== undefined && v !== expectVersion) return `user_version ${v}, expected ${expectVersion}`;
    return null;
  } catch (err) {
    return String((err as Error).message ?? err);
  } finally {
    db?.close();
  }
}

/** Removes temporary copies a killed process left behind; they never count as backups. */
export function removeTempCopies(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const left = readdirSync(dir).filter((f) => TEMP.test(f));
  for (const f of left) rmSync(join(dir, f), { force: true });
  return left;
}

/** The copies a seller falls back on: daily ones and the one taken before each migration. */
const KEPT_COPY = /^(daily-\d{4}-\d{2}-\d{2}|before-v\d+-.+)\.sqlite$/;

/**
 * A copy cut short, read from its header alone (at every start, so no full check of each file): an
 * empty file, no SQLite header, or fewer bytes than the pages the header counts. What an older
 * version's killed copy leaves (it wrote straight to the final name).
 */
export function looksIncomplete(file: string): boolean {
  const size = statSync(file).size;
  if (size < 100) return true;
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return true;
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = head.readUInt32BE(28);
  // The page count is valid when the "version valid for" number matches the change counter.
  const counted = head.readUInt32BE(92) === head.readUInt32BE(24) && pages > 0;
  return counted ? size < pageSize * pages : size % pageSize !== 0;
}

/** Removes daily-* and before-v* copies that were cut short; returns their names. */
export function removeBrokenCopies(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const broken = readdirSync(dir).filter((f) => {
    if (!KEPT_COPY.test(f)) return false;
    try {
      return looksIncomplete(join(dir, f));
    } catch {
      return false;
    }
  });
  for (const f of broken) rmSync(join(dir, f), { force: true });
  return broken;
}

/** Verified daily copies by name, size and time, so app.info does not re-check a file every call. */
const verified = new Map<string, string>();
const stamp = (file: string) => {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}`;
};

function trusted(file: string): boolean {
  try {
    if (verified.get(file) === stamp(file)) return true;
    if (backupProblem(file) !== null) return false;
    verified.set(file, stamp(file));
    return true;
  } catch {
    return false;
  }
}

/** The newest daily copy that is whole, or null: a broken one is never reported. */
export function lastGoodBackup(dir: string): string | null {
  for (const name of listDailyBackups(dir).reverse()) if (trusted(join(dir, name))) return name;
  return null;
}

/**
 * Takes today's copy unless a whole one exists; returns its path, or null when today's was already
 * there. Throws (and keeps nothing) when the fresh copy does not pass its check.
 */
export async function dailyBackup(db: Db, dir: string, now: number): Promise<string | null> {
  ensurePrivateDir(dir);
  removeTempCopies(dir);
  // Copies an older version left cut short (daily or before a migration) are not backups: removed.
  removeBrokenCopies(dir);
  const target = join(dir, dailyBackupName(shanghaiDate(now)));
  if (existsSync(target)) {
    if (trusted(target)) return null;
    rmSync(target, { force: true }); // broken: retaken below
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  const tmp = tempNameFor(target);
  try {
    await db.backup(tmp);
    makePrivate(tmp);
    const problem = backupProblem(tmp, version);
    if (problem) throw new Error(`the new backup failed its check (${problem})`);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
  }
  verified.set(target, stamp(target));
  const all = listDailyBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) rmSync(join(dir, old), { force: true });
  return target;
}
