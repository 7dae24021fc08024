/**
 * Reads a seller's stock file (CSV in any of the encodings ERPs write, or XLSX) into stock rows,
 * validating every row and reporting each rejected one with its line number and the reason in
 * Chinese and English. It only parses: storing the rows is the stock domain's job, on the seller's
 * confirmation. The event loop is yielded to regularly, with progress, so a 100k-row file never
 * freezes the window. A file with nothing importable says what it found (its sheets, the header
 * line, which columns were not recognised) instead of ending as "0 accepted, 0 rejected".
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/errors';
import type { Bilingual } from '../../../../src-shared/bilingual';
import type { StockRow } from '../../stock/source';
import {
  MAX_SKU_LENGTH,
  MAX_WAREHOUSE_LENGTH,
  QTY_REASON,
  cellValueProblem,
  quantity,
  skuCellProblem,
  textProblem,
  warehouseCellProblem,
} from './cellRules';
import { decodeText, isXlsx, refuseNonTable, type FileEncoding } from './decode';
import { checkZipLimits } from '../../platform/zipGuard';
import { FIELD_LABELS, REQUIRED_FIELDS, STOCK_FIELDS, matchHeaders, type StockField } from './headers';
import { csvLines, sheetRows, xlsxLines, type RawLine } from './sheetLines';
import { damagedLine, widerThanHeader } from './lineRules';

export { MAX_QUANTITY, MAX_SKU_LENGTH } from './cellRules';

/** A column named by its header text or by its 0-based position, per field. */
export type ColumnMapping = Partial<Record<StockField, string | number>>;

export interface ParseStockOptions {
  mapping?: ColumnMapping;
  /** Used when the file has no warehouse column (a one-warehouse spreadsheet). */
  defaultWarehouse?: string;
  /** XLSX: the sheet by name or 1-based position; by default the first whose header names a SKU column. */
  sheet?: string | number;
  onProgress?: (p: { done: number; total: number | null }) => void;
  signal?: AbortSignal;
}

export interface RejectedRow {
  line: number;
  reason: Bilingual;
  sku?: string;
}

export interface ParsedColumns {
  headers: string[];
  /** The line the headers were found on. */
  headerLine: number;
  mapping: Record<StockField, number | null>;
  missing: StockField[];
  /** True when required columns were not recognised: ask the seller to map them. */
  needsMapping: boolean;
}

export interface ParsedStockFile {
  format: 'csv' | 'xlsx';
  encoding: FileEncoding;
  rows: StockRow[];
  rejected: RejectedRow[];
  columns: ParsedColumns;
  /** Rows accepted after folding full-width characters or trimming spaces. */
  normalised: number;
  /** XLSX: every sheet's name, in workbook order ([] for CSV), and the one read. */
  sheets: string[];
  sheet: string | null;
  /** The first lines under the header as the seller's cells, so columns can be chosen by their content. */
  sample: string[][];
  /** Non-empty lines under the header. */
  dataLines: number;
  /** Why nothing can be imported, saying what was found; null when some rows can be. */
  problem: Bilingual | null;
}

const YIELD_EVERY = 2000;
const SAMPLE_LINES = 5;
const tick = () => new Promise<void>((r) => setImmediate(r));
const clip = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Mapped header texts (not positions) that a line must hold to be the header. */
function mappedNames(mapping: ColumnMapping | undefined): string[] {
  return Object.values(mapping ?? {})
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim());
}

/** The header names a SKU column, or holds every header text the seller mapped (positions alone say nothing of where it is). */
function looksLikeHeader(cells: string[], opts: ParseStockOptions): boolean {
  if (matchHeaders(cells).sku !== null) return true;
  const names = mappedNames(opts.mapping);
  if (names.length === 0) return false;
  const have = new Set(cells.map((c) => c.trim()));
  return names.every((n) => have.has(n));
}

