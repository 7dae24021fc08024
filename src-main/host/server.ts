/**
 * The web host: the same core and contract over HTTP, on 127.0.0.1 only. The launch link carries a
 * random token that works once: opening it exchanges it for a random session secret, handed to the
 * page in the redirect's fragment (never sent to a server, never a cookie). The page keeps it in
 * sessionStorage (a reload keeps working) and sends it as `X-Desk-Session` on every channel call and
 * on its event stream (read with fetch, so it can carry the header). No cookie is set or read: a
 * browser gives nothing ambient to a listener on another 127.0.0.1 port. A second opening of the
 * link gets a page saying it was used; the host prints a fresh link on Enter (or restart it).
 * POST /api/<channel> calls a channel, GET /events streams the pushes, everything else is the built
 * renderer (public code: it holds no data, and shows "open the link" without a session).
 *
 * Other local processes are the threat: every request must name our Host, every API call must come
 * from our own origin (Origin, Sec-Fetch-Site), bodies are small except on the upload channels
 * (which have their own limit and go one at a time), and connections are capped.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { EVENTS } from '../../src-shared/events';
import type { App } from '../core/app';
import type { ErrorPayload, Result } from '../../src-shared/errors';
import type { AppSettings } from '../../src-shared/types/app';
import { CSP } from '../../src-shared/csp';
import {
  UPLOAD_BODY_MAX_BYTES,
  UPLOAD_CHANNELS as UPLOAD_CHANNEL_LIST,
  uploadTooLarge,
  type UploadChannel,
} from '../../src-shared/uploads';
import { markFirstRun, readFirstRunWelcome, sendFirstRunPage } from './firstRunPage';

/** frame-ancestors only works as a header, so the host adds it to the shared policy. */
const HOST_CSP = `${CSP}; frame-ancestors 'none'`;

/** The channels that carry a file as base64 (imports): their own, larger limit, one at a time. */
export const UPLOAD_CHANNELS: ReadonlySet<string> = new Set(UPLOAD_CHANNEL_LIST);

/** What the host accepts at most: a browser on the seller's own machine needs no more. */
export const HOST_LIMITS = {
  /** A channel call's body: the largest non-file input (a disposal plan of 5000 SKUs) is far smaller. */
  bodyBytes: 2 * 1024 * 1024,
  /** A call on one of the UPLOAD_CHANNELS: the largest file any of them takes, as base64, and the JSON around it. */
  uploadBytes: UPLOAD_BODY_MAX_BYTES,
  /** Sessions kept per run (a browser restart or a second browser opens one more). */
  sessions: 20,
  /** Enough for a few tabs (each browser keeps about six connections and one event stream). */
  connections: 64,
} as const;

