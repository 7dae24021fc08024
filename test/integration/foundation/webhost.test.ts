import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/core/app';
import { startWebHost, type WebHost } from '../../../src-main/host/server';
import { tempDir } from '../../helpers/tempApp';
import type { AppSettings } from '../../../src-shared/types/app';
import { FIRST_RUN_WELCOME_FILE } from '../../../src-shared/firstRunMeta';

let app: App;
let host: WebHost;
let cookie = '';

function call(path: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: { 'x-desk-session': cookie, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
// What the page's fetch sends: our own Origin on every POST.
const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
  call(`/api/${channel}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${host.port}`, ...headers },
  });

beforeAll(async () => {
  const renderer = tempDir();
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  // A hashed asset with the brotli and gzip twins the build writes beside it.
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'assets/index-abc123.js'), 'plain');
  writeFileSync(join(renderer, 'assets/index-abc123.js.br'), 'brotli');
  writeFileSync(join(renderer, 'assets/index-abc123.js.gz'), 'gzip');
  app = createApp({ dataDir: tempDir(), host: 'web' });
  host = await startWebHost(app, { rendererDir: renderer });
  const opened = await call(`/?token=${host.token}`);
  expect(opened.status).toBe(302);
  cookie = /#desk-session=([0-9a-f]{64})$/.exec(String(opened.headers.location))![1]!;
});
afterAll(async () => {
  await host.close();
  await app.close();
});