/** The sheet to read: the one asked for, else the first whose header names a SKU column, else the first with data. */
function chooseSheet(wb: ExcelJS.Workbook, opts: ParseStockOptions): ExcelJS.Worksheet | null {
  const sheets = wb.worksheets;
  if (opts.sheet !== undefined) {
    const ws = typeof opts.sheet === 'number' ? sheets[opts.sheet - 1] : sheets.find((s) => s.name.trim() === String(opts.sheet).trim());
    if (!ws) {
      const names = sheets.map((s) => `“${s.name}”`).join('、') || '（没有工作表）';
      throw new AppError(
        'BAD_INPUT',
        `工作簿里没有工作表“${String(opts.sheet)}”。这个文件的工作表有：${names}。`,
        `The workbook has no sheet "${String(opts.sheet)}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ') || '(none)'}.`,
      );
    }
    return ws;
  }
  const withData = sheets.filter((s) => s.actualRowCount > 0);
  return withData.find((s) => sheetRows(s, 20).some((r) => looksLikeHeader(r.cells, opts))) ?? withData[0] ?? null;
}

function resolveMapping(headers: string[], mapping: ColumnMapping | undefined, headerLine: number): Record<StockField, number | null> {
  const auto = matchHeaders(headers);
  if (!mapping) return auto;
  const out = { ...auto };
  // A column the seller names for one field is no longer the automatic pick of another.
  for (const f of STOCK_FIELDS) {
    const m = mapping[f];
    if (m === undefined) continue;
    const idx = typeof m === 'number' ? m : headers.findIndex((h) => h.trim() === m.trim());
    if (idx < 0 || (typeof m === 'number' && idx >= Math.max(headers.length, 1) + 50)) {
      const found =
        headers
          .filter((h) => h)
          .map((h) => `“${clip(h, 20)}”`)
          .join('、') || '（空）';
      throw new AppError(
        'BAD_INPUT',
        `“${FIELD_LABELS[f].zh}”对应的列“${String(m)}”在文件中找不到。文件第 ${headerLine} 行的列是：${found}。请重新选择。`,
        `The column "${String(m)}" chosen for ${FIELD_LABELS[f].en} is not in the file. Line ${headerLine} holds: ${
          headers
            .filter((h) => h)
            .map((h) => `"${clip(h, 20)}"`)
            .join(', ') || '(empty)'
        }. Choose again.`,
      );
    }
    for (const g of STOCK_FIELDS) if (g !== f && out[g] === idx && mapping[g] === undefined) out[g] = null;
    out[f] = idx;
  }
  refuseSharedColumn(out, headers);
  return out;
}

/**
 * One column chosen for two fields is refused: the same column as available and safety stock makes
 * every SKU's sellable stock 0, and each would be unbound.
 */
function refuseSharedColumn(mapping: Record<StockField, number | null>, headers: string[]): void {
  for (const [i, f] of STOCK_FIELDS.entries()) {
    const idx = mapping[f];
    const g = STOCK_FIELDS.slice(i + 1).find((x) => idx !== null && mapping[x] === idx);
    if (idx === null || !g) continue;
    const name = headers[idx] ? clip(headers[idx], 20) : '';
    throw new AppError(
      'BAD_INPUT',
      `“${FIELD_LABELS[f].zh}”和“${FIELD_LABELS[g].zh}”选了同一列（第 ${idx + 1} 列${name ? `“${name}”` : ''}）。一列只能对应一项，请为其中一项另选一列。`,
      `${FIELD_LABELS[f].en} and ${FIELD_LABELS[g].en} are both set to column ${idx + 1}${name ? ` ("${name}")` : ''}. A column can hold only one of them: choose another column for one.`,
    );
  }
}

function listText(items: string[], sep: string): string {
  return items.map((h) => clip(h, 20)).join(sep);
}

/**
 * A stock sheet of 100,000 SKUs in a few warehouses is well under 100 MB of sheet XML and 500,000
 * rows; the upload itself is at most 18 MB of base64. Anything inflating past these is refused.
 */
export const STOCK_LIMITS = { maxInflatedBytes: 160 * 1024 * 1024, maxRows: 500_000, maxEntries: 2_000 };

