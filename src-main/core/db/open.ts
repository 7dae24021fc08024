/**
 * Opens the app database: refuses a file written by a newer app before touching it, copies the
 * file aside before migrating (and migrates only once the copy is known to be whole), then sets WAL
 * and foreign keys and runs pending migrations. The file, its WAL and SHM are the seller's only.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { MIGRATIONS, LATEST_VERSION } from './migrations';
import type { Logger } from '../platform/logger';
import { diskError, ensurePrivateDir, makePrivate, PRIVATE_FILE, tempNameFor } from '../platform/files';
import { backupProblem, removeTempCopies } from './backup';

export type Db = Database.Database;

export interface OpenOptions {
  /** better-sqlite3 built for Electron lives in its own folder; tests use the Node build. */
  nativeBinding?: string;
  log?: Logger;
  /** For the migration-before-copy file name. */
  now?: () => number;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  ensurePrivateDir(dirname(file));
  const existed = existsSync(file) && statSync(file).size > 0;
  // Created 0600 before SQLite opens it: SQLite gives the WAL and SHM the database file's mode.
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  makePrivate(file);
  const db = new Database(file, { nativeBinding: opts.nativeBinding });
  try {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > LATEST_VERSION) {
      throw new AppError(
        'DB_NEWER',
        `数据库由更新版本的程序创建（数据版本 ${current}，本程序支持到 ${LATEST_VERSION}）。为保护数据，程序没有打开也没有修改它。请安装最新版本的程序。`,
        `The database was written by a newer version of the app (schema ${current}, this app knows up to ${LATEST_VERSION}). It was neither opened for use nor changed. Install the latest version of the app.`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    for (const f of [`${file}-wal`, `${file}-shm`]) makePrivate(f);
    if (current < LATEST_VERSION) {
      if (existed) copyBeforeMigrate(db, file, current, opts);
      migrate(db, current);
      opts.log?.info('database migrated', { from: current, to: LATEST_VERSION });
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The copy a seller falls back on if a migration goes wrong: written with VACUUM INTO (a consistent
 * snapshot) under a temporary name, checked, then renamed. A copy that fails its check is removed
 * and the migration does not start; a process killed mid-copy leaves only a temporary file, removed
 * on the next start.
 */
function copyBeforeMigrate(db: Db, file: string, current: number, opts: OpenOptions): void {
  const dir = join(dirname(file), 'backups');
  ensurePrivateDir(dir);
  removeTempCopies(dir);
  const stamp = new Date(opts.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
  const copy = join(dir, `before-v${LATEST_VERSION}-from-v${current}-${stamp}.sqlite`);
  const tmp = tempNameFor(copy);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    makePrivate(tmp);
    const problem = backupProblem(tmp, current);
    if (problem) {
      throw new AppError(
        'DB_FAILED',
        `升级数据库前的备份没有通过检查（${problem}），为保护数据，没有升级数据库。请检查磁盘空间和磁盘健康后重新打开程序。`,
        `The backup taken before upgrading the database failed its check (${problem}), so the database was not upgraded. Check the disk's free space and health, then open the app again.`,
      );
    }
    renameSync(tmp, copy);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw diskError(err) ?? err;
  }
  opts.log?.info('database copied before migration', { copy });
}

/** All pending migrations in one transaction: either the file reaches the new version or stays as it was. */
export function migrate(db: Db, from: number): void {
  const pending = MIGRATIONS.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${LATEST_VERSION}`);
  })();
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