export interface WebHost {
  url: string;
  /** The URL to open: it carries a launch token that can be exchanged once. */
  openUrl: string;
  token: string;
  port: number;
  /** A fresh launch link (a new single-use token), for a seller who closed the page. */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The header the page sends its session secret in. */
export const SESSION_HEADER = 'x-desk-session';

function usedLinkPage(res: ServerResponse): void {
  res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>链接已使用 / Link already used</title>
<body><h1>这个链接已经用过了</h1>
<p>每个启动链接只能打开一次，打开后助手页面会一直可用（包括刷新）。如果已关闭页面，请在运行 <code>npm run start:web</code> 的窗口里按回车获取新链接，或重新启动它。</p>
<h1>This link was already used</h1>
<p>Each launch link opens the app once; the page it opened keeps working, reloads included. If you closed that page, press Enter in the window running <code>npm run start:web</code> for a new link, or start it again.</p>
</body></html>`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, error: ErrorPayload): void {
  sendJson(res, status, { ok: false, error });
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // A declared length over the limit is refused before a byte is read.
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        reject(new TooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const mb = (n: number) => Math.round(n / 1024 / 1024);

/** The core behind the channels: the app, its handlers and the dispatcher (with the zod schemas). */
interface Core {
  app: App;
  handlers: ReturnType<typeof import('../core/api').createHandlers>;
  dispatch: typeof import('../core/dispatch').dispatch;
}

/** The built page, read once: the host serves it marked on a first run, and learns its first screen's assets from it. */
function readIndexHtml(rendererDir: string): string | undefined {
  try {
    return readFileSync(join(rendererDir, 'index.html'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The assets index.html loads before the page runs (its script, modulepreloads and stylesheet), as
 * request paths: once the browser has them all, the host has nothing to serve until the page calls.
 */
function firstScreenAssets(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:src|href)="\.?\/?(assets\/[^"?#]+)"/g)].map((m) => `/${m[1]}`));
}

/** A lazily opened core is opened at the latest this long after the host listens (its schedule runs with no page open). */
export const OPEN_CORE_AFTER_MS = 1500;

/**
 * `app`: the open core, or a function opening it. Given a function, the host listens (and prints its
 * link) first and opens the core, which takes most of a start (the database, the services, the
 * schemas), while the browser runs the page: once the first screen's assets are sent, at the page's
 * first call, or OPEN_CORE_AFTER_MS after listening, whichever comes first. Channel calls and the
 * event stream wait for it. Opening it blocks this process, so it waits for the assets, not before.
 *
 * `settings`: the settings read from their file without the core. On a first run the first screen
 * (Welcome) needs nothing else: the page the host serves then says so (firstRunPage.ts), so Welcome
 * is drawn as the entry runs, and with a lazy core the host answers the page's first `settings.get`
 * from the file. The core then opens at the first call that needs it (the seller's choice on
 * Welcome) or OPEN_CORE_AFTER_MS after listening, not with the assets: opening it is a CPU-bound
 * half second or more on a busy 2-core machine, which would slow the browser painting Welcome.
 */
export async function startWebHost(
  app: App | (() => Promise<App>),
  opts: { rendererDir: string; port?: number; token?: string; settings?: () => AppSettings },
): Promise<WebHost> {
  /** Launch tokens not yet exchanged (the first from the options or random, more on request). */
  const launchTokens = new Set<string>();
  /** Tokens already exchanged: opening them again gets the "link used" page, not the generic refusal. */
  const usedTokens = new Set<string>();
  const token = opts.token ?? randomBytes(24).toString('hex');
  launchTokens.add(token);
  let core: Promise<Core> | undefined;
  const openCore = (): Promise<Core> =>
    (core ??= (async () => {
      const opened = typeof app === 'function' ? await app() : app;
      const [{ dispatch }, { createHandlers }] = await Promise.all([import('../core/dispatch'), import('../core/api')]);
      return { app: opened, handlers: createHandlers(opened), dispatch };
    })());
  const indexHtml = readIndexHtml(opts.rendererDir);
  const welcome = indexHtml && opts.settings ? readFirstRunWelcome(opts.rendererDir, indexHtml) : undefined;
  /** The first screen's assets not yet asked for, and those being sent: the core opens once both are none (lazy core only). */
  const firstScreen = typeof app === 'function' && indexHtml ? firstScreenAssets(indexHtml) : new Set<string>();
  /** A first run's settings, until the page has asked for them once (lazy core only). */
  let firstRunSettings = typeof app === 'function' ? opts.settings : undefined;
  if (firstRunSettings?.().firstRunDone) firstRunSettings = undefined;
  /** Not on a first run: there the core waits for a call or the timer (see above). */
  const openWithAssets = !firstRunSettings;
  let sending = 0;
  let openTimer: NodeJS.Timeout | undefined;
  const openSoon = () => {
    clearTimeout(openTimer);
    // setImmediate: the responses just finished leave the socket before the opening blocks.
    if (!core) setImmediate(() => void openCore().catch(() => undefined));
  };
  if (typeof app !== 'function') void openCore().catch(() => undefined);
  const serveStatic = sirv(opts.rendererDir, {
    single: true,
    dev: false,
    etag: true,
    // The build writes a .br and a .gz beside each text asset (electron.vite.config.ts): the browser
    // gets the one it accepts, with its Content-Encoding and `Vary: Accept-Encoding`.
    brotli: true,
    gzip: true,
    // Everything under assets/ is named by its content's hash, so a browser keeps it for good and a
    // reload asks for nothing but the page; the page itself (index.html) is checked each time.
    setHeaders: (res, pathname) =>
      res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  let port = 0;
  /** Session secrets handed out this run; a launch token is never one of them. */
  const sessions = new Set<string>();
  let uploading = false;

  const authed = (req: IncomingMessage) => {
    const h = req.headers[SESSION_HEADER];
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h)) return false;
    for (const s of sessions) if (sameToken(h, s)) return true;
    return false;
  };
  // Only our own address: a page on another site that resolves to 127.0.0.1 (DNS rebinding) is refused.
  const hostOk = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  /**
   * Called from our own page: a browser names the page's origin (Origin on a POST, Sec-Fetch-Site on
   * every request); a page on another port or site is refused even when it holds a session secret.
   * `needOrigin`: channel calls are POSTs, for which browsers always send Origin.
   */
  const sameOrigin = (req: IncomingMessage, needOrigin: boolean) => {
    const origin = req.headers.origin;
    if (origin === undefined ? needOrigin : origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return false;
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  };
  const foreign: ErrorPayload = {
    code: 'FORBIDDEN',
    message: '拒绝访问：这个请求不是从助手自己的页面发出的。',
    messageEn: 'Forbidden: this request did not come from the app’s own page.',
  };

  const server = createServer((req, res) => {
    void (async () => {
      res.setHeader('Content-Security-Policy', HOST_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Frame-Options', 'DENY');
      if (!hostOk(req)) return fail(res, 403, { code: 'FORBIDDEN', message: '拒绝访问。', messageEn: 'Forbidden.' });
      let url: URL;
      let path: string;
      try {
        url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        path = decodeURIComponent(url.pathname);
      } catch {
        return fail(res, 400, { code: 'BAD_INPUT', message: '请求地址格式不正确。', messageEn: 'The request path is malformed.' });
      }

      // Opening the printed link exchanges its token, once, for a session secret, handed over in the
      // fragment of the redirect (the page moves it to sessionStorage and clears the address bar).
      const given = url.searchParams.get('token');
      if (given !== null) {
        const match = [...launchTokens].find((t) => sameToken(given, t));
        if (match === undefined) {
          if ([...usedTokens].some((t) => sameToken(given, t))) return usedLinkPage(res);
          return fail(res, 403, {
            code: 'FORBIDDEN',
            message: '访问链接无效或已过期。请使用程序启动时显示的链接。',
            messageEn: 'This link is not valid. Use the link printed when the app started.',
          });
        }
        launchTokens.delete(match);
        usedTokens.add(match);
        const session = randomBytes(32).toString('hex');
        sessions.add(session);
        // The oldest sessions go once there are more than a person uses (each new link opens one).
        for (const old of sessions) if (sessions.size > HOST_LIMITS.sessions) sessions.delete(old);
        res.writeHead(302, { 'Cache-Control': 'no-store', Location: `/#desk-session=${session}` });
        return res.end();
      }

