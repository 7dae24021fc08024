/**
 * The data folder is the seller's only: 0700 for every folder and 0600 for every file the app
 * writes (database, WAL/SHM, backups, logs, settings, secrets, exports, the lock), checked after a
 * first start and after an older version left the folder world-readable.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../../src-main/core/app';
import { createHandlers } from '../../../src-main/core/api';
import { dispatch } from '../../../src-main/core/dispatch';
import { tempDir } from '../../helpers/tempApp';

const posix = process.platform !== 'win32';

function walk(dir: string): { path: string; dir: boolean; mode: number }[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    const s = statSync(p);
    const me = { path: p, dir: s.isDirectory(), mode: s.mode & 0o777 };
    return s.isDirectory() ? [me, ...walk(p)] : [me];
  });
}

/** Everything a first day of use writes: settings, a secret, log lines, a write, a backup, an export. */
async function useIt(app: App): Promise<void> {
  app.settings.set('storeName', '权限测试店');
  app.secrets.set('aliexpress.appSecret', 'mode-test-secret-123');
  const handlers = createHandlers(app);
  expect((await dispatch(handlers, 'exit.open', {}, app.log)).ok).toBe(true);
  expect((await dispatch(handlers, 'exit.export', {}, app.log)).ok).toBe(true);
  await app.backupNow();
  expect(app.lastBackup()).not.toBeNull();
  app.log.info('mode-test-marker');
  const log = join(app.dataDir, 'logs', 'main.log');
  for (let i = 0; i < 100 && !(existsSync(log) && readFileSync(log, 'utf8').includes('mode-test-marker')); i++)
    await new Promise((r) => setTimeout(r, 20));
}

function expectPrivate(dataDir: string): void {
  expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  const all = walk(dataDir);
  const names = all.map((f) => f.path.slice(dataDir.length + 1));
  for (const must of [
    'desk.sqlite',
    'desk.sqlite-wal',
    'desk.sqlite-shm',
    'settings.json',
    'secrets.dev.json',
    'engine.lock',
    'logs/main.log',
    'backups',
    'exports',
  ]) {
    expect(names, must).toContain(must);
  }
  expect(names.some((n) => /^backups\/daily-.*\.sqlite$/.test(n))).toBe(true);
  expect(names.some((n) => /^exports\/.*\.zip$/.test(n))).toBe(true);
  for (const f of all) expect(f.mode.toString(8), f.path).toBe(f.dir ? '700' : '600');
}

describe.runIf(posix)('file modes on POSIX', () => {
  it('after a first start, every folder is 0700 and every file 0600', async () => {
    const dataDir = join(tempDir('desk-modes-'), 'data');
    const app = createApp({ dataDir, host: 'cli' });
    try {
      await useIt(app);
      expectPrivate(dataDir);
    } finally {
      await app.close();
    }
  });

  it.runIf(posix)(
    "the start-up failure log (written before the app opens the folder) is the seller's only, in the data folder and in temp",
    async () => {
      vi.doMock('electron', () => ({ app: {}, dialog: {} }));
      const { writeStartupLog } = await import('../../../src-main/electron/startupFailure');
      const dataDir = tempDir('desk-modes-startup-');
      const file = writeStartupLog(new Error('boom'), dataDir, tempDir('desk-modes-tmp-'));
      expect(file).toBe(join(dataDir, 'logs', 'main.log'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dataDir, 'logs')).mode & 0o777).toBe(0o700);
      // A data folder that is a file: the log goes to temp, private too.
      const notADir = join(tempDir('desk-modes-file-'), 'data');
      writeFileSync(notADir, '');
      const tmp = tempDir('desk-modes-tmp2-');
      const fallback = writeStartupLog(new Error('boom'), notADir, tmp);
      expect(fallback).toBe(join(tmp, 'choice-seller-desk', 'startup-error.log'));
      expect(statSync(fallback).mode & 0o777).toBe(0o600);
      expect(statSync(join(tmp, 'choice-seller-desk')).mode & 0o777).toBe(0o700);
      vi.doUnmock('electron');
    },
  );

  it('tightens a folder an older version left 0755 with 0644 files', async () => {
    const dataDir = tempDir('desk-modes-old-');
    const first = createApp({ dataDir, host: 'cli' });
    await useIt(first);
    await first.close();
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    for (const f of walk(dataDir)) chmodSync(f.path, f.dir ? 0o755 : 0o644);
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'settings.json'), readFileSync(join(dataDir, 'settings.json')), { mode: 0o644 });
    // A connection check's sample left world-readable by an older version.
    mkdirSync(join(dataDir, 'support'), { mode: 0o755 });
    chmodSync(join(dataDir, 'support'), 0o755);
    writeFileSync(join(dataDir, 'support', 'probe-old.json'), '{}', { mode: 0o644 });

    const again = createApp({ dataDir, host: 'cli' });
    try {
      await useIt(again);
      expectPrivate(dataDir);
    } finally {
      await again.close();
    }
  });
});
