/**
 * How the app writes its own files. The data folder holds the Alipay account, partner data and
 * (for the web host and CLI) the app secrets, on an office PC other people log into: on POSIX the
 * folder is 0700 and every file 0600. A file that must never be read half-written (secrets,
 * backups) goes to a temporary name, is flushed to disk, then renamed over the old one, so a crash
 * or a full disk leaves the old file whole.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;
const POSIX = process.platform !== 'win32';

/** Creates `dir` (and parents) for the seller only; tightens a folder an older version left 0755. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  // Windows: the per-user app data folder is already the user's own (its ACL), chmod means nothing.
  if (POSIX) chmodSync(dir, PRIVATE_DIR);
}

/** Makes an existing file the seller's only; missing files are fine (WAL/SHM come and go). */
export function makePrivate(file: string): void {
  if (!POSIX) return;
  try {
    chmodSync(file, PRIVATE_FILE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** What the app keeps in its data folder: only these are tightened (a --data folder may hold more). */
const OURS = /^(desk\.sqlite|engine\.lock|settings\.json|secrets\.|logs$|backups$|exports$|support$)/;

/**
 * Makes what the app already keeps in the data folder the seller's only: an older version left
 * the folder 0755 and its files 0644. A few dozen entries, once per start. Symbolic links are not
 * followed (a link may point at a file that is not ours).
 */
export function tightenTree(dir: string, depth = 3, all = false): void {
  if (!POSIX) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!all && !OURS.test(e.name)) continue;
    const p = join(dir, e.name);
    try {
      if (e.isDirectory()) {
        chmodSync(p, PRIVATE_DIR);
        if (depth > 1) tightenTree(p, depth - 1, true);
      } else if (e.isFile()) chmodSync(p, PRIVATE_FILE);
    } catch {
      // A file that vanished meanwhile (a WAL checkpointed away): nothing to tighten.
    }
  }
}

/** A temporary name beside `file` (same folder, so the rename stays on one disk). */
export function tempNameFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

function fsyncDir(dir: string): void {
  if (!POSIX) return; // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse a directory fsync; the file's own fsync already happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** temp + fsync + rename: readers see the old content or the new, never a torn mix or nothing. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = tempNameFor(file);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', PRIVATE_FILE);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    makePrivate(tmp);
    renameSync(tmp, file);
    fsyncDir(dirname(file));
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw diskError(err) ?? err;
  }
}

/** The errors a seller can act on: a full disk, a read-only or protected folder, a busy database. */
export function diskError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === 'ENOSPC' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL')) {
    return new AppError(
      'DB_FAILED',
      '磁盘已满，这次的更改没有保存（之前保存的数据完好）。请删除不需要的文件或清空回收站，腾出至少几百 MB 空间后重试。',
      'The disk is full, so this change was not saved (the data saved before is intact). Delete files you do not need or empty the recycle bin to free a few hundred MB, then try again.',
    );
  }
  // Not EACCES in general: a file the seller picked to import can be unreadable for other reasons.
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new AppError(
      'DB_FAILED',
      '数据文件夹是只读的或没有写入权限，这次的更改没有保存（之前保存的数据完好）。请检查数据文件夹所在的磁盘和文件夹权限，或把程序的数据文件夹放到自己的用户文件夹里。',
      'The data folder is read-only or not writable, so this change was not saved (the data saved before is intact). Check the disk and the folder permissions, or keep the data folder in your own user folder.',
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError(
      'CONFLICT',
      '数据库正忙（另一个操作正在写入），这次的更改没有保存。请稍等几秒后重试。',
      'The database is busy (another operation is writing), so this change was not saved. Wait a few seconds and try again.',
    );
  }
  return null;
}
