/**
 * The SKU-mapping workbook keeps ids exact: the id columns are exported as text, and a numeric cell
 * in one on import is refused on its line (Excel keeps 15 significant digits, so a 17-digit SKU id
 * typed or pasted as a number is already another SKU), never turned into a string of its digits.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src-main/core/app';
import { silentLogger } from '../../../src-main/core/platform/logger';
import { exportMapping, importMapping } from '../../../src-main/core/stock/mappingExcel';
import { tempDir } from '../../helpers/tempApp';

const NOW = '2026-01-05T01:00:00.000Z';
const PRODUCT = '1005006285123457';
const SKU = '12000023995222161';
const SMALL_SKU = '1234567'; // a short id: as a number it would survive, and is still refused

let app: App;
beforeEach(() => {
  app = createApp({ dataDir: tempDir('desk-mapxlsx-'), host: 'cli', log: silentLogger });
  app.db.prepare("INSERT INTO stock_listings (product_id, title, seen_at) VALUES (?, '纯棉T恤', ?)").run(PRODUCT, NOW);
  const sku = app.db.prepare(
    'INSERT INTO stock_listing_skus (product_id, sku_id, seller_sku, bind_status, seen_at) VALUES (?, ?, ?, 1, ?)',
  );
  sku.run(PRODUCT, SKU, 'TS-RED-M', NOW);
  sku.run(PRODUCT, SMALL_SKU, 'TS-RED-L', NOW);
  app.db.prepare("INSERT INTO stock_erp_skus (sku, category, seen_at) VALUES ('TS-RED-M', '', ?), ('TS-RED-L', '', ?)").run(NOW, NOW);
});
afterEach(async () => app.close());

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}
async function base64(wb: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('SKU mapping workbook: ids stay text', () => {
  it('export writes the product and SKU id columns as text cells formatted "@"', async () => {
    const wb = await workbook((await exportMapping(app.db)).contentBase64);
    const ws = wb.worksheets[0]!;
    expect(ws.getColumn(1).numFmt).toBe('@');
    expect(ws.getColumn(2).numFmt).toBe('@');
    for (let r = 2; r <= 3; r++) {
      expect(typeof ws.getRow(r).getCell(1).value).toBe('string');
      expect(typeof ws.getRow(r).getCell(2).value).toBe('string');
      expect(ws.getRow(r).getCell(2).numFmt).toBe('@');
    }
    expect(ws.getRow(2).getCell(2).value).toBe(SKU);
  });

  it('import refuses a numeric cell in an id column on its line, in Chinese and English, and links the rest', async () => {
    const wb = await workbook((await exportMapping(app.db)).contentBase64);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(5).value = 'TS-RED-L'; // SKU row: a change, ids left as text
    ws.getRow(3).getCell(2).value = Number(SMALL_SKU); // the seller's spreadsheet turned it into a number
    ws.getRow(3).getCell(5).value = 'TS-RED-M';
    const r = await importMapping(app.db, await base64(wb), false, NOW);
    expect(r.linked).toBe(1);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]!.line).toBe(3);
    expect(r.rejected[0]!.reason.zh).toContain('请把单元格设为文本');
    expect(r.rejected[0]!.reason.zh).toContain('SKU ID');
    expect(r.rejected[0]!.reason.en).toMatch(/format the cell as text/i);
    expect(r.rejected[0]!.reason.en).not.toMatch(/[\u4e00-\u9fff]/);

    // The product id column likewise.
    ws.getRow(3).getCell(2).value = SMALL_SKU;
    ws.getRow(3).getCell(1).value = Number(PRODUCT);
    const again = await importMapping(app.db, await base64(wb), false, NOW);
    expect(again.rejected.map((x) => x.line)).toEqual([3]);
    expect(again.rejected[0]!.reason.zh).toContain('商品ID');
  });

  it('import refuses a listing SKU repeated with another ERP SKU on the repeating line, naming the first; an identical repeat counts once', async () => {
    const wb = await workbook((await exportMapping(app.db)).contentBase64);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(5).value = 'TS-RED-L';
    ws.addRow([PRODUCT, SKU, 'TS-RED-M', '', 'TS-RED-L']); // the same line again
    const other = ws.addRow([PRODUCT, SKU, 'TS-RED-M', '', 'TS-RED-M']).number;
    const r = await importMapping(app.db, await base64(wb), true, NOW);
    expect(r.linked).toBe(1);
    expect(r.rejected.map((x) => x.line)).toEqual([other]);
    expect(r.rejected[0]!.reason.zh).toContain('与第 2 行是同一个线上SKU');
    expect(r.rejected[0]!.reason.zh).toContain('第 2 行是“TS-RED-L”，这一行是“TS-RED-M”');
    expect(r.rejected[0]!.reason.en).toContain('line 2');
    expect(r.unchanged).toBe(2); // line 3 as exported, and the identical repeat of line 2
    const linked = app.db
      .prepare('SELECT k.erp_sku FROM stock_sku_links k JOIN stock_listing_skus s ON s.id = k.listing_sku_id WHERE s.sku_id = ?')
      .pluck()
      .get(SKU);
    expect(linked).toBe('TS-RED-L');
  });

  it('import reads an ERP SKU as the SKU case rule does: other case, spaces and full-width forms find the ERP SKU; two candidates are refused by name', async () => {
    app.db.prepare("INSERT INTO stock_erp_skus (sku, category, seen_at) VALUES ('ts-red-l', '', ?)").run(NOW);
    const wb = await workbook((await exportMapping(app.db)).contentBase64);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(5).value = ' ＴＳ-red-m '; // full-width letters, other case, spaces around: TS-RED-M
    ws.getRow(3).getCell(5).value = 'Ts-Red-L'; // TS-RED-L and ts-red-l both fold to it
    const r = await importMapping(app.db, await base64(wb), true, NOW, 'insensitive');
    expect(r.linked).toBe(1);
    expect(r.rejected.map((x) => x.line)).toEqual([3]);
    expect(r.rejected[0]!.reason.zh).toContain('可能是 “TS-RED-L”、“ts-red-l”');
    const linked = app.db
      .prepare('SELECT k.erp_sku FROM stock_sku_links k JOIN stock_listing_skus s ON s.id = k.listing_sku_id WHERE s.sku_id = ?')
      .pluck()
      .get(SKU);
    expect(linked).toBe('TS-RED-M');
    // Case-sensitive: the other case is another SKU, which the ERP does not have.
    ws.getRow(3).getCell(5).value = 'TS-Red-L';
    const strict = await importMapping(app.db, await base64(wb), false, NOW, 'sensitive');
    expect(strict.rejected.find((x) => x.line === 3)!.reason.zh).toBe('ERP里没有SKU“TS-Red-L”');
  });

  it('import names a cell it cannot read (an error value, a formula saved without its value) instead of "[object Object]"', async () => {
    const wb = await workbook((await exportMapping(app.db)).contentBase64);
    const ws = wb.worksheets[0]!;
    ws.getRow(2).getCell(5).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getRow(3).getCell(5).value = { formula: 'UPPER("ts-red-m")' } as ExcelJS.CellFormulaValue;
    const r = await importMapping(app.db, await base64(wb), false, NOW);
    expect(r.rejected.map((x) => [x.line, x.reason.zh])).toEqual([
      [2, '“ERP SKU”是错误值 #N/A，请改成数字或文字'],
      [3, '“ERP SKU”是公式，但文件里没有保存它的计算结果：请用 Excel 打开并保存一次，或把公式换成数值'],
    ]);
    expect(r.rejected[1]!.reason.en).toBe(
      '"ERP SKU" is a formula saved without its value: open and save the file in Excel once, or replace the formula with its value',
    );
  });
});
