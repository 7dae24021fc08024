/**
 * XLSX exports neutralise formula-leading cells as the CSV export does (a leading apostrophe), and
 * the importers of the app's own workbooks take the apostrophe off again, so an export edited and
 * imported back keeps every value.
 */
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createApp, type App } from '../../../src-main/core/app';
import { exportMapping, importMapping } from '../../../src-main/core/stock/mappingExcel';
import { exportAudit } from '../../../src-main/core/auto/auditLog';
import { writeAudit } from '../../../src-main/core/audit';
import { planWorkbook, readPlanWorkbook } from '../../../src-main/core/exit/planExcel';
import { DISPOSAL_METHODS, type DisposalRowView } from '../../../src-shared/types/exit';
import { tempDir } from '../../helpers/tempApp';

const EVIL = ["=cmd|' /C calc'!A0", '=1+2', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=1', "'=already quoted"];
const FORMULA = /^[=+\-@\t\r]/;

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function cells(base64: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.push(typeof c.value === 'string' ? c.value : '')));
  return out;
}

describe('formula cells in XLSX exports', () => {
  it('the SKU mapping workbook writes them as text, and importing it back links the same ERP SKUs', async () => {
    app = createApp({ dataDir: tempDir('desk-xlsx-'), host: 'cli' });
    const db = app.db;
    const now = '2026-01-01T00:00:00Z';
    EVIL.forEach((sku, i) => {
      db.prepare('INSERT INTO stock_erp_skus (sku, name, seen_at) VALUES (?, ?, ?)').run(sku, `名称${i}`, now);
      db.prepare(
        "INSERT OR IGNORE INTO stock_listings (product_id, title, seen_at) VALUES ('1005001', '=HYPERLINK(\"http://x.invalid\")', ?)",
      ).run(now);
      db.prepare(
        "INSERT INTO stock_listing_skus (product_id, sku_id, seller_sku, bind_status, seen_at) VALUES ('1005001', ?, ?, 2, ?)",
      ).run(`12${i}`, sku, now);
    });
    const exported = await exportMapping(db);
    const written = await cells(exported.contentBase64);
    for (const c of written) expect(c, JSON.stringify(c)).not.toMatch(FORMULA);
    expect(written).toContain("'=1+2");
    expect(written).toContain("''=already quoted");
    // The seller fills the ERP SKU column with the same evil names (as the export writes cells), and imports it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.eachRow((row, line) => {
      if (line > 1) row.getCell(5).value = row.getCell(3).value;
    });
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await importMapping(db, edited, true, now);
    // The importer trims what it reads (as a typed cell); the tab-leading SKU is still found, as the SKU
    // case rule reads SKUs (spaces and tabs around one do not count), so every line links its own.
    expect(r.rejected).toEqual([]);
    expect(r.linked).toBe(EVIL.length);
    const links = db
      .prepare('SELECT s.seller_sku, k.erp_sku FROM stock_sku_links k JOIN stock_listing_skus s ON s.id = k.listing_sku_id')
      .all() as { seller_sku: string; erp_sku: string }[];
    for (const l of links) expect(l.erp_sku).toBe(l.seller_sku);
  });

  it('the audit log workbook writes them as text', async () => {
    app = createApp({ dataDir: tempDir('desk-xlsx-'), host: 'cli' });
    for (const sku of EVIL) writeAudit(app.db, app.clock, { actor: 'seller', kind: 'auto.pin', subject: sku, detail: { note: sku } });
    const written = await cells((await exportAudit(app.db, { autoOnly: false })).contentBase64);
    for (const c of written) expect(c, JSON.stringify(c)).not.toMatch(FORMULA);
    expect(written).toContain("'=1+2");
  });

  it('the disposal plan workbook writes them as text, and reading it back gives the values unchanged', async () => {
    const rows: DisposalRowView[] = EVIL.map((sku) => ({
      sku,
      onHand: 3,
      onHandSource: 'seller',
      savedOnHand: null,
      category: '=1+2',
      warehouses: [],
      cells: Object.fromEntries(DISPOSAL_METHODS.map((m, i) => [m, i === 0 ? '-1+1' : ''])) as DisposalRowView['cells'],
      note: '@note',
      planned: 0,
      state: 'ok' as DisposalRowView['state'],
      errors: [],
    }));
    const { contentBase64 } = await planWorkbook(rows);
    const written = await cells(contentBase64);
    for (const c of written) expect(c, JSON.stringify(c)).not.toMatch(FORMULA);
    const back = await readPlanWorkbook(contentBase64);
    // The plan reader trims cells (a tab-leading SKU comes back trimmed, as a typed one would).
    expect(back.rows.map((r) => r.sku)).toEqual(EVIL.map((s) => s.trim()));
    expect(back.rows[0]!.cells[DISPOSAL_METHODS[0]]).toBe('-1+1');
    expect(back.rows[0]!.note).toBe('@note');
  });
});
