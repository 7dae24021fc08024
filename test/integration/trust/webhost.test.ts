/**
 * A web host no other local process can use: the launch token works once and is not a session, the
 * session secret travels only in a header (no cookie is set or honoured) and is refused from any
 * other origin, bodies are bounded (uploads on their own limit, one at a time),
 * connections are capped, malformed paths are 400, and through it all app.info keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/core/app';
import { startWebHost, HOST_LIMITS, SESSION_HEADER, type WebHost } from '../../../src-main/host/server';
import { tempDir } from '../../helpers/tempApp';
import { callRaw } from '../../helpers/channels';
import { contract } from '../../../src-shared/contract';
import { UPLOAD_CHANNELS, UPLOADS, uploadMaxBase64, uploadTooLarge } from '../../../src-shared/uploads';

let app: App;
let host: WebHost;
let session = '';

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
  call(`/api/${channel}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', [SESSION_HEADER]: session, Origin: own(), 'Sec-Fetch-Site': 'same-origin', ...headers },
  });
/** Exchanges a launch link's token; the session secret comes back in the redirect's fragment. */
async function exchange(link: string): Promise<{ status: number; session: string | null; reply: Reply }> {
  const r = await call(new URL(link).pathname + new URL(link).search);
  const m = /#desk-session=([0-9a-f]{64})$/.exec(String(r.headers.location ?? ''));
  return { status: r.status, session: m ? m[1]! : null, reply: r };
}
const info = async () => JSON.parse((await api('app.info', '{}')).body) as { ok: boolean };

beforeAll(async () => {
  const renderer = tempDir();
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  app = createApp({ dataDir: tempDir(), host: 'web' });
  host = await startWebHost(app, { rendererDir: renderer });
  const opened = await exchange(host.openUrl);
  expect(opened.status).toBe(302);
  session = opened.session!;
});
afterAll(async () => {
  await host.close();
  await app.close();
});