      const needsSession = path.startsWith('/api/') || path === '/events';
      if (needsSession && !authed(req)) {
        return fail(res, 401, {
          code: 'FORBIDDEN',
          message: '请使用程序启动时显示的完整链接打开助手（链接中带有访问令牌）。',
          messageEn: 'Open the app with the full link printed at start-up (it carries the access token).',
        });
      }

      if (path.startsWith('/api/')) {
        const channel = path.slice('/api/'.length);
        if (req.method !== 'POST') {
          return fail(res, 405, { code: 'FORBIDDEN', message: '请求方式不正确。', messageEn: 'Wrong request method.' });
        }
        if (!sameOrigin(req, true)) return fail(res, 403, foreign);
        const upload = UPLOAD_CHANNELS.has(channel);
        if (upload && uploading) {
          return fail(res, 503, {
            code: 'TRANSIENT',
            message: '正在导入另一个文件，请等它完成后再导入。',
            messageEn: 'Another file is being imported; wait for it to finish, then import again.',
          });
        }
        const limit = upload ? HOST_LIMITS.uploadBytes : HOST_LIMITS.bodyBytes;
        if (upload) uploading = true;
        try {
          let input: unknown;
          try {
            const text = await readBody(req, limit);
            input = text ? JSON.parse(text) : {};
          } catch (err) {
            if (err instanceof TooLarge) {
              res.setHeader('Connection', 'close');
              // An upload says what its channel's schema says of a file over its limit (Electron's path).
              const tooLarge = upload ? uploadTooLarge(channel as UploadChannel) : null;
              return fail(res, 413, {
                code: 'BAD_INPUT',
                message: tooLarge ? tooLarge.zh : `请求内容超过 ${mb(limit)} MB 的上限。`,
                messageEn: tooLarge ? tooLarge.en : `The request body is over the ${mb(limit)} MB limit.`,
              });
            }
            return fail(res, 400, {
              code: 'BAD_INPUT',
              message: '请求内容不是有效的 JSON。',
              messageEn: 'The request body is not valid JSON.',
            });
          }
          if (channel === 'settings.get' && firstRunSettings && !core) {
            const data = firstRunSettings();
            firstRunSettings = undefined;
            return sendJson(res, 200, { ok: true, data } satisfies Result<AppSettings>);
          }
          const c = await openCore();
          const result = await c.dispatch(c.handlers, channel, input, c.app.log);
          return sendJson(res, 200, result);
        } finally {
          if (upload) uploading = false;
        }
      }