describe('web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the pre-compressed asset the browser accepts, hashed assets for good and the page revalidated', async () => {
    const br = await call('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br).toMatchObject({ status: 200, body: 'brotli' });
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding' });
    expect(String(br.headers['content-type'])).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await call('/assets/index-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz).toMatchObject({ status: 200, body: 'gzip', headers: { 'content-encoding': 'gzip' } });
    const plain = await call('/assets/index-abc123.js');
    expect(plain).toMatchObject({ status: 200, body: 'plain' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('serves a channel with the session header and sends the strict CSP', async () => {
    const r = await post('app.info', '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { host: 'web' } });
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('answers broken JSON and wrong input with typed errors, and keeps serving', async () => {
    expect(JSON.parse((await post('notices.list', '{oops')).body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.parse((await post('notices.list', '{"limit":-1}')).body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(JSON.parse((await post('nope.nothing', '{}')).body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect((await post('app.info', '{}')).status).toBe(200);
  });

  it('refuses requests without the token, a wrong token, a foreign Host header or a plain form post', async () => {
    const saved = cookie;
    cookie = '';
    expect((await post('app.info', '{}')).status).toBe(401);
    expect((await call('/?token=wrong')).status).toBe(403);
    cookie = saved;
    expect((await call('/', { headers: { Host: 'evil.example:80' } })).status).toBe(403);
    // A plain form post carries no session header; a GET is the wrong method.
    expect((await post('app.info', '{}', { 'x-desk-session': '' })).status).toBe(401);
    expect((await call('/api/app.info')).status).toBe(405);
  });

  it('streams pushed events to the page', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/events', headers: { 'x-desk-session': cookie } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('connected') && !text.includes('event: notice'))
            app.notices.add('warning', { title: '库存同步失败' }, { title: 'Stock sync failed' });
          if (text.includes('库存同步失败')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(got).toContain('event: notice');
  });
});

describe('web host opening its core lazily', () => {
  /** A host over a lazily opened core and a two-asset first screen; `opens` counts the core's openings. */
  async function lazyHost(settings?: () => AppSettings, firstRunWelcome?: unknown, preload = '') {
    const renderer = tempDir();
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(
      join(renderer, 'index.html'),
      `<!doctype html><head><script type="module" crossorigin src="./assets/index-a1.js"></script>${preload}<link rel="stylesheet" crossorigin href="./assets/index-b2.css"></head><body><div id="root"></div></body>`,
    );
    writeFileSync(join(renderer, 'assets/index-a1.js'), 'js');
    writeFileSync(join(renderer, 'assets/index-b2.css'), 'css');
    if (firstRunWelcome) writeFileSync(join(renderer, FIRST_RUN_WELCOME_FILE), JSON.stringify(firstRunWelcome));
    const state = { opens: 0, app: undefined as App | undefined };
    const lazy = await startWebHost(
      () => {
        state.opens++;
        state.app = createApp({ dataDir: tempDir(), host: 'web' });
        return Promise.resolve(state.app);
      },
      { rendererDir: renderer, settings },
    );
    const get = (path: string, headers: Record<string, string> = {}, method = 'GET', body?: string) =>
      new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: lazy.port, path, method, headers }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, location: res.headers.location }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const opened = await get(`/?token=${lazy.token}`);
    const session = /#desk-session=([0-9a-f]{64})$/.exec(String(opened.location))![1]!;
    const channel = (name: string) =>
      get(
        `/api/${name}`,
        { 'Content-Type': 'application/json', 'x-desk-session': session, Origin: `http://127.0.0.1:${lazy.port}` },
        'POST',
        '{}',
      );
    const close = async () => {
      await lazy.close();
      await state.app?.close();
    };
    return { state, get, channel, close };
  }
  const tick = () => new Promise((r) => setTimeout(r, 20));

  it('listens first and opens the core once the first screen’s assets are sent; channel calls wait for it', async () => {
    const { state, get, channel, close } = await lazyHost();
    try {
      expect((await get('/')).status).toBe(200);
      expect((await get('/assets/index-a1.js')).body).toBe('js');
      await tick();
      expect(state.opens).toBe(0);
      expect((await get('/assets/index-b2.css')).body).toBe('css');
      await tick();
      expect(state.opens).toBe(1);
      expect(JSON.parse((await channel('app.info')).body)).toMatchObject({ ok: true, data: { host: 'web' } });
      expect(state.opens).toBe(1);
    } finally {
      await close();
    }
  });

  it('on a first run answers the page’s first settings.get from the settings file, and opens the core at the seller’s first call', async () => {
    const fromFile: AppSettings = { language: 'en-US', firstRunDone: false, mode: 'demo', storeName: 'From the file' };
    const { state, get, channel, close } = await lazyHost(() => fromFile);
    try {
      await get('/assets/index-a1.js');
      await get('/assets/index-b2.css');
      await tick();
      // Welcome needs only the settings: the core waits for the page's calls.
      expect(state.opens).toBe(0);
      expect(JSON.parse((await channel('settings.get')).body)).toEqual({ ok: true, data: fromFile });
      await tick();
      // Nor does it open once they are answered: it would compete with the browser painting Welcome.
      expect(state.opens).toBe(0);
      // A choice on Welcome is a call the core answers.
      expect(JSON.parse((await channel('app.info')).body)).toMatchObject({ ok: true, data: { host: 'web' } });
      expect(state.opens).toBe(1);
      expect(JSON.parse((await channel('settings.get')).body)).toMatchObject({ ok: true, data: { language: 'zh-CN' } });
    } finally {
      await close();
    }
  });

  it('marks the page it serves on a first run, in the settings’ language, and serves the plain page once the seller has chosen', async () => {
    const fromFile: AppSettings = { language: 'en-US', firstRunDone: false, mode: 'demo', storeName: 'From the file' };
    const { get, close } = await lazyHost(() => fromFile);
    const mark = /<meta name="desk-first-run" content="([^"]*)"/;
    try {
      const first = await get('/');
      expect(first.status).toBe(200);
      expect(mark.exec(first.body)?.[1]).toBe('en-US');
      // The page says nothing else about the data folder.
      expect(first.body).not.toContain('From the file');
      // A language the page does not know (a file edited by hand) never reaches the page's markup.
      fromFile.language = '"><b>' as never;
      expect(mark.exec((await get('/index.html')).body)?.[1]).toBe('zh-CN');
      fromFile.firstRunDone = true;
      const after = await get('/');
      expect(after.status).toBe(200);
      expect(after.body).toContain('<div id="root">');
      expect(after.body).not.toMatch(mark);
    } finally {
      await close();
    }
  });

  it('on a first run serves Welcome as the build drew it, in the settings’ language, with the entry run after it; the plain page once chosen', async () => {
    const fromFile: AppSettings = { language: 'en-US', firstRunDone: false, mode: 'demo', storeName: 'From the file' };
    const preload = '\n    <link rel="modulepreload" crossorigin href="./assets/react-d4.js">';
    const { get, close } = await lazyHost(
      () => fromFile,
      {
        markup: { 'zh-CN': '<h2>欢迎使用</h2>', 'en-US': '<h2>Welcome $&</h2>' },
        entry: 'assets/index-a1.js',
        boot: 'assets/firstRunBoot-c3.js',
      },
      preload,
    );
    try {
      const first = (await get('/')).body;
      expect(first).toContain('<div id="root"><h2>Welcome $&</h2></div>');
      expect(first).toContain('<meta name="desk-first-run" content="en-US" />');
      // The boot script in the entry's place; neither the entry nor its imports are fetched with the
      // page (the boot script asks for them once Welcome is painted).
      expect(first).toContain('<script type="module" crossorigin src="./assets/firstRunBoot-c3.js"></script>');
      expect(first).not.toContain('modulepreload');
      expect(first).not.toContain('react-d4.js');
      expect(first).not.toContain('<script type="module" crossorigin src="./assets/index-a1.js">');
      // Its stylesheet comes in the page: Welcome paints without waiting for a second response.
      expect(first).toContain('<style>css</style>');
      expect(first).not.toContain('index-b2.css');
      fromFile.language = 'zh-CN';
      expect((await get('/')).body).toContain('<div id="root"><h2>欢迎使用</h2></div>');
      fromFile.firstRunDone = true;
      const after = (await get('/')).body;
      expect(after).toContain('<div id="root"></div>');
      expect(after).toContain('<script type="module" crossorigin src="./assets/index-a1.js"></script>');
      expect(after).toContain(preload);
      expect(after).not.toContain('firstRunBoot');
      expect(after).toContain('<link rel="stylesheet" crossorigin href="./assets/index-b2.css">');
    } finally {
      await close();
    }
  });

  it('serves the first run’s page without a drawn Welcome when the build’s parts do not fit its index.html', async () => {
    const fromFile: AppSettings = { language: 'zh-CN', firstRunDone: false, mode: 'demo', storeName: 's' };
    const markup = { 'zh-CN': '<h2>欢迎使用</h2>', 'en-US': '<h2>Welcome</h2>' };
    for (const stale of [{ markup, entry: 'assets/index-old.js', boot: 'assets/firstRunBoot-c3.js' }, { markup: { 'zh-CN': 'x' } }]) {
      const { get, close } = await lazyHost(() => fromFile, stale);
      try {
        const page = (await get('/')).body;
        expect(page).toContain('<meta name="desk-first-run" content="zh-CN" />');
        expect(page).toContain('<div id="root"></div>');
        expect(page).toContain('<script type="module" crossorigin src="./assets/index-a1.js"></script>');
      } finally {
        await close();
      }
    }
  });

  it('after the first run opens the core with the assets, as before', async () => {
    const { state, get, close } = await lazyHost(() => ({ language: 'zh-CN', firstRunDone: true, mode: 'demo', storeName: 's' }));
    try {
      await get('/assets/index-a1.js');
      await get('/assets/index-b2.css');
      await tick();
      expect(state.opens).toBe(1);
    } finally {
      await close();
    }
  });
});
