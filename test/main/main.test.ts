/**
 * The built main process, booted under Node with the recording stand-in for Electron: what a
 * seller's desktop app wires up when it starts, checked without a Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHANNELS } from '../../src-shared/contract';
import { CSP } from '../../src-shared/csp';
import { bootMain, removeDir, ROOT, tempDir, type Booted, type Recorded } from './harness';

const PAGE = 'app://desk/index.html';

describe('the desktop main process as built', () => {
  let main: Booted;
  let state: Recorded;
  beforeAll(async () => {
    main = bootMain();
    state = await main.shown();
  });
  afterAll(async () => {
    await main.stop();
    removeDir(dirname(main.dataDir));
  });

  it('registers one IPC handler for every contract channel, and nothing else', () => {
    const expected = CHANNELS.map((c) => `api:${c}`).sort();
    expect(Object.keys(state.ipc).sort()).toEqual(expected);
    expect(Object.values(state.ipc).every((n) => n === 1)).toBe(true);
    expect(state.ipcOn).toEqual({});
    expect(expected.length).toBeGreaterThan(100);
  });

  it('opens one hidden-until-painted window, sandboxed, isolated, without Node, with web security', () => {
    expect(state.windows).toHaveLength(1);
    const [win] = state.windows;
    if (!win) throw new Error('no window was opened');
    expect(win.options.show).toBe(false);
    expect(win.shown).toBe(true);
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win.options.webPreferences.preload).toBe(join(ROOT, 'out', 'preload', 'index.cjs'));
    expect(state.sandboxEnabled).toBe(true);
  });

  it('serves the page from app://desk (not file://) and only the renderer folder behind it', async () => {
    expect(state.windows[0]!.url).toBe(PAGE);
    expect(state.windows[0]!.loadedBytes).toBeGreaterThan(0);
    expect(state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(state.schemesRegisteredBeforeReady).toBe(true);
    const page = await main.request<{ status: number; type: string; csp: string; head: string }>('fetchApp', PAGE);
    expect(page).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CSP });
    expect(page.head).toContain('<!doctype html>');
    const asset = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'))![1];
    expect(await main.request('fetchApp', `app://desk/${asset}`)).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    for (const escape of [
      'app://desk/..%2f..%2fpackage.json',
      'app://desk/%2e%2e/%2e%2e/main/index.js',
      'app://other/index.html',
      'app://desk/..%5c..%5cpackage.json',
    ]) {
      expect(await main.request('fetchApp', escape), escape).toMatchObject({ status: 404 });
    }
  });

  it('sends the strict CSP on every response', async () => {
    expect(state.headersHandler).toBe(true);
    const headers = await main.request<Record<string, string[]>>('headers', PAGE);
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
  });

  it('keeps the window on the app: navigation away, new windows and webviews are refused', async () => {
    expect(await main.request('navigate', `${PAGE}#/stock`)).toEqual({ prevented: false });
    expect(await main.request('navigate', 'https://evil.example/')).toEqual({ prevented: true });
    expect(await main.request('navigate', 'file:///etc/passwd')).toEqual({ prevented: true });
    expect(await main.request('windowOpen', 'https://evil.example/')).toEqual({ handler: true, action: 'deny', openedExternally: [] });
    // An allow-listed link opens in the seller's own browser, still never in an app window.
    expect(await main.request('windowOpen', 'https://csp.aliexpress.com/')).toEqual({
      handler: true,
      action: 'deny',
      openedExternally: ['https://csp.aliexpress.com/'],
    });
    expect(await main.request('foreignContents', 'https://evil.example/')).toEqual({
      webviewPrevented: true,
      navigationPrevented: true,
      hasWindowOpenHandler: true,
    });
  });

  it('denies every permission a page asks for', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      expect(await main.request('permission', permission), permission).toEqual({ handler: true, granted: false, check: false });
    }
  });

  it('answers the app page and refuses a frame from anywhere else', async () => {
    const ok = await main.request<{ ok: boolean; data: { host: string; dbFile: string } }>('invoke', 'api:app.info', {}, `${PAGE}#/`);
    expect(ok.ok).toBe(true);
    expect(ok.data.host).toBe('electron');
    expect(ok.data.dbFile).toBe(join(main.dataDir, 'desk.sqlite'));
    for (const url of ['app://evil/index.html', 'https://csp.aliexpress.com/', 'file:///tmp/index.html', 'http://127.0.0.1:5173/']) {
      expect(await main.request('invoke', 'api:settings.set', { storeName: 'x' }, url), url).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求。', messageEn: 'Request from an unknown page refused.' },
      });
    }
    expect(await main.request('invoke', 'api:app.info', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The refused call changed nothing.
    const settings = await main.request<{ data: { storeName: string } }>('invoke', 'api:settings.get', {}, PAGE);
    expect(settings.data.storeName).not.toBe('x');
  });

  it('opens the database with better-sqlite3 13’s prebuilt Node-API binary, the file the package ships', () => {
    const sqlite = state.nativeModules.filter((f) => /better[-_]sqlite3/.test(f));
    expect(sqlite).toEqual([join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds', `${process.platform}-${process.arch}.node`)]);
  });

  it('puts the app in the tray with its icon, and keeps developer tools for development only', () => {
    expect(state.tray?.tooltip).toBe('全托管卖家助手');
    expect(state.tray?.image.exists).toBe(true);
    expect(state.tray?.menu?.at(0)).toBe('打开全托管卖家助手');
    expect(state.tray?.menu?.at(-1)).toBe('退出');
    expect(state.windows[0]!.options.webPreferences.devTools).toBe(true);
    expect(state.applicationMenu).toBe('default');
  });

  it('asks safeStorage only after ready and labels secrets encrypted where the OS keyring is there', async () => {
    expect(state.safeStorageCalls.length).toBeGreaterThan(0);
    expect(state.safeStorageCalls.every((c) => c.ready)).toBe(true);
    const status = await main.request<{ data: { secretStore: { location: string; encrypted: boolean } } }>(
      'invoke',
      'api:connect.status',
      {},
      PAGE,
    );
    expect(status.data.secretStore).toMatchObject({ location: join(main.dataDir, 'secrets.bin.json'), encrypted: true });
  });

  it('a second launch brings the one window forward instead of opening another', async () => {
    expect(await main.request('secondInstance', ['--data', main.dataDir])).toEqual({ windowsBefore: 1, windowsAfter: 1, visible: [true] });
  });
});

describe('the desktop main process under a packaged app', () => {
  it('ignores ELECTRON_RENDERER_URL, turns DevTools and the default menu off', async () => {
    const main = bootMain({ env: { STANDIN_PACKAGED: '1', ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/evil' } });
    try {
      const s = await main.shown();
      expect(s.windows[0]!.url).toBe(PAGE);
      expect(s.windows[0]!.options.webPreferences.devTools).toBe(false);
      expect(s.applicationMenu).toBeNull();
      expect(await main.request('invoke', 'api:app.info', {}, 'http://127.0.0.1:9/evil')).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    } finally {
      await main.stop();
      removeDir(dirname(main.dataDir));
    }
  });

  it('while developing, loads the dev server the build tool names', async () => {
    const main = bootMain({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    try {
      const s = await main.shown();
      expect(s.windows[0]!.url).toBe('http://localhost:5173/');
      expect(await main.request('invoke', 'api:app.info', {}, 'http://localhost:5173/#/')).toMatchObject({ ok: true });
    } finally {
      await main.stop();
      removeDir(dirname(main.dataDir));
    }
  });
});

describe('secrets on a machine without a real OS keyring', () => {
  type Status = { ok: boolean; data: { secretStore: { location: string; encrypted: boolean; protection: { zh: string; en: string } } } };
  const SECRET = 'tt-secret-7f3a9c';

  async function saveAndRead(env: Record<string, string>) {
    const main = bootMain({ env });
    try {
      await main.shown();
      const saved = await main.request<Status>('invoke', 'api:connect.saveTongtool', { appKey: 'tt-key-1234', appSecret: SECRET }, PAGE);
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      const file = saved.data.secretStore.location;
      return { store: saved.data.secretStore, file: readFileSync(file, 'utf8'), dataDir: main.dataDir };
    } finally {
      await main.stop();
      removeDir(dirname(main.dataDir));
    }
  }

  it('with a keyring, keeps only ciphertext on disk and says encrypted', async () => {
    const { store, file, dataDir } = await saveAndRead({});
    expect(store).toMatchObject({ location: join(dataDir, 'secrets.bin.json'), encrypted: true });
    expect(store.protection.zh).toContain('系统加密');
    expect(file).not.toContain(SECRET);
  });

  it('with Chromium’s basic_text fallback, tells the seller the secrets are not encrypted', async () => {
    const { store, file, dataDir } = await saveAndRead({ STANDIN_BACKEND: 'basic_text' });
    expect(store).toMatchObject({ location: join(dataDir, 'secrets.bin.json'), encrypted: false });
    // What the connection screen shows under the 未加密 tag: the reason and what to do, in both languages.
    expect(store.protection.zh).toContain('basic_text');
    expect(store.protection.zh).toContain('并未真正加密');
    expect(store.protection.en).toContain('not encrypted');
    expect(JSON.parse(file).note).toContain('并未真正加密');
    expect(JSON.parse(file).note).toContain('not encrypted');
  });

  it('with no encryption at all, still saves (in a file of its own) and says not encrypted', async () => {
    const { store, file, dataDir } = await saveAndRead({ STANDIN_SAFE_STORAGE: 'unavailable' });
    expect(store).toMatchObject({ location: join(dataDir, 'secrets.plain.json'), encrypted: false });
    expect(store.protection.zh).toContain('系统加密不可用');
    expect(JSON.parse(file).note).toContain('系统加密不可用');
  });
});

describe('a second copy of the app', () => {
  it('launched while the first is still starting, leaves it to open its one window', async () => {
    const main = bootMain({ env: { STANDIN_SECOND_INSTANCE_EARLY: '1' } });
    try {
      const s = await main.shown();
      expect(s.windows).toHaveLength(1);
      expect(s.dialogs).toEqual([]);
    } finally {
      await main.stop();
      removeDir(dirname(main.dataDir));
    }
  });

  it('quits at once when the first holds the single-instance lock, touching no data', async () => {
    const root = tempDir('desk-second-');
    const main = bootMain({ dataDir: join(root, 'data'), env: { STANDIN_LOCK_TAKEN: '1' } });
    const { code, record } = await main.exited;
    expect(code).toBe(0);
    expect(record?.singleInstanceLockAsked).toBe(true);
    expect(record?.quit).toBe('before ready');
    expect(record?.windows).toEqual([]);
    expect(record?.tray).toBeNull();
    expect(record?.nativeModules).toEqual([]);
    expect(record?.dialogs).toEqual([]);
    removeDir(root);
  });
});
