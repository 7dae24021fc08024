/**
 * Backups that are backups: a copy killed half-way never counts, today's daily backup is taken again,
 * the migration waits for a whole copy, secrets are rewritten atomically, and a full disk is said
 * as such while the saved data stays.
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/core/app';
import { backupProblem, dailyBackup, listDailyBackups, looksIncomplete } from '../../../src-main/core/db/backup';
import { openDatabase, schemaVersion } from '../../../src-main/core/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/core/db/migrations';
import { dispatch } from '../../../src-main/core/dispatch';
import { createHandlers } from '../../../src-main/core/api';
import { createDevSecretStore } from '../../../src-main/core/platform/secrets';
import { diskError } from '../../../src-main/core/platform/files';
import { tempDir } from '../../helpers/tempApp';

/** A database big enough (tens of MB) that its copy takes long enough to be killed half-way. */
function bigDatabase(file: string, version: number, rows = 60_000): void {
  const db = new Database(file);
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) m.up(db);
  db.exec('CREATE TABLE seller_notes (id INTEGER PRIMARY KEY, note TEXT)');
  const ins = db.prepare('INSERT INTO seller_notes (note) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`备注 ${i} ${'x'.repeat(600)}`);
  })();
  db.pragma(`user_version = ${version}`);
  db.close();
}

/** Runs backupChild.ts and SIGKILLs it as soon as a temporary copy appears in `watch`. */
async function killMidCopy(env: Record<string, string>, watch: string): Promise<{ killedWith: string | null; sawTemp: boolean }> {
  const p = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'backupChild.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let sawTemp = false;
  const poll = setInterval(() => {
    if (existsSync(watch) && readdirSync(watch).some((f) => f.endsWith('.tmp'))) {
      sawTemp = true;
      p.kill('SIGKILL');
    }
  }, 1);
  const killedWith = await new Promise<string | null>((resolve) => p.on('exit', (_c, signal) => resolve(signal)));
  clearInterval(poll);
  return { killedWith, sawTemp };
}

