/**
 * One engine per data folder. The sender and the scheduler must never run in two processes on one
 * folder (two web hosts, the web host and `cli auto run`, Electron and either): each would send the
 * same unbind. The lock is an exclusive SQLite transaction held open on `engine.lock` for the life
 * of the app: the operating system holds it (fcntl on POSIX, LockFileEx on Windows), so it is
 * released when the holder exits or is killed, and cannot be taken while the holder lives, however
 * long its event loop is busy. No pid guessing, no heartbeat to miss. `engine.lock.json` beside it
 * only says who holds it, so a refused process can name the holder.
 */
import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { makePrivate, PRIVATE_FILE, writeFileAtomic } from './files';

export const LOCK_FILE = 'engine.lock';
export const HOLDER_FILE = 'engine.lock.json';

export interface LockHolder {
  pid: number;
  /** 'electron' (the desktop app), 'web' (the browser mode) or 'cli'. */
  host: string;
  hostname: string;
  startedAt: string;
}

const HOST_ZH: Record<string, string> = { electron: '桌面程序', web: '浏览器模式（网页版）', cli: '命令行' };
const HOST_EN: Record<string, string> = { electron: 'the desktop app', web: 'the browser mode (web host)', cli: 'the command line' };

/**
 * Thrown by createApp when another process has the data folder open. Hosts catch it by class
 * (or by `code === 'CONFLICT'` and `name === 'DataFolderInUseError'`) and tell the seller; the
 * message names the holder and says what to do.
 */
export class DataFolderInUseError extends AppError {
  readonly holder: LockHolder | null;
  readonly dataDir: string;
  constructor(dataDir: string, holder: LockHolder | null) {
    const zhWho = holder ? `${HOST_ZH[holder.host] ?? holder.host}（进程号 ${holder.pid}，${holder.startedAt} 启动）` : '另一个助手程序';
    const enWho = holder
      ? `${HOST_EN[holder.host] ?? holder.host} (process ${holder.pid}, started ${holder.startedAt})`
      : 'another copy of the app';
    super(
      'CONFLICT',
      `数据文件夹 ${dataDir} 正在被${zhWho}使用。为防止同一个解绑被发送两次，同一个数据文件夹同时只能由一个程序打开。请在正在运行的程序里操作，或先关闭它再重试。`,
      `The data folder ${dataDir} is in use by ${enWho}. So that no unbind is ever sent twice, only one program at a time may open a data folder. Use the program that is running, or close it and try again.`,
    );
    this.name = 'DataFolderInUseError';
    this.holder = holder;
    this.dataDir = dataDir;
  }
}

/** Held connections, so a lock whose owner dropped its handle is not closed by the garbage collector. */
const held = new Set<Database.Database>();

export interface FolderLock {
  readonly holder: LockHolder;
  release(): void;
}

function readHolder(dataDir: string): LockHolder | null {
  const file = join(dataDir, HOLDER_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** Takes the data folder's engine lock, or throws DataFolderInUseError naming the holder. */
export function lockDataFolder(dataDir: string, host: string, opts: { nativeBinding?: string; now?: () => number } = {}): FolderLock {
  // timeout 0: a held lock is refused at once instead of waiting for a holder that may run for days.
  const file = join(dataDir, LOCK_FILE);
  // Created 0600 first: SQLite gives its journal the mode of the database file.
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  makePrivate(file);
  const db = new Database(file, { timeout: 0, nativeBinding: opts.nativeBinding });
  try {
    // An empty file is never locked by SQLite, so the file gets a page first; then the exclusive
    // transaction stays open (and the OS lock held) until release.
    db.exec('CREATE TABLE IF NOT EXISTS engine_lock (id INTEGER PRIMARY KEY)');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('INSERT OR REPLACE INTO engine_lock (id) VALUES (1)');
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new DataFolderInUseError(dataDir, readHolder(dataDir));
    throw err;
  }
  makePrivate(`${file}-journal`);
  const holder: LockHolder = {
    pid: process.pid,
    host,
    hostname: hostname(),
    startedAt: new Date(opts.now?.() ?? Date.now()).toISOString(),
  };
  try {
    writeFileAtomic(join(dataDir, HOLDER_FILE), JSON.stringify(holder));
  } catch (err) {
    db.close();
    throw err;
  }
  held.add(db);
  return {
    holder,
    release: () => {
      if (!held.delete(db)) return;
      if (db.open) db.close();
    },
  };
}
