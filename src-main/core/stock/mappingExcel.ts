/**
 * The SKU mapping as an Excel workbook, so a seller can review or fill it in a spreadsheet and bring
 * it back. A row whose ERP SKU the seller changed becomes a manual link (the seller's word wins);
 * rows left as they were change nothing. A listing SKU on two lines with two ERP SKUs is refused on
 * the second line, never decided by line order. Content travels as base64, which works over IPC and HTTP.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { MappingImportReport } from '../../../src-shared/types/stock';
import { linkManually } from './skuLinks';
import { fromTextCell, toTextRow, unreadableCell } from '../platform/spreadsheetText';
import { loadEditedWorkbook } from '../platform/editedWorkbook';
import type { ErpIndex } from './erpIndex';
import { foldSku, type CaseRule } from './folding';
import { loadErpIndex } from './resolve';

/**
 * A mapping of 100,000 listing SKUs is about 30 MB of sheet XML; the limits leave room for that
 * and refuse a bomb before the spreadsheet library holds it (it needs several times the XML).
 */
export const MAPPING_LIMITS = { maxInflatedBytes: 150 * 1024 * 1024, maxRows: 250_000, maxEntries: 2_000 };

const HEADERS = ['商品ID Product ID', 'SKU ID', '线上SKU Listing SKU', '商品标题 Title', 'ERP SKU', '关联方式 Method', '状态 Status'];
/** Product ID, SKU ID, listing SKU and ERP SKU: text, never numbers. */
const TEXT_COLUMNS = [1, 2, 3, 5];
const METHOD_ZH: Record<string, string> = { manual: '手动 manual', exact: '一致 exact', rule: '规则 rule' };

export async function exportMapping(db: Db): Promise<{ fileName: string; contentBase64: string; rows: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('SKU关联');
  ws.addRow(HEADERS).font = { bold: true };
  ws.columns = [{ width: 18 }, { width: 18 }, { width: 24 }, { width: 40 }, { width: 24 }, { width: 16 }, { width: 14 }];
  const rows = db
    .prepare(
      `SELECT s.product_id, s.sku_id, s.seller_sku, p.title, k.erp_sku, k.method, s.resolve_status
       FROM stock_listing_skus s JOIN stock_listings p ON p.product_id = s.product_id
       LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id ORDER BY s.id`,
    )
    .raw()
    .all() as [string, string, string, string, string | null, string | null, string][];
  // Ids and SKUs as text cells formatted "@": a spreadsheet then keeps every digit (it keeps 15
  // significant digits of a number, and 17-digit SKU ids are longer) and any leading zero. SKUs and
  // titles come from the marketplace and the ERP: a formula-like one is written as text.
  for (const c of TEXT_COLUMNS) ws.getColumn(c).numFmt = '@';
  for (const r of rows) {
    const row = ws.addRow(toTextRow([r[0], r[1], r[2], r[3], r[4] ?? '', r[5] ? METHOD_ZH[r[5]] : '', r[6]]));
    for (const c of TEXT_COLUMNS) row.getCell(c).numFmt = '@';
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: 'SKU关联.xlsx', contentBase64: buf.toString('base64'), rows: rows.length };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  // The apostrophe the export put before a formula-like value comes off again.
  return typeof v === 'string' ? fromTextCell(v) : String(v);
}

/** A number, or a formula whose result is one. */
function isNumberCell(v: ExcelJS.CellValue): boolean {
  if (typeof v === 'number') return true;
  return !!v && typeof v === 'object' && 'result' in v && typeof v.result === 'number';
}

function repeatedLine(
  first: { line: number; erp: string },
  again: { erp: string; productId: string; skuId: string },
): { zh: string; en: string } {
  const shown = (erp: string, none: string) => (erp ? `“${erp}”` : none);
  return {
    zh: `与第 ${first.line} 行是同一个线上SKU（商品 ${again.productId} 的 SKU ${again.skuId}），ERP SKU 却不同（第 ${first.line} 行是${shown(first.erp, '空的')}，这一行是${shown(again.erp, '空的')}），这一行没有导入。请只保留正确的一行后再导入。`,
    en: `Repeats the listing SKU of line ${first.line} (SKU ${again.skuId} of product ${again.productId}) with another ERP SKU (line ${first.line}: ${first.erp ? `"${first.erp}"` : 'empty'}, this line: ${again.erp ? `"${again.erp}"` : 'empty'}); this line was not imported. Keep only the right line and import again.`,
  };
}

