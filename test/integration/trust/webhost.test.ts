/**
 * A web host no other local process can use: the launch token is not a session, the session cookie
 * is refused from any other origin, bodies are bounded (uploads on their own limit, one at a time),
 * connections are capped, malformed paths are 400, and through it all app.info keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/core/app';
import { startWebHost, MAX_BODY, MAX_CONNECTIONS, MAX_SESSIONS, type WebHost } from '../../../src-main/host/server';
import { tempDir } from '../../helpers/tempApp';

let app: App;
let host: WebHost;
let cookie = '';
let setCookie = '';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}

function call(path: string, opts: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const own = () => `http://127.0.0.1:${host.port}`;
const api = (channel: string, body: string, headers: Record<string, string> = {}) =>
  call(`/api/${channel}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Desk': '1', Cookie: cookie, Origin: own(), 'Sec-Fetch-Site': 'same-origin', ...headers } });
const info = async () => JSON.parse((await api('app.info', '{}')).body) as { ok: boolean };

beforeAll(async () => {
  const renderer = tempDir();
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  app = createApp({ dataDir: tempDir(), host: 'web' });
  host = await startWebHost(app, { rendererDir: renderer });
  const opened = await call(`/?token=${host.token}`);
  expect(opened.status).toBe(302);
  setCookie = String((opened.headers['set-cookie'] as string[])[0]);
  cookie = setCookie.split(';')[0];
});
afterAll(async () => {
  await host.close();
  await app.close();
});

describe('the web host session', () => {
  it('exchanges the launch token for a random session id in an HttpOnly, SameSite=Strict cookie named with the port', async () => {
    const [name, value] = cookie.split('=');
    expect(name).toBe(`desk_session_${host.port}`);
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(value).not.toContain(host.token);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect((await api('app.info', '{}')).status).toBe(200);
  });

  it('never takes the launch token itself as a session', async () => {
    const r = await api('app.info', '{}', { Cookie: `desk_session_${host.port}=${host.token}` });
    expect(r.status).toBe(401);
    expect((await api('app.info', '{}', { Cookie: `desk_session=${host.token}` })).status).toBe(401);
  });

  it('refuses a replayed session cookie from another origin, from another port, or without an Origin', async () => {
    for (const origin of ['http://127.0.0.1:1', `http://127.0.0.1:${host.port + 1}`, 'http://evil.example', 'null']) {
      const r = await api('app.info', '{}', { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body).error.message).toContain('不是从助手自己的页面发出的');
    }
    for (const site of ['same-site', 'cross-site', 'none']) expect((await api('app.info', '{}', { 'Sec-Fetch-Site': site })).status, site).toBe(403);
    const noOrigin = await call('/api/app.info', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', 'X-Desk': '1', Cookie: cookie } });
    expect(noOrigin.status).toBe(403);
    expect((await call('/events', { headers: { Cookie: cookie, Origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await api('app.info', '{}', { Cookie: '' })).status).toBe(401);
    expect(await info()).toMatchObject({ ok: true });
  });
});

describe('the web host under bad input', () => {
  it('answers malformed %-escapes with 400, not 500', async () => {
    for (const path of ['/api/app.%E0%A4%A', '/api/%zz', '/%', '/assets/%C0%AF']) {
      const r = await call(path, { method: path.startsWith('/api') ? 'POST' : 'GET', body: '{}', headers: { Cookie: cookie, Origin: own(), 'X-Desk': '1' } });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await info()).toMatchObject({ ok: true });
  });

  it('refuses a channel body over 2 MB with 413, takes a larger file on an upload channel, and stays responsive', async () => {
    const big = JSON.stringify({ limit: 10, pad: 'x'.repeat(MAX_BODY) });
    const r = await api('notices.list', big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toContain('上限');
    // A 3 MB spreadsheet (not a real one) reaches the import, which says what is wrong with it.
    const upload = await api('sku.mapping.import', JSON.stringify({ contentBase64: Buffer.alloc(3 * 1024 * 1024, 7).toString('base64') }));
    expect(upload.status).toBe(200);
    expect(JSON.parse(upload.body)).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(await info()).toMatchObject({ ok: true });
  });

  it('takes one upload at a time: a second while the first is still arriving is told to wait', async () => {
    const first = request({
      host: '127.0.0.1',
      port: host.port,
      path: '/api/sku.mapping.import',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Desk': '1', Cookie: cookie, Origin: own() },
    });
    const firstDone = new Promise<number>((resolve, reject) => {
      first.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      first.on('error', reject);
    });
    first.write('{"contentBase64":"');
    first.write('A'.repeat(1024 * 1024));
    await new Promise((r) => setTimeout(r, 100));
    const second = await api('sku.mapping.import', JSON.stringify({ contentBase64: 'AAAA' }));
    expect(second.status).toBe(503);
    expect(JSON.parse(second.body).error.message).toContain('正在导入另一个文件');
    first.end('"}');
    expect(await firstDone).toBe(200);
    expect(await info()).toMatchObject({ ok: true });
  });

  it(`caps connections at ${MAX_CONNECTIONS}: one more is dropped, and the host answers once they close`, async () => {
    const open: Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) {
      open.push(await new Promise<Socket>((resolve, reject) => {
        const s = connect(host.port, '127.0.0.1', () => resolve(s));
        s.on('error', reject);
      }));
    }
    const extra = await new Promise<string>((resolve) => {
      const s = connect(host.port, '127.0.0.1', () => s.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`));
      let got = '';
      s.on('data', (d: Buffer) => (got += d.toString()));
      s.on('error', () => resolve(`dropped:${got}`));
      s.on('close', () => resolve(`dropped:${got}`));
    });
    expect(extra).toBe('dropped:');
    for (const s of open) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(await info()).toMatchObject({ ok: true });
  });
});

describe('sessions over a long run', () => {
  it(`keeps the newest ${MAX_SESSIONS} sessions: the oldest stops working, the newest works`, async () => {
    const opened: string[] = [];
    for (let i = 0; i < MAX_SESSIONS + 1; i++) {
      const r = await call(`/?token=${host.token}`);
      opened.push(String((r.headers['set-cookie'] as string[])[0]).split(';')[0]);
    }
    expect((await api('app.info', '{}', { Cookie: opened[0] })).status).toBe(401);
    expect((await api('app.info', '{}', { Cookie: opened.at(-1) as string })).status).toBe(200);
  });
});