describe('the web host session', () => {
  it('exchanges the launch token for a random session secret in the redirect fragment, and sets no cookie', async () => {
    expect(session).toMatch(/^[0-9a-f]{64}$/);
    expect(session).not.toContain(host.token);
    expect((await api('app.info', '{}')).status).toBe(200);
  });

  it('refuses a second exchange of the launch token with a page saying the link was used and how to get a new one', async () => {
    const again = await exchange(host.openUrl);
    expect(again.status).toBe(403);
    expect(again.session).toBeNull();
    expect(again.reply.headers['set-cookie']).toBeUndefined();
    expect(again.reply.body).toContain('这个链接已经用过了');
    expect(again.reply.body).toContain('press Enter');
    // A fresh link (Enter in the host's window) works once too.
    const fresh = host.newLaunchUrl();
    const first = await exchange(fresh);
    expect(first.status).toBe(302);
    expect((await api('app.info', '{}', { [SESSION_HEADER]: first.session! })).status).toBe(200);
    expect((await exchange(fresh)).status).toBe(403);
  });

  it('never takes the launch token itself as a session', async () => {
    expect((await api('app.info', '{}', { [SESSION_HEADER]: host.token })).status).toBe(401);
    expect((await api('app.info', '{}', { [SESSION_HEADER]: '', Cookie: `desk_session=${host.token}` })).status).toBe(401);
  });

  it('refuses a request without the session header (a replayed cookie is not a credential), and an unknown secret', async () => {
    const noHeader = await call('/api/app.info', {
      method: 'POST',
      body: '{}',
      headers: {
        'Content-Type': 'application/json',
        Origin: own(),
        'Sec-Fetch-Site': 'same-origin',
        'X-Desk': '1',
        Cookie: `desk_session_${host.port}=${session}; desk_session=${session}`,
      },
    });
    expect(noHeader.status).toBe(401);
    expect(JSON.parse(noHeader.body).error.message).toContain('完整链接');
    expect((await api('app.info', '{}', { [SESSION_HEADER]: 'f'.repeat(64) })).status).toBe(401);
    expect((await call('/events', { headers: { Cookie: `desk_session_${host.port}=${session}`, Origin: own() } })).status).toBe(401);
    // The page's own bundle is public (it holds no data), but no response ever sets a cookie.
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('streams events to a request carrying the session header', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/events', headers: { [SESSION_HEADER]: session, 'Sec-Fetch-Site': 'same-origin' } },
        (res) => {
          res.once('data', (c: Buffer) => {
            resolve(`${res.statusCode} ${c.toString()}`);
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(got).toMatch(/^200 : connected/);
  });

  it('refuses the session secret from another origin, from another port, or without an Origin', async () => {
    for (const origin of ['http://127.0.0.1:1', `http://127.0.0.1:${host.port + 1}`, 'http://evil.example', 'null']) {
      const r = await api('app.info', '{}', { Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body).error.message).toContain('不是从助手自己的页面发出的');
    }
    for (const site of ['same-site', 'cross-site', 'none'])
      expect((await api('app.info', '{}', { 'Sec-Fetch-Site': site })).status, site).toBe(403);
    const noOrigin = await call('/api/app.info', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json', [SESSION_HEADER]: session },
    });
    expect(noOrigin.status).toBe(403);
    expect((await call('/events', { headers: { [SESSION_HEADER]: session, Origin: 'http://127.0.0.1:1' } })).status).toBe(403);
    expect((await api('app.info', '{}', { [SESSION_HEADER]: '' })).status).toBe(401);
    expect(await info()).toMatchObject({ ok: true });
  });
});

describe('the web host under bad input', () => {
  it('answers malformed %-escapes with 400, not 500', async () => {
    for (const path of ['/api/app.%E0%A4%A', '/api/%zz', '/%', '/assets/%C0%AF']) {
      const r = await call(path, {
        method: path.startsWith('/api') ? 'POST' : 'GET',
        body: '{}',
        headers: { [SESSION_HEADER]: session, Origin: own() },
      });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await info()).toMatchObject({ ok: true });
  });

  it('refuses a channel body over 2 MB with 413, takes a larger file on an upload channel, and stays responsive', async () => {
    const big = JSON.stringify({ limit: 10, pad: 'x'.repeat(HOST_LIMITS.bodyBytes) });
    const r = await api('notices.list', big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toContain('上限');
    // A 3 MB spreadsheet (not a real one) reaches the import, which says what is wrong with it.
    const upload = await api('sku.mapping.import', JSON.stringify({ contentBase64: Buffer.alloc(3 * 1024 * 1024, 7).toString('base64') }));
    expect(upload.status).toBe(200);
    expect(JSON.parse(upload.body)).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    // So does an exit plan as large as the app's own export of a big catalogue.
    const plan = await api('exit.importPlan', JSON.stringify({ contentBase64: Buffer.alloc(3 * 1024 * 1024, 7).toString('base64') }));
    expect(plan.status).toBe(200);
    expect(JSON.parse(plan.body)).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(await info()).toMatchObject({ ok: true });
  });

  it('every file channel tells a seller its file is too large the same way in the window and through the browser, with what to do', async () => {
    for (const channel of UPLOAD_CHANNELS) {
      const field = (contract[channel].input as unknown as { shape: { contentBase64: { maxLength: number | null } } }).shape.contentBase64;
      // The schema's limit is the host's: a file the channel takes always reaches it through the browser.
      expect(field.maxLength, channel).toBe(uploadMaxBase64(channel));
      expect(HOST_LIMITS.uploadBytes, channel).toBeGreaterThan(uploadMaxBase64(channel) + 10_000);
    }
    // The mapping import, one byte of base64 over its limit: refused by its schema (the Electron path)...
    const mb = UPLOADS['sku.mapping.import'].maxMb;
    const words = uploadTooLarge('sku.mapping.import');
    expect(words.zh).toContain(`SKU对应表太大（最大 ${mb} MB）`);
    expect(words.zh).toContain('拆成几个文件分别导入');
    expect(words.en).toContain(`The Mapping file is too large (${mb} MB at most)`);
    const over = 'A'.repeat(uploadMaxBase64('sku.mapping.import') + 4);
    const ipc = await callRaw(app, 'sku.mapping.import', { contentBase64: over });
    expect(ipc).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const said = (ipc as { error: { message: string; messageEn: string } }).error;
    expect(said.message.startsWith(words.zh.replace(/。$/, ''))).toBe(true);
    expect(said.messageEn.startsWith(words.en.replace(/\.$/, ''))).toBe(true);
    // ...the same through the web host, where the body reaches the schema...
    const web = await api('sku.mapping.import', JSON.stringify({ contentBase64: over }));
    expect(web.status).toBe(200);
    expect(JSON.parse(web.body).error).toMatchObject({ code: 'BAD_INPUT', message: said.message, messageEn: said.messageEn });
    // ...and where it is larger than the host reads at all.
    const huge = await api('sku.mapping.import', JSON.stringify({ contentBase64: 'A'.repeat(HOST_LIMITS.uploadBytes + 1024) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error).toEqual({ code: 'BAD_INPUT', message: words.zh, messageEn: words.en });
    expect(await info()).toMatchObject({ ok: true });
  });

  it('takes one upload at a time: a second while the first is still arriving is told to wait', async () => {
    const first = request({
      host: '127.0.0.1',
      port: host.port,
      path: '/api/sku.mapping.import',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SESSION_HEADER]: session, Origin: own() },
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

  it(`caps connections at ${HOST_LIMITS.connections}: one more is dropped, and the host answers once they close`, async () => {
    const open: Socket[] = [];
    for (let i = 0; i < HOST_LIMITS.connections; i++) {
      open.push(
        await new Promise<Socket>((resolve, reject) => {
          const s = connect(host.port, '127.0.0.1', () => resolve(s));
          s.on('error', reject);
        }),
      );
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
  it(`keeps the newest ${HOST_LIMITS.sessions} sessions: the oldest stops working, the newest works`, async () => {
    const opened: string[] = [];
    for (let i = 0; i < HOST_LIMITS.sessions + 1; i++) opened.push((await exchange(host.newLaunchUrl())).session!);
    expect((await api('app.info', '{}', { [SESSION_HEADER]: opened[0]! })).status).toBe(401);
    expect((await api('app.info', '{}', { [SESSION_HEADER]: opened.at(-1)! })).status).toBe(200);
  });
});