export async function parseStockFile(input: Buffer | string, opts: ParseStockOptions = {}): Promise<ParsedStockFile> {
  const buf = typeof input === 'string' ? await readFile(input) : input;
  let format: 'csv' | 'xlsx' = 'csv';
  let encoding: FileEncoding = 'xlsx';
  let source: AsyncGenerator<RawLine> | null = null;
  let total: number | null = null;
  let sheets: string[] = [];
  let sheet: string | null = null;
  if (isXlsx(buf)) {
    format = 'xlsx';
    // A bomb is refused before the spreadsheet library holds it (it needs several times the XML).
    checkZipLimits(buf, STOCK_LIMITS);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch (err) {
      throw new AppError(
        'FILE_INVALID',
        `这个 Excel 文件打不开（${err instanceof Error ? clip(err.message, 80) : '格式错误'}）。请确认文件没有损坏，或在 Excel 里另存为 .xlsx 后再导入。`,
        `This Excel file cannot be opened (${err instanceof Error ? clip(err.message, 80) : 'bad format'}). Make sure it is not damaged, or save it again as .xlsx in Excel.`,
      );
    }
    sheets = wb.worksheets.map((w) => w.name);
    const ws = chooseSheet(wb, opts);
    if (ws) {
      sheet = ws.name;
      total = ws.rowCount;
      source = xlsxLines(ws);
    }
  } else {
    refuseNonTable(buf);
    const decoded = decodeText(buf);
    encoding = decoded.encoding;
    // Three unreadable sequences in a row say binary, except in a UTF-8 text with a few damaged lines (refused one by one).
    const binary = decoded.text.includes('\uFFFD\uFFFD\uFFFD') && !encoding.startsWith('utf-8');
    if (decoded.text.includes('\u0000') || binary) {
      throw new AppError(
        'FILE_INVALID',
        '这个文件不是表格文本（CSV）或 Excel 表格，无法读取。请在 ERP 或 Excel 里“另存为” CSV 或 XLSX 后再导入。',
        'This file is neither a CSV text table nor an Excel workbook. Save it as CSV or XLSX from the ERP or Excel and import it again.',
      );
    }
    total = (decoded.text.match(/\n/g)?.length ?? 0) + 1;
    source = csvLines(decoded.text);
  }

  const rows: StockRow[] = [];
  const rejected: RejectedRow[] = [];
  const sample: string[][] = [];
  const firstSeen = new Map<string, number>();
  let columns: ParsedColumns | null = null;
  let normalised = 0;
  let seen = 0;
  let dataLines = 0;
  const pending: RawLine[] = [];

  try {
    for await (const raw of source ?? []) {
      seen++;
      if (seen % YIELD_EVERY === 0) {
        if (opts.signal?.aborted)
          throw new AppError('CANCELLED', '导入已取消，没有保存任何数据。', 'The import was cancelled; nothing was saved.');
        opts.onProgress?.({ done: seen, total });
        await tick();
      }
      if (raw.cells.every((c) => c.trim() === '')) continue;
      if (columns?.needsMapping) {
        // Columns to choose: a few lines show what each holds, the rest is not read.
        if (pending.length > SAMPLE_LINES) break;
        pending.push(raw);
        continue;
      }
      if (!columns) {
        // Headers: the first line among the first 20 that names a SKU column; title lines above it are skipped.
        pending.push(raw);
        const isHeader = looksLikeHeader(raw.cells, opts);
        if (isHeader || pending.length >= 20) {
          const headerRaw = isHeader ? raw : pending[0]!;
          columns = columnsOf(headerRaw);
          if (columns.needsMapping) {
            pending.splice(0, pending.indexOf(headerRaw));
            continue;
          }
          // Lines after the chosen header that were held back while looking for it.
          for (const p of pending) if (p.line > headerRaw.line) take(p);
        }
        continue;
      }
      take(raw);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'FILE_INVALID',
      `文件读取失败：${err instanceof Error ? err.message : String(err)}。请确认文件没有损坏、没有被其他程序占用，再试一次。`,
      `The file could not be read: ${err instanceof Error ? err.message : String(err)}. Make sure it is not damaged or open in another program, then try again.`,
    );
  }
  if (!columns && pending.length > 0) {
    // No line named a SKU column: the first line is the header, and the seller's mapping (by
    // position) may still make it usable; without one the columns must be chosen.
    columns = columnsOf(pending[0]!);
    if (!opts.mapping) columns.needsMapping = true;
    if (!columns.needsMapping) for (const p of pending.slice(1)) take(p);
  }
  opts.onProgress?.({ done: seen, total: seen });
  const cols = columns ?? { headers: [], headerLine: 1, mapping: matchHeaders([]), missing: [...REQUIRED_FIELDS], needsMapping: true };
  const problem = describeProblem();
  return {
    format,
    encoding,
    rows: cols.needsMapping ? [] : rows,
    rejected: cols.needsMapping ? [] : rejected,
    columns: cols,
    normalised,
    sheets,
    sheet,
    sample: cols.needsMapping ? pending.slice(1, 1 + SAMPLE_LINES).map((p) => p.cells.map((c) => clip(c, 50))) : sample,
    dataLines,
    problem,
  };

  function columnsOf(headerRaw: RawLine): ParsedColumns {
    const damaged = damagedLine(headerRaw.cells);
    // Garbled column names would only send the seller to map columns they cannot read.
    if (damaged)
      throw new AppError(
        'FILE_INVALID',
        `第 ${headerRaw.line} 行（表头）：${damaged.zh}`,
        `Line ${headerRaw.line} (the header): ${damaged.en}`,
      );
    const headers = headerRaw.cells.map((c) => c.trim());
    const mapping = resolveMapping(headers, opts.mapping, headerRaw.line);
    const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === null);
    if (mapping.warehouse === null && !opts.defaultWarehouse) missing.push('warehouse');
    return { headers, headerLine: headerRaw.line, mapping, missing, needsMapping: missing.length > 0 };
  }

  /** Nothing importable, in the seller's words, with what the file does hold. */
  function describeProblem(): Bilingual | null {
    if (!columns) {
      if (format === 'xlsx') {
        const names = sheets.length ? listText(sheets, '、') : '没有工作表';
        return {
          zh: `工作簿里没有任何数据（工作表：${names}）。`,
          en: `The workbook holds no data (sheets: ${sheets.length ? listText(sheets, ', ') : 'none'}).`,
        };
      }
      if (buf.length === 0)
        return {
          zh: '文件是空的（0 字节），可能导出没有完成或没有保存成功。请从 ERP 重新导出后再导入。',
          en: 'The file is empty (0 bytes): the export may not have finished or been saved. Export it from the ERP again and import that.',
        };
      return { zh: '文件是空的，没有任何一行内容。', en: 'The file is empty: it has no lines.' };
    }
    if (columns.needsMapping) {
      const zhMissing = columns.missing.map((f) => `“${FIELD_LABELS[f].zh}”`).join('、');
      const enMissing = columns.missing.map((f) => FIELD_LABELS[f].en).join(', ');
      const found = columns.headers.filter((h) => h);
      const where = sheet ? `工作表“${sheet}”` : '文件';
      const whereEn = sheet ? `sheet "${sheet}"` : 'the file';
      return {
        zh: `没有认出${zhMissing}列。${where}第 ${columns.headerLine} 行的列是：${found.length ? listText(found, '、') : '（空）'}。请指定每一项对应哪一列后再导入。`,
        en: `No ${enMissing} column was recognised. Line ${columns.headerLine} of ${whereEn} holds: ${found.length ? listText(found, ', ') : '(empty)'}. Choose which column holds each, then import.`,
      };
    }
    if (dataLines === 0) {
      return {
        zh: `表头（第 ${columns.headerLine} 行）下面没有数据行，没有可导入的库存。`,
        en: `There are no lines under the header (line ${columns.headerLine}): no stock to import.`,
      };
    }
    if (rows.length === 0) {
      return {
        zh: `全部 ${dataLines} 行都有问题，没有可导入的行。请按每行的原因改正后重新导入。`,
        en: `All ${dataLines} lines have problems, so nothing can be imported. Fix each line as described and import again.`,
      };
    }
    return null;
  }

  function take(raw: RawLine): void {
    dataLines++;
    if (sample.length < SAMPLE_LINES) sample.push(raw.cells.map((c) => clip(c, 50)));
    validate(raw);
  }

  function validate(raw: RawLine): void {
    const m = columns!.mapping;
    const cell = (f: StockField) => (m[f] === null ? '' : (raw.cells[m[f]!] ?? ''));
    const noteAt = (f: StockField) => (m[f] === null ? null : (raw.notes?.[m[f]!] ?? null));
    const dateAt = (f: StockField) => noteAt(f)?.kind === 'date';
    const reject = (reason: Bilingual, sku?: string) =>
      rejected.push({ line: raw.line, reason, sku: sku === undefined ? undefined : clip(sku, MAX_SKU_LENGTH) });
    const damaged = damagedLine(raw.cells);
    if (damaged) return void reject(damaged, cell('sku').trim() || undefined);
    const rawSku = cell('sku');
    // Only a CSV cell can be split at a comma; a note right of an Excel table shifts nothing.
    const wide = format === 'csv' ? widerThanHeader(raw.cells, columns!.headers, columns!.headerLine) : null;
    if (wide) return void reject(wide, rawSku.trim() || undefined);
    // A formula never saved or an error value reads as empty, though the seller sees a figure in Excel.
    const valueBad = (['sku', 'warehouse', 'available', 'safety'] as const)
      .map((f) => cellValueProblem(noteAt(f), FIELD_LABELS[f]))
      .find((p) => p !== null);
    if (valueBad) return void reject(valueBad, rawSku.trim() || undefined);
    const skuChanged = skuCellProblem(noteAt('sku'), rawSku);
    if (skuChanged) return void reject(skuChanged, rawSku);
    const sku = rawSku.normalize('NFKC').trim();
    let folded = sku !== rawSku;
    if (!sku) return void reject({ zh: 'SKU为空', en: 'SKU is empty' });
    const skuBad = textProblem(sku, { zh: 'SKU', en: 'The SKU' }, MAX_SKU_LENGTH);
    if (skuBad) return void reject(skuBad, sku);
    const whChanged = warehouseCellProblem(noteAt('warehouse'), cell('warehouse'));
    if (whChanged) return void reject(whChanged, sku);
    const rawWh = m.warehouse === null ? (opts.defaultWarehouse ?? '') : cell('warehouse');
    // Warehouse names must match the store character for character, so only outer spaces are trimmed.
    const warehouse = rawWh.trim();
    if (warehouse !== rawWh) folded = true;
    if (!warehouse) return void reject({ zh: '仓库为空', en: 'Warehouse is empty' }, sku);
    const whBad = textProblem(warehouse, { zh: '仓库名称', en: 'The warehouse name' }, MAX_WAREHOUSE_LENGTH);
    if (whBad) return void reject(whBad, sku);
    const avail = quantity(cell('available'), true, dateAt('available'));
    if (!avail.ok) return void reject(QTY_REASON[avail.why](FIELD_LABELS.available, clip(cell('available'))), sku);
    let safety = 0;
    if (m.safety !== null && (cell('safety').trim() !== '' || dateAt('safety'))) {
      const s = quantity(cell('safety'), false, dateAt('safety'));
      if (!s.ok) return void reject(QTY_REASON[s.why](FIELD_LABELS.safety, clip(cell('safety'))), sku);
      safety = s.value;
      folded ||= s.folded;
    }
    folded ||= avail.folded;
    const key = `${sku}\u0000${warehouse}`;
    const first = firstSeen.get(key);
    if (first !== undefined)
      return void reject({ zh: `与第 ${first} 行重复（同一SKU和仓库）`, en: `Duplicate of line ${first} (same SKU and warehouse)` }, sku);
    firstSeen.set(key, raw.line);
    if (folded) normalised++;
    const text = (f: StockField) => clip(cell(f).trim(), 200) || undefined;
    rows.push({
      sku,
      warehouseId: warehouse,
      warehouseName: warehouse,
      available: avail.value,
      safety,
      productName: text('productName'),
      productStatus: text('status'),
      category: text('category'),
    });
  }
}