const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('backups that can be trusted', () => {
  it('a daily backup killed half-way leaves no daily-* file, is not reported as the last backup, and is retaken', async () => {
    const dir = tempDir('desk-backup-kill-');
    const file = join(dir, 'desk.sqlite');
    bigDatabase(file, LATEST_VERSION);
    const backups = join(dir, 'backups');
    const killed = await killMidCopy({ BACKUP_MODE: 'daily', BACKUP_DB: file, BACKUP_DIR: backups }, backups);
    expect(killed).toEqual({ killedWith: 'SIGKILL', sawTemp: true });
    expect(listDailyBackups(backups)).toEqual([]);
    expect(readdirSync(backups).some((f) => f.endsWith('.tmp'))).toBe(true); // what the kill left

    const app = createApp({ dataDir: dir, host: 'cli' });
    try {
      expect(app.lastBackup()).toBeNull();
      const taken = await app.backupNow();
      expect(taken).toBe(join(backups, `daily-${beijingToday()}.sqlite`));
      expect(readdirSync(backups).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(backupProblem(taken as string, LATEST_VERSION)).toBeNull();
      expect(app.lastBackup()).toBe(`daily-${beijingToday()}.sqlite`);
      const copy = new Database(taken as string, { readonly: true });
      expect(copy.prepare('SELECT count(*) FROM seller_notes').pluck().get()).toBe(60_000);
      copy.close();
    } finally {
      await app.close();
    }
  }, 60_000);

  it("a broken daily-* file (an older version's partial copy) is never the last backup and today's is retaken", async () => {
    const dir = tempDir('desk-backup-broken-');
    const backups = join(dir, 'backups');
    const app = createApp({ dataDir: dir, host: 'cli' });
    try {
      const good = await dailyBackup(app.db, backups, Date.now() - 24 * 3600_000);
      expect(good).not.toBeNull();
      const today = join(backups, `daily-${beijingToday()}.sqlite`);
      writeFileSync(today, readFileSync(good as string).subarray(0, 4096)); // cut short, as a kill leaves it
      expect(backupProblem(today)).not.toBeNull();
      expect(app.lastBackup()).toBe(`daily-${new Date(Date.now() - 16 * 3600_000).toISOString().slice(0, 10)}.sqlite`);
      expect(await app.backupNow()).toBe(today);
      expect(backupProblem(today, LATEST_VERSION)).toBeNull();
      expect(app.lastBackup()).toBe(`daily-${beijingToday()}.sqlite`);
      expect(await app.backupNow()).toBeNull(); // whole now: once a day
    } finally {
      await app.close();
    }
  });

  it('old copies cut short (daily-* and before-v*, as an older version left them) are removed; whole ones stay', async () => {
    const dir = tempDir('desk-backup-sweep-');
    const backups = join(dir, 'backups');
    const app = createApp({ dataDir: dir, host: 'cli' });
    try {
      app.db.exec('CREATE TABLE seller_notes (id INTEGER PRIMARY KEY, note TEXT)');
      const ins = app.db.prepare('INSERT INTO seller_notes (note) VALUES (?)');
      for (let i = 0; i < 2000; i++) ins.run(`备注 ${i} ${'x'.repeat(300)}`);
      const good = (await dailyBackup(app.db, backups, Date.now() - 3 * 24 * 3600_000)) as string;
      const whole = readFileSync(good);
      const cut = join(backups, 'daily-2020-01-02.sqlite');
      const empty = join(backups, 'daily-2020-01-01.sqlite');
      const beforeCut = join(backups, 'before-v7-from-v6-2020-01-01T00-00-00-000Z.sqlite');
      const beforeWhole = join(backups, 'before-v7-from-v6-2020-01-03T00-00-00-000Z.sqlite');
      const notOurs = join(backups, 'seller-copy.sqlite');
      writeFileSync(cut, whole.subarray(0, 8192));
      writeFileSync(empty, '');
      writeFileSync(beforeCut, whole.subarray(0, whole.length - 4096));
      writeFileSync(beforeWhole, whole);
      writeFileSync(notOurs, '');
      expect([cut, empty, beforeCut].map(looksIncomplete)).toEqual([true, true, true]);
      expect([good, beforeWhole].map(looksIncomplete)).toEqual([false, false]);
      await app.backupNow();
      for (const f of [cut, empty, beforeCut]) expect(existsSync(f), f).toBe(false);
      for (const f of [good, beforeWhole, notOurs]) expect(existsSync(f), f).toBe(true);
      expect(backupProblem(beforeWhole)).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('a read-only database and a busy one are said as such, with what to do, and the saved data stays', async () => {
    const dir = tempDir('desk-ro-busy-');
    const app = createApp({ dataDir: dir, host: 'cli' });
    try {
      const handlers = createHandlers(app);
      expect((await dispatch(handlers, 'exit.open', {}, app.log)).ok).toBe(true);
      expect((await dispatch(handlers, 'exit.addQuestion', { question: '只读之前' }, app.log)).ok).toBe(true);
      // SQLite refuses every write (SQLITE_READONLY), as on a read-only disk or folder (this machine runs tests as root, so chmod would not stop a write).
      app.db.pragma('query_only = 1');
      const ro = await dispatch(handlers, 'exit.addQuestion', { question: '只读时' }, app.log);
      expect(ro).toMatchObject({ ok: false, error: { code: 'DB_FAILED' } });
      if (!ro.ok) {
        expect(ro.error.message).toContain('只读');
        expect(ro.error.message).toContain('之前保存的数据完好');
        expect(ro.error.messageEn).toContain('read-only');
      }
      app.db.pragma('query_only = 0');
      // Another connection holds the write lock, and this one does not wait (SQLITE_BUSY).
      const other = new Database(join(dir, 'desk.sqlite'));
      other.exec('BEGIN IMMEDIATE');
      const timeout = app.db.pragma('busy_timeout', { simple: true }) as number;
      app.db.pragma('busy_timeout = 0');
      const busy = await dispatch(handlers, 'exit.addQuestion', { question: '忙的时候' }, app.log);
      other.exec('ROLLBACK');
      other.close();
      app.db.pragma(`busy_timeout = ${timeout}`);
      expect(busy).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      if (!busy.ok) expect(busy.error.message).toContain('数据库正忙');
      const view = await dispatch(handlers, 'exit.get', {}, app.log);
      expect(JSON.stringify(view)).toContain('只读之前');
      expect((await dispatch(handlers, 'exit.addQuestion', { question: '之后' }, app.log)).ok).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('a kill during the pre-migration copy leaves no copy that fails integrity_check, and the next start migrates after a good copy', async () => {
    const dir = tempDir('desk-migrate-kill-');
    const file = join(dir, 'desk.sqlite');
    const older = LATEST_VERSION - 1;
    bigDatabase(file, older, 120_000);
    const backups = join(dir, 'backups');
    const killed = await killMidCopy({ BACKUP_MODE: 'migrate', BACKUP_DB: file }, backups);
    expect(killed).toEqual({ killedWith: 'SIGKILL', sawTemp: true });
    for (const f of readdirSync(backups).filter((f) => f.endsWith('.sqlite'))) expect(backupProblem(join(backups, f)), f).toBeNull();
    const untouched = new Database(file, { readonly: true });
    expect(untouched.pragma('user_version', { simple: true })).toBe(older); // the migration never started
    untouched.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT count(*) FROM seller_notes').pluck().get()).toBe(120_000);
    db.close();
    const left = readdirSync(backups);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const copies = left.filter((f) => f.startsWith(`before-v${LATEST_VERSION}-from-v${older}-`));
    expect(copies).toHaveLength(1);
    expect(backupProblem(join(backups, copies[0]!), older)).toBeNull();
  }, 60_000);

  it('rewrites the secrets file atomically: no temporary file left, 0600, every key kept across rewrites', () => {
    const dir = tempDir('desk-secrets-');
    const secrets = createDevSecretStore(dir);
    for (let i = 0; i < 50; i++) secrets.set(`key.${i}`, `value-${i}-0123456789`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(secrets.location).mode & 0o777).toBe(0o600);
    // A temporary file a killed write left beside it changes nothing for the reader.
    writeFileSync(join(dir, `.secrets.dev.json.999.1.tmp`), '{"values":{"key.0":"to');
    const again = createDevSecretStore(dir);
    expect(again.names()).toHaveLength(50);
    expect(again.get('key.49')).toBe('value-49-0123456789');
  });

  it('a full disk is said as such (the database at its size limit, a real ENOSPC from /dev/full) and the saved data stays', async () => {
    const dir = tempDir('desk-full-');
    const app = createApp({ dataDir: dir, host: 'cli' });
    try {
      const handlers = createHandlers(app);
      expect((await dispatch(handlers, 'exit.open', {}, app.log)).ok).toBe(true);
      expect((await dispatch(handlers, 'exit.addQuestion', { question: '保存在磁盘满之前' }, app.log)).ok).toBe(true);
      // SQLite's own SQLITE_FULL: the file may not grow past the pages it has now.
      app.db.pragma(`max_page_count = ${app.db.pragma('page_count', { simple: true }) as number}`);
      let failure: unknown = null;
      for (let i = 0; i < 500 && !failure; i++) {
        const r = await dispatch(handlers, 'exit.addQuestion', { question: `问题 ${i} ${'满'.repeat(900)}` }, app.log);
        if (!r.ok) failure = r.error;
      }
      expect(failure).toMatchObject({ code: 'DB_FAILED' });
      expect((failure as { message: string }).message).toContain('磁盘已满');
      expect((failure as { message: string }).message).toContain('之前保存的数据完好');
      expect((failure as { messageEn: string }).messageEn).toContain('The disk is full');
      app.db.pragma('max_page_count = 1073741823');
      const view = await dispatch(handlers, 'exit.get', {}, app.log);
      expect(JSON.stringify(view)).toContain('保存在磁盘满之前');
      expect((await dispatch(handlers, 'exit.addQuestion', { question: '空间腾出来以后' }, app.log)).ok).toBe(true);
    } finally {
      await app.close();
    }
    let enospc: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (err) {
      enospc = err;
    }
    if (process.platform === 'linux') expect(diskError(enospc)?.messageZh).toContain('磁盘已满');
  });
});
