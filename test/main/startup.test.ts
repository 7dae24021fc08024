/**
 * A start-up that cannot finish must say so: one bilingual dialog naming the log file, then the
 * process ends. Before, an error inside whenReady() left a process with no window, no tray and no
 * message, and every later launch only "focused" it.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootMain, removeDir, ROOT, tempDir } from './harness';

const TITLE = '全托管卖家助手无法启动 / Choice Seller Desk could not start';

async function failedStart(opts: Parameters<typeof bootMain>[0]) {
  const main = bootMain(opts);
  const { code, record, output } = await main.exited;
  expect(record, output).not.toBeNull();
  return { code, record: record!, output };
}

/** A copy of the built app whose better-sqlite3 binary is damaged (as a wrong-ABI or cut-off file would be). */
function layoutWithBrokenSqlite(root: string, opts: { renderer?: boolean } = {}): string {
  for (const part of ['main', 'preload', ...(opts.renderer === false ? [] : ['renderer'])])
    cpSync(join(ROOT, 'out', part), join(root, 'out', part), { recursive: true });
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'lib'), join(sqlite, 'lib'), { recursive: true });
  cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), join(sqlite, 'package.json'));
  mkdirSync(join(sqlite, 'prebuilds'));
  writeFileSync(join(sqlite, 'prebuilds', `${process.platform}-${process.arch}.node`), 'not a shared library');
  cpSync(join(ROOT, 'build'), join(root, 'build'), { recursive: true });
  return join(root, 'out', 'main', 'index.js');
}

describe('start-up that cannot finish', () => {
  it('refuses a database from a newer version with a dialog in Chinese and English naming the log, quits, and leaves the file alone', async () => {
    const root = tempDir('desk-newer-');
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    const db = new Database(join(dataDir, 'desk.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    const { code, record } = await failedStart({ dataDir });
    expect(code).toBe(1);
    expect(record.windows).toEqual([]);
    expect(record.tray).toBeNull();
    expect(record.dialogs).toHaveLength(1);
    const [box] = record.dialogs;
    if (!box) throw new Error('no dialog was shown');
    expect(box.title).toBe(TITLE);
    expect(box.content).toContain('数据库由更新版本的程序创建');
    expect(box.content).toContain('written by a newer version of the app');
    const log = join(dataDir, 'logs', 'main.log');
    expect(box.content).toContain(`日志文件 / Log file: ${log}`);
    expect(readFileSync(log, 'utf8')).toMatch(/start-up failed .*DB_NEWER|start-up failed .*newer version/);
    const after = new Database(join(dataDir, 'desk.sqlite'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
    removeDir(root);
  });

  it('says the database cannot be opened when desk.sqlite is not a database', async () => {
    const root = tempDir('desk-notadb-');
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'desk.sqlite'), 'this file was overwritten by something else '.repeat(200));
    const { code, record } = await failedStart({ dataDir });
    expect(code).toBe(1);
    expect(record.windows).toEqual([]);
    expect(record.dialogs.map((d) => d.title)).toEqual([TITLE]);
    expect(record.dialogs[0]!.content).toContain(`数据库无法打开（SQLITE_NOTADB）：${join(dataDir, 'desk.sqlite')}`);
    expect(record.dialogs[0]!.content).toContain('The database cannot be opened (SQLITE_NOTADB)');
    expect(record.dialogs[0]!.content).toContain(join(dataDir, 'logs', 'main.log'));
    removeDir(root);
  });

  it('says the data folder cannot be written, with the log kept in the temp folder instead', async () => {
    const root = tempDir('desk-nowrite-');
    writeFileSync(join(root, 'a-file'), 'in the way');
    const dataDir = join(root, 'a-file', 'data');
    const temp = join(root, 'tmp');
    mkdirSync(temp);
    const { code, record } = await failedStart({ dataDir, env: { TMPDIR: temp } });
    expect(code).toBe(1);
    expect(record.windows).toEqual([]);
    const content = record.dialogs[0]?.content ?? '';
    expect(record.dialogs[0]?.title).toBe(TITLE);
    expect(content).toContain(`数据文件夹无法写入：${dataDir}`);
    expect(content).toContain(`The data folder cannot be written: ${dataDir}`);
    const log = join(temp, 'choice-seller-desk', 'startup-error.log');
    expect(content).toContain(`日志文件 / Log file: ${log}`);
    expect(readFileSync(log, 'utf8')).toContain('ENOTDIR');
    removeDir(root);
  });

  it('says the installation is broken when the SQLite binary cannot load, instead of hanging', async () => {
    const root = tempDir('desk-badsqlite-');
    const main = layoutWithBrokenSqlite(root);
    const { code, record } = await failedStart({
      main,
      dataDir: join(root, 'data'),
      cwd: root,
      env: { NODE_PATH: join(ROOT, 'node_modules') },
    });
    expect(code).toBe(1);
    expect(record.nativeModules).toEqual([
      join(root, 'node_modules', 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`),
    ]);
    expect(record.windows).toEqual([]);
    expect(record.dialogs[0]?.content).toContain('程序的数据库组件无法加载');
    expect(record.dialogs[0]?.content).toContain('Reinstall Choice Seller Desk');
    removeDir(root);
  });

  it('says the installation is incomplete when the window has no page to load', async () => {
    const root = tempDir('desk-nopage-');
    const main = layoutWithBrokenSqlite(root, { renderer: false });
    // The real binary this time: only the renderer is missing.
    cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds'), join(root, 'node_modules', 'better-sqlite3', 'prebuilds'), {
      recursive: true,
    });
    const { code, record } = await failedStart({
      main,
      dataDir: join(root, 'data'),
      cwd: root,
      env: { NODE_PATH: join(ROOT, 'node_modules') },
    });
    expect(code).toBe(1);
    expect(record.windows.map((w) => w.shown)).toEqual([false]);
    expect(record.dialogs.map((d) => d.title)).toEqual([TITLE]);
    expect(record.dialogs[0]!.content).toContain('程序界面无法加载');
    expect(existsSync(join(root, 'data', 'logs', 'main.log'))).toBe(true);
    removeDir(root);
  });
  it('says the window did not appear when the page never paints, instead of leaving an invisible process', async () => {
    const root = tempDir('desk-noshow-');
    const { code, record } = await failedStart({
      dataDir: join(root, 'data'),
      env: { STANDIN_NO_READY_TO_SHOW: '1', DESK_SHOW_TIMEOUT_MS: '1500' },
    });
    expect(code).toBe(1);
    expect(record.windows.map((w) => w.shown)).toEqual([false]);
    expect(record.dialogs.map((d) => d.title)).toEqual([TITLE]);
    expect(record.dialogs[0]!.content).toContain('程序窗口没能显示出来');
    expect(record.dialogs[0]!.content).toContain('did not appear within 2 s');
    expect(record.dialogs[0]!.content).toContain(join(root, 'data', 'logs', 'main.log'));
    removeDir(root);
  });

  it('says so when the page’s process crashes while loading', async () => {
    const root = tempDir('desk-gone-');
    const { code, record } = await failedStart({ dataDir: join(root, 'data'), env: { STANDIN_RENDERER_GONE: '1' } });
    expect(code).toBe(1);
    expect(record.dialogs.map((d) => d.title)).toEqual([TITLE]);
    expect(record.dialogs[0]!.content).toContain('crashed');
    removeDir(root);
  });
});
