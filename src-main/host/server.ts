/**
 * The web host: the same core and contract over HTTP, on 127.0.0.1 only. A random per-run token
 * opens a session (HttpOnly, SameSite=Strict cookie); POST /api/<channel> calls a channel, GET
 * /events streams the pushes, everything else is the built renderer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { EVENTS } from '../../src-shared/contract';
import { dispatch } from '../core/dispatch';
import { createHandlers } from '../core/api';
import type { App } from '../core/app';
import type { ErrorPayload } from '../../src-shared/errors';
import { CSP } from '../../src-shared/csp';

/** frame-ancestors only works as a header, so the host adds it to the shared policy. */
const HOST_CSP = `${CSP}; frame-ancestors 'none'`;

/** A body bigger than this is refused: imports send files as base64, so allow a large export. */
const MAX_BODY = 200 * 1024 * 1024;

export interface WebHost {
  url: string;
  /** The URL to open: it carries the per-run token once, then the cookie does. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, error: ErrorPayload): void {
  sendJson(res, status, { ok: false, error });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebHost(app: App, opts: { rendererDir: string; port?: number; token?: string }): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const cookieName = 'desk_session';
  const handlers = createHandlers(app);
  const serveStatic = sirv(opts.rendererDir, { single: true, dev: false, etag: true });
  let port = 0;

  const authed = (req: IncomingMessage) => {
    const c = cookie(req, cookieName);
    return c !== undefined && sameToken(c, token);
  };
  // Only our own address: a page on another site that resolves to 127.0.0.1 (DNS rebinding) is refused.
  const hostOk = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;

  const server = createServer((req, res) => {
    void (async () => {
      res.setHeader('Content-Security-Policy', HOST_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
      res.setHeader('X-Frame-Options', 'DENY');
      if (!hostOk(req)) return fail(res, 403, { code: 'FORBIDDEN', message: '拒绝访问。', messageEn: 'Forbidden.' });
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      // Opening the printed link exchanges the token for a session cookie and drops it from the address bar.
      const given = url.searchParams.get('token');
      if (given !== null) {
        if (!sameToken(given, token)) {
          return fail(res, 403, {
            code: 'FORBIDDEN',
            message: '访问链接无效或已过期。请使用程序启动时显示的链接。',
            messageEn: 'This link is not valid. Use the link printed when the app started.',
          });
        }
        res.writeHead(302, {
          'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: '/',
        });
        return res.end();
      }
      if (!authed(req)) {
        return fail(res, 401, {
          code: 'FORBIDDEN',
          message: '请使用程序启动时显示的完整链接打开助手（链接中带有访问令牌）。',
          messageEn: 'Open the app with the full link printed at start-up (it carries the access token).',
        });
      }

      if (url.pathname.startsWith('/api/')) {
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        if (req.method !== 'POST' || req.headers['x-desk'] !== '1') {
          return fail(res, 405, { code: 'FORBIDDEN', message: '请求方式不正确。', messageEn: 'Wrong request method.' });
        }
        let input: unknown;
        try {
          const text = await readBody(req);
          input = text ? JSON.parse(text) : {};
        } catch {
          return fail(res, 400, {
            code: 'BAD_INPUT',
            message: '请求内容不是有效的 JSON，或超过大小上限。',
            messageEn: 'The request body is not valid JSON, or is too large.',
          });
        }
        const result = await dispatch(handlers, channel, input, app.log);
        return sendJson(res, 200, result);
      }

      if (url.pathname === '/events') {
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        const offs = EVENTS.map((e) =>
          app.events.on(e, (payload) => res.write(`event: ${e}\ndata: ${JSON.stringify(payload)}\n\n`)),
        );
        const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
        req.on('close', () => {
          clearInterval(ping);
          for (const off of offs) off();
        });
        return;
      }

      serveStatic(req, res, () => fail(res, 404, { code: 'NOT_FOUND', message: '页面不存在。', messageEn: 'Not found.' }));
    })().catch((err: unknown) => {
      app.log.error('web host request failed', { error: String(err) });
      if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: '内部错误。', messageEn: 'Internal error.' });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
