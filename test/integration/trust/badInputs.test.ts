/**
 * The bad inputs of issue 13, sent the way an attacker or a careless import would send them, through
 * the web host: formula cells in a CSV export, a catastrophic SKU regex, an xlsx that inflates to
 * hundreds of MB, a script in the paperwork. Each is refused or neutralised with a Chinese message,
 * and app.info keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { createApp, type App } from '../../../src-main/core/app';
import { startWebHost, type WebHost } from '../../../src-main/host/server';
import { exportMapping } from '../../../src-main/core/stock/mappingExcel';
import { recheckOffThread } from '../../../src-main/core/stock/regexCheck';
import { openPdfRenderer, withPdfCsp } from '../../../src-main/core/exit/pdf';
import { tableFile } from '../../../src-main/core/exit/exportZip';
import { CHROMIUM_ARGS, RUNNING_AS_ROOT } from '../../../src-main/core/platform/chromium';
import { tempDir } from '../../helpers/tempApp';
import { pdfText } from '../exit/pdfText';

let app: App;
let host: WebHost;
let cookie = '';

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string; messageEn: string } };
function post(channel: string, input: unknown): Promise<Reply> {
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
        res.on('end', () => resolve(JSON.parse(text) as Reply));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
}

/** app.info answers, and how long it took. */
async function responsive(): Promise<number> {
  const t = Date.now();
  expect(await post('app.info', {})).toMatchObject({ ok: true });
  return Date.now() - t;
}

beforeAll(async () => {
  const renderer = tempDir();
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  app = createApp({ dataDir: tempDir('desk-bad-inputs-'), host: 'web' });
  host = await startWebHost(app, { rendererDir: renderer });
  cookie = await new Promise<string>((resolve) =>
    request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}` }, (res) =>
      resolve(/#desk-session=([0-9a-f]{64})$/.exec(String(res.headers.location))![1]!),
    ).end(),
  );
});
afterAll(async () => {
  await host.close();
  await app.close();
});

describe('formula cells in CSV exports', () => {
  it('an imported SKU such as =cmd|... or =1+2 is written as text, not a formula', async () => {
    const evil = ["=cmd|' /C calc'!A0", '=1+2', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    const ins = app.db.prepare("INSERT INTO stock_erp_skus (sku, name, seen_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
    evil.forEach((sku, i) => ins.run(sku, `名称${i}`));
    ins.run('NORMAL-1', '=HYPERLINK("http://example.invalid")');
    const r = await post('exit.export', { download: true });
    expect(r.ok).toBe(true);
    const zip = unzipSync(new Uint8Array(Buffer.from(r.data?.contentBase64 as string, 'base64')));
    const csv = strFromU8(zip[`${tableFile('stock_erp_skus')}.csv`]!).replace(/^\ufeff/, '');
    const cells = csv
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.replace(/^"/, '').split(',')[0]);
    for (const c of cells) expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
    expect(csv).toContain("'=1+2");
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`.replace(/^"|"$/g, ''));
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    // The JSON beside it keeps the data exactly as it was.
    expect(JSON.parse(strFromU8(zip[`${tableFile('stock_erp_skus')}.json`]!)).map((x: { sku: string }) => x.sku)).toEqual(
      expect.arrayContaining(evil),
    );
  });
});

describe('SKU regex rules that would hang', () => {
  it('refuses ^((?:A|A)*)$ and other catastrophic patterns with a Chinese message, quickly, and keeps serving', async () => {
    for (const pattern of ['^((?:A|A)*)$', '^(a|aa)+$', '^(\\w+\\d+)+x$', '^(.*)-(?:.*)-(?:.*)$']) {
      const t = Date.now();
      const saved = await post('sku.rules.save', { spec: { kind: 'regex', pattern }, resolve: false });
      expect(saved, pattern).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(saved.error?.message, pattern).toMatch(/极慢|卡住|卡死/);
      const tested = await post('sku.rules.test', { spec: { kind: 'regex', pattern }, skus: ['A'.repeat(27)] });
      expect(tested, pattern).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(Date.now() - t, pattern).toBeLessThan(8_000);
    }
    expect(await responsive()).toBeLessThan(2_000);
    expect((await post('sku.rules.list', {})).data).toEqual([]);
  });

  it('vets a pattern off the main thread: app.info answers while recheck thinks for seconds, then the pattern is refused as too complex', async () => {
    // No nested quantifier, one group: only recheck can judge it, and it needs its whole time budget.
    const pattern = '^(\\w{0,60})\\w{0,60}\\w{0,60}$';
    let checked = false;
    const saving = post('sku.rules.save', { spec: { kind: 'regex', pattern }, resolve: false }).finally(() => (checked = true));
    // The host runs in this process: on a blocked main thread this timer and the call both wait for the check.
    await new Promise((r) => setTimeout(r, 300));
    await responsive();
    // Answered while the check still ran (it uses its whole budget, seconds): the order, not a wall-time bound.
    expect(checked, 'app.info answered only after the pattern check').toBe(false);
    const saved = await saving;
    expect(saved).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(saved.error?.message).toContain('太复杂');
  });

  it('stops the checking worker at its hard limit, and the next check gets a fresh one', async () => {
    const t = Date.now();
    expect(await recheckOffThread('^(\\w{0,61})\\w{0,61}\\w{0,61}$', 10_000, 400)).toMatchObject({ status: 'unknown' });
    expect(Date.now() - t).toBeLessThan(1_500);
    expect(await recheckOffThread('^ABC-([A-Z0-9]+)$', 3_000, 5_000)).toMatchObject({ status: 'safe' });
  });

  it('still takes the patterns sellers write', async () => {
    for (const pattern of ['^X-(.+)-\\d+$', '^(?:CN-)?([A-Z0-9]+)(?:-\\d+)?$', '^.*?(\\d+)$', '^([^-]*)-[^-]*-[^-]*$']) {
      const r = await post('sku.rules.test', { spec: { kind: 'regex', pattern }, skus: ['X-ABC-12'] });
      expect(r.ok, `${pattern}: ${r.error?.message}`).toBe(true);
    }
  });
});