export async function importMapping(
  db: Db,
  contentBase64: string,
  confirm: boolean,
  now: string,
  caseRule: CaseRule = 'insensitive',
): Promise<MappingImportReport> {
  const wb = await loadEditedWorkbook(contentBase64, MAPPING_LIMITS, { zh: '“导出”', en: 'Export' });
  const ws = wb.worksheets[0];
  const header = ws ? (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText) : [];
  const col = (prefix: string) => header.findIndex((h) => h.startsWith(prefix)) + 1;
  const cProduct = col('商品ID');
  const cSku = col('SKU ID');
  const cErp = col('ERP SKU');
  if (!ws || !cProduct || !cSku || !cErp)
    throw new AppError(
      'FILE_INVALID',
      '表格缺少“商品ID”、“SKU ID”或“ERP SKU”列。请用“导出”得到的表格修改后再导入。',
      'The sheet lacks the "商品ID", "SKU ID" or "ERP SKU" column. Edit the workbook from Export and import that.',
    );
  const findListing = db.prepare(
    'SELECT s.id, k.erp_sku FROM stock_listing_skus s LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id WHERE s.product_id = ? AND s.sku_id = ?',
  );
  const erpExists = db.prepare('SELECT 1 FROM stock_erp_skus WHERE sku = ?');
  // Built only when some line is not an ERP SKU as typed (100k ERP SKUs: tens of milliseconds).
  let index: ErpIndex | undefined;
  /** The ERP SKU(s) the text folds to under the case rule: one, several (ambiguous) or none. */
  const sameErpSku = (text: string): string | string[] | undefined => (index ??= loadErpIndex(db, caseRule)).get(foldSku(text, caseRule));
  const report: MappingImportReport = { rows: 0, linked: 0, unchanged: 0, rejected: [], applied: false };
  const toLink: { id: number; erp: string }[] = [];
  /** The first line naming each listing SKU, with the ERP SKU it gave. */
  const firstLine = new Map<number, { line: number; erp: string }>();
  ws.eachRow((row, line) => {
    if (line === 1) return;
    report.rows++;
    // An id cell the spreadsheet holds as a number: its digits past the 15th are already gone and
    // leading zeros dropped, so it is refused on its line rather than read as String(number).
    const numeric = (
      [
        [cProduct, '商品ID', 'Product ID'],
        [cSku, 'SKU ID', 'SKU ID'],
      ] as const
    ).find(([c]) => isNumberCell(row.getCell(c).value));
    if (numeric) {
      const [, zh, en] = numeric;
      report.rejected.push({
        line,
        reason: {
          zh: `“${zh}”单元格是数字，不是文本：表格软件只保留 15 位有效数字，超过的编号可能已被改动。请把单元格设为文本，再按速卖通上的编号填写（或使用“导出”得到的表格）。`,
          en: `The "${en}" cell holds a number, not text: spreadsheets keep only 15 significant digits, so a longer id may already have changed. Format the cell as text and enter the id as AliExpress shows it (or use the workbook from Export).`,
        },
      });
      return;
    }
    for (const [c, zh, en] of [
      [cProduct, '商品ID', 'Product ID'],
      [cSku, 'SKU ID', 'SKU ID'],
      [cErp, 'ERP SKU', 'ERP SKU'],
    ] as const) {
      const why = unreadableCell(row.getCell(c).value);
      if (why) {
        report.rejected.push({ line, reason: { zh: `“${zh}”${why.zh}`, en: `"${en}"${why.en}` } });
        return;
      }
    }
    const productId = cellText(row.getCell(cProduct).value).trim();
    const skuId = cellText(row.getCell(cSku).value).trim();
    const erp = cellText(row.getCell(cErp).value).trim();
    const l = findListing.get(productId, skuId) as { id: number; erp_sku: string | null } | undefined;
    if (!l) {
      report.rejected.push({
        line,
        reason: { zh: `找不到商品 ${productId} 的 SKU ${skuId}`, en: `No SKU ${skuId} of product ${productId}` },
      });
      return;
    }
    const first = firstLine.get(l.id);
    if (first) {
      // The same line twice changes nothing more; two ERP SKUs for one listing SKU is the seller's to settle.
      if (first.erp === erp) report.unchanged++;
      else report.rejected.push({ line, reason: repeatedLine(first, { erp, productId, skuId }) });
      return;
    }
    firstLine.set(l.id, { line, erp });
    if (!erp || erp === l.erp_sku) {
      report.unchanged++;
      return;
    }
    // As typed, or as the seller's SKU case rule and the usual full-width / invisible differences read it.
    const found = erpExists.get(erp) ? erp : sameErpSku(erp);
    if (typeof found !== 'string') {
      report.rejected.push({
        line,
        reason: found
          ? {
              zh: `ERP SKU“${erp}”可能是 ${found.map((x) => `“${x}”`).join('、')}：请按ERP里的写法填写其中一个`,
              en: `ERP SKU "${erp}" could be ${found.map((x) => `"${x}"`).join(', ')}: enter one of them as the ERP writes it`,
            }
          : { zh: `ERP里没有SKU“${erp}”`, en: `The ERP has no SKU "${erp}"` },
      });
      return;
    }
    if (found === l.erp_sku) {
      report.unchanged++;
      return;
    }
    toLink.push({ id: l.id, erp: found });
  });
  report.linked = toLink.length;
  if (confirm && toLink.length) {
    db.transaction(() => {
      for (const t of toLink) linkManually(db, t.id, t.erp, now);
    })();
    report.applied = true;
  }
  return report;
}