      if (path === '/events') {
        if (!sameOrigin(req, false)) return fail(res, 403, foreign);
        const { app: opened } = await openCore();
        if (req.destroyed) return;
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        const offs = EVENTS.map((e) => opened.events.on(e, (payload) => res.write(`event: ${e}\ndata: ${JSON.stringify(payload)}\n\n`)));
        const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
        req.on('close', () => {
          clearInterval(ping);
          for (const off of offs) off();
        });
        return;
      }

      if ((path === '/' || path === '/index.html') && (req.method === 'GET' || req.method === 'HEAD') && indexHtml && opts.settings) {
        const settings = opts.settings();
        if (!settings.firstRunDone) return sendFirstRunPage(res, markFirstRun(indexHtml, settings, welcome), req.method === 'HEAD');
      }

      if (firstScreen.delete(path)) {
        sending++;
        // Only when the last of them is sent: opening the core sooner would hold the others back.
        res.on('close', () => {
          if (--sending === 0 && firstScreen.size === 0 && openWithAssets) openSoon();
        });
      }
      serveStatic(req, res, () => fail(res, 404, { code: 'NOT_FOUND', message: '页面不存在。', messageEn: 'Not found.' }));
    })().catch((err: unknown) => {
      // The app's log once the core is open; before (or if it failed to open), the console.
      void (core ?? Promise.reject(new Error('core not open'))).then(
        (c) => c.app.log.error('web host request failed', { error: String(err) }),
        () => process.stderr.write(`web host request failed: ${String(err)}\n`),
      );
      if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: '内部错误。', messageEn: 'Internal error.' });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  server.maxConnections = HOST_LIMITS.connections;
  if (!core) openTimer = setTimeout(openSoon, OPEN_CORE_AFTER_MS);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    port,
    newLaunchUrl: () => {
      const t = randomBytes(24).toString('hex');
      launchTokens.add(t);
      return `${url}?token=${t}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(openTimer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