describe('spreadsheet bombs', () => {
  // One bomb for both tests: making it takes seconds.
  const bomb = zipSync(
    {
      '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
      'xl/workbook.xml': new TextEncoder().encode('<workbook/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024).fill(0x20),
    },
    { level: 9 },
  );

  it('refuses a 2 MB-class xlsx that inflates to 200 MB before parsing it, and keeps serving', async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const t = Date.now();
    const r = await post('sku.mapping.import', { contentBase64: Buffer.from(bomb).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(r.error?.message).toContain('解压后有 200 MB');
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(await responsive()).toBeLessThan(2_000);
  });

  it('refuses the same bomb sent as a stock file (stock.import) before parsing it, and keeps serving', async () => {
    const t = Date.now();
    const r = await post('stock.import', { fileName: '库存.xlsx', contentBase64: Buffer.from(bomb).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(r.error?.message).toContain('解压后有 200 MB');
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(await responsive()).toBeLessThan(2_000);
  });

  it('refuses the same bomb when its headers lie about its size: the inflated bytes are counted', async () => {
    const liar = Uint8Array.from(bomb);
    const view = new DataView(liar.buffer);
    // Every local header (PK 3 4) and directory entry (PK 1 2) claims 1 KB uncompressed.
    for (let i = 0; i + 30 < liar.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 1024, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 1024, true);
    }
    const r = await post('sku.mapping.import', { contentBase64: Buffer.from(liar).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(r.error?.message).toMatch(/解压后超过 150 MB|已损坏/);
    expect(await responsive()).toBeLessThan(2_000);
  });

  it('refuses a sheet of too many rows before parsing it', async () => {
    const rows = '<row r="1"/>'.repeat(300_000);
    const xlsx = zipSync(
      { 'xl/worksheets/sheet1.xml': new TextEncoder().encode(`<worksheet><sheetData>${rows}</sheetData></worksheet>`) },
      { level: 9 },
    );
    const r = await post('sku.mapping.import', { contentBase64: Buffer.from(xlsx).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'FILE_INVALID' } });
    expect(r.error?.message).toContain('行');
  });

  it('still imports the workbook the app exported', async () => {
    const { contentBase64 } = await exportMapping(app.db);
    const r = await post('sku.mapping.import', { contentBase64 });
    expect(r).toMatchObject({ ok: true, data: { rows: 0, applied: false } });
  });
});

describe('the paperwork renderer', () => {
  it('prints with JavaScript off and a CSP in the document; the sandbox is off only as root', async () => {
    expect(CHROMIUM_ARGS.includes('--no-sandbox')).toBe(RUNNING_AS_ROOT);
    expect(withPdfCsp('<html><head><title>x</title></head></html>')).toContain("default-src 'none'");
    const opened = await openPdfRenderer();
    if (!('renderer' in opened)) throw new Error(opened.reason.en);
    try {
      const pdf = await opened.renderer.pdf(
        '<!doctype html><html><head><meta charset="utf-8"></head><body><p id="t">STATIC-TEXT</p><script>document.getElementById("t").textContent = "SCRIPT-RAN";</script></body></html>',
      );
      const text = pdfText(pdf);
      expect(text).toContain('STATIC-TEXT');
      expect(text).not.toContain('SCRIPT-RAN');
    } finally {
      await opened.renderer.close();
    }
  }, 60_000);
});
