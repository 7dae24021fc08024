/**
 * exit.export carries no path over the contract: an HTTP caller can neither overwrite a file
 * outside the data folder with a ZIP nor read the PDFs of another folder back; the app writes the
 * ZIP under exports/ in the data folder (0600) or hands it over as a download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { createApp, type App } from '../../../src-main/core/app';
import { startWebHost, type WebHost } from '../../../src-main/host/server';
import { tempDir } from '../../helpers/tempApp';

let app: App;
let host: WebHost;
let cookie = '';
const dataDir = tempDir('desk-export-http-');
const outside = tempDir('desk-outside-');

function post(
  channel: string,
  input: unknown,
): Promise<{ status: number; body: { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `/api/${channel}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Session': cookie, Origin: `http://127.0.0.1:${host.port}` },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

beforeAll(async () => {
  const renderer = tempDir();
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  app = createApp({ dataDir, host: 'web' });
  host = await startWebHost(app, { rendererDir: renderer });
  const opened = await new Promise<string>((resolve) =>
    request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}` }, (res) =>
      resolve(/#desk-session=([0-9a-f]{64})$/.exec(String(res.headers.location))![1]!),
    ).end(),
  );
  cookie = opened;
  expect((await post('exit.open', {})).body.ok).toBe(true);
});
afterAll(async () => {
  await host.close();
  await app.close();
});

describe('exit.export over HTTP', () => {
  it('refuses an output file anywhere, and writes nothing there', async () => {
    const victim = join(outside, 'precious.txt');
    writeFileSync(victim, '别覆盖我');
    for (const outFile of [victim, join(outside, 'new.zip'), join(dataDir, 'desk.sqlite')]) {
      const r = await post('exit.export', { outFile });
      expect(r.body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(readFileSync(victim, 'utf8')).toBe('别覆盖我');
    expect(existsSync(join(outside, 'new.zip'))).toBe(false);
  });

  it('refuses a folder of PDFs to read back', async () => {
    const pdfs = join(outside, 'pdfs');
    mkdirSync(pdfs);
    writeFileSync(join(pdfs, 'someone-elses.pdf'), '%PDF-1.4 secret');
    const r = await post('exit.export', { pdfDir: pdfs, download: true });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('writes the ZIP under exports/ in the data folder, for the seller only, or returns it as a download', async () => {
    const r = await post('exit.export', {});
    expect(r.body.ok).toBe(true);
    const file = r.body.data?.file as string;
    expect(file.startsWith(join(dataDir, 'exports'))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(file))))).toContain('case.json');
    const dl = await post('exit.export', { download: true });
    expect(dl.body.data).toMatchObject({ file: null });
    expect(Object.keys(unzipSync(new Uint8Array(Buffer.from(dl.body.data?.contentBase64 as string, 'base64'))))).not.toContain(
      'documents/someone-elses.pdf',
    );
  });
});
