/**
 * Opens the app database: refuses a file written by a newer app before touching it, copies the
 * file aside before migrating, then sets WAL and foreign keys and runs pending migrations.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { MIGRATIONS, LATEST_VERSION } from './migrations';
import type { Logger } from '../platform/logger';

export type Db = Database.Database;

export interface OpenOptions {
  /** better-sqlite3 built for Electron lives in its own folder; tests use the Node build. */
  nativeBinding?: string;
  log?: Logger;
  /** For the migration-before-copy file name. */
  now?: () => number;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file) && statSync(file).size > 0;
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
    if (current < LATEST_VERSION) {
      if (existed) {
        db.pragma('wal_checkpoint(TRUNCATE)');
        const stamp = new Date(opts.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
        const copy = join(dirname(file), 'backups', `before-v${LATEST_VERSION}-from-v${current}-${stamp}.sqlite`);
        mkdirSync(dirname(copy), { recursive: true });
        copyFileSync(file, copy);
        opts.log?.info('database copied before migration', { copy });
      }
      migrate(db, current);
      opts.log?.info('database migrated', { from: current, to: LATEST_VERSION });
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
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
