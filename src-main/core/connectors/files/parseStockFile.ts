/**
 * Reads a seller's stock file (CSV in any of the encodings ERPs write, or XLSX) into stock rows,
 * validating every row and reporting each rejected one with its line number and the reason in
 * Chinese and English. It only parses: storing the rows is the stock domain's job, on the seller's
 * confirmation. Rows are streamed and the event loop is yielded to regularly, with progress, so a
 * 100k-row file never freezes the window.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/errors';
import type { StockRow } from '../../stock/source';
import { decodeText, isXlsx, type FileEncoding } from './decode';
import { FIELD_LABELS, REQUIRED_FIELDS, STOCK_FIELDS, matchHeaders, type StockField } from './headers';

/** A column named by its header text or by its 0-based position, per field. */
export type ColumnMapping = Partial<Record<StockField, string | number>>;

export interface ParseStockOptions {
  mapping?: ColumnMapping;
  /** Used when the file has no warehouse column (a one-warehouse spreadsheet). */
  defaultWarehouse?: string;
  onProgress?: (p: { done: number; total: number | null }) => void;
  signal?: AbortSignal;
}

export interface RejectedRow {
  line: number;
  reason: string;
  reasonEn: string;
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
}

interface RawLine {
  line: number;
  cells: string[];
}

const YIELD_EVERY = 2000;
const tick = () => new Promise<void>((r) => setImmediate(r));

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

async function* csvLines(text: string): AsyncGenerator<RawLine> {
  // The delimiter is whichever of , tab ; the header line uses most (Excel's "Unicode text" is tab-separated).
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const counts: [string, number][] = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  const delimiter = counts[0][1] > 0 ? counts[0][0] : ',';
  const parser = csvParse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, bom: true });
  Readable.from(chunks(text)).pipe(parser);
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: rec.info.lines, cells: rec.record };
  }
}

function* chunks(text: string, size = 256 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function* xlsxLines(buf: Buffer): AsyncGenerator<RawLine> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  // The first worksheet holds the stock; later sheets are notes or pivot tables.
  for await (const ws of reader) {
    for await (const row of ws) {
      const values = (row.values as unknown[]) ?? [];
      // exceljs rows are 1-based: index 0 is always empty.
      yield { line: row.number, cells: values.slice(1).map(cellText) };
    }
    break;
  }
}

function resolveMapping(headers: string[], mapping: ColumnMapping | undefined): Record<StockField, number | null> {
  const auto = matchHeaders(headers);
  if (!mapping) return auto;
  const out = { ...auto };
  for (const f of STOCK_FIELDS) {
    const m = mapping[f];
    if (m === undefined) continue;
    const idx = typeof m === 'number' ? m : headers.findIndex((h) => h.trim() === m.trim());
    if (idx < 0 || idx >= Math.max(headers.length, 1) + 50) {
      throw new AppError(
        'BAD_INPUT',
        `列对应设置里的“${String(m)}”在文件中找不到。请重新选择“${FIELD_LABELS[f].zh}”对应的列。`,
        `The column "${String(m)}" chosen for ${FIELD_LABELS[f].en} is not in the file. Choose the column again.`,
      );
    }
    out[f] = idx;
  }
  return out;
}

/**
 * Parses an integer quantity; full-width digits and thousands separators accepted. Available stock
 * may be below zero (the ERP has sold more than it holds: 超卖) and is kept, since it means nothing is
 * sellable; a negative safety stock has no meaning and is refused.
 */
function quantity(raw: string, allowNegative = false): { ok: true; value: number; folded: boolean } | { ok: false; why: 'empty' | 'nan' | 'negative' | 'fraction' } {
  const folded = raw.normalize('NFKC').trim();
  const changed = folded !== raw;
  if (folded === '') return { ok: false, why: 'empty' };
  const plain = folded.replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  if (!/^[-+]?\d+(\.\d+)?$/.test(plain)) return { ok: false, why: 'nan' };
  const n = Number(plain);
  if (n < 0 && !allowNegative) return { ok: false, why: 'negative' };
  if (!Number.isInteger(n)) return { ok: false, why: 'fraction' };
  return { ok: true, value: n, folded: changed };
}

const QTY_REASON = {
  empty: (label: { zh: string; en: string }) => [`${label.zh}为空`, `${label.en} is empty`],
  nan: (label: { zh: string; en: string }, v: string) => [`${label.zh}“${v}”不是数字`, `${label.en} "${v}" is not a number`],
  negative: (label: { zh: string; en: string }, v: string) => [`${label.zh}“${v}”是负数，库存不能小于 0`, `${label.en} "${v}" is negative; stock cannot be below 0`],
  fraction: (label: { zh: string; en: string }, v: string) => [`${label.zh}“${v}”不是整数`, `${label.en} "${v}" is not a whole number`],
};

export async function parseStockFile(input: Buffer | string, opts: ParseStockOptions = {}): Promise<ParsedStockFile> {
  const buf = typeof input === 'string' ? await readFile(input) : input;
  let format: 'csv' | 'xlsx' = 'csv';
  let encoding: FileEncoding = 'xlsx';
  let source: AsyncGenerator<RawLine>;
  let total: number | null = null;
  if (isXlsx(buf)) {
    format = 'xlsx';
    source = xlsxLines(buf);
  } else {
    const decoded = decodeText(buf);
    encoding = decoded.encoding;
    if (decoded.text.includes('\u0000') || decoded.text.includes('\uFFFD\uFFFD\uFFFD')) {
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
  const firstSeen = new Map<string, number>();
  let columns: ParsedColumns | null = null;
  let normalised = 0;
  let seen = 0;
  const pending: RawLine[] = [];

  try {
    for await (const raw of source) {
      seen++;
      if (seen % YIELD_EVERY === 0) {
        if (opts.signal?.aborted) throw new AppError('CANCELLED', '导入已取消，没有保存任何数据。', 'The import was cancelled; nothing was saved.');
        opts.onProgress?.({ done: seen, total });
        await tick();
      }
      if (raw.cells.every((c) => c.trim() === '')) continue;
      if (!columns) {
        // Headers: the first line among the first 20 that names a SKU column; title lines above it are skipped.
        pending.push(raw);
        const auto = matchHeaders(raw.cells);
        if (auto.sku !== null || opts.mapping || pending.length >= 20) {
          const headerRaw = auto.sku !== null || opts.mapping ? raw : pending[0];
          const headers = headerRaw.cells.map((c) => c.trim());
          const mapping = resolveMapping(headers, opts.mapping);
          const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === null);
          if (mapping.warehouse === null && !opts.defaultWarehouse) missing.push('warehouse');
          columns = { headers, headerLine: headerRaw.line, mapping, missing, needsMapping: missing.length > 0 };
          if (columns.needsMapping) break;
          // Lines after the chosen header that were held back while looking for it.
          for (const p of pending) if (p.line > headerRaw.line) validate(p);
        }
        continue;
      }
      validate(raw);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'FILE_INVALID',
      `文件读取失败：${err instanceof Error ? err.message : String(err)}。请确认文件没有损坏、没有被其他程序占用，再试一次。`,
      `The file could not be read: ${err instanceof Error ? err.message : String(err)}. Make sure it is not damaged or open in another program, then try again.`,
    );
  }
  if (!columns) {
    const headers = pending[0]?.cells.map((c) => c.trim()) ?? [];
    const mapping = matchHeaders(headers);
    const missing = [...REQUIRED_FIELDS.filter((f) => mapping[f] === null), ...(mapping.warehouse === null && !opts.defaultWarehouse ? (['warehouse'] as StockField[]) : [])];
    columns = { headers, headerLine: pending[0]?.line ?? 1, mapping, missing, needsMapping: true };
  }
  opts.onProgress?.({ done: seen, total: seen });
  return { format, encoding, rows: columns.needsMapping ? [] : rows, rejected: columns.needsMapping ? [] : rejected, columns, normalised };

  function validate(raw: RawLine): void {
    const m = columns!.mapping;
    const cell = (f: StockField) => (m[f] === null ? '' : (raw.cells[m[f]!] ?? ''));
    const reject = (zh: string, en: string, sku?: string) => rejected.push({ line: raw.line, reason: zh, reasonEn: en, sku });
    const rawSku = cell('sku');
    const sku = rawSku.normalize('NFKC').trim();
    let folded = sku !== rawSku;
    if (!sku) return void reject('SKU为空', 'SKU is empty');
    const rawWh = m.warehouse === null ? (opts.defaultWarehouse ?? '') : cell('warehouse');
    // Warehouse names must match the store character for character, so only outer spaces are trimmed.
    const warehouse = rawWh.trim();
    if (warehouse !== rawWh) folded = true;
    if (!warehouse) return void reject('仓库为空', 'Warehouse is empty', sku);
    const avail = quantity(cell('available'), true);
    if (!avail.ok) {
      const [zh, en] = QTY_REASON[avail.why](FIELD_LABELS.available, cell('available'));
      return void reject(zh, en, sku);
    }
    let safety = 0;
    if (m.safety !== null && cell('safety').trim() !== '') {
      const s = quantity(cell('safety'));
      if (!s.ok) {
        const [zh, en] = QTY_REASON[s.why](FIELD_LABELS.safety, cell('safety'));
        return void reject(zh, en, sku);
      }
      safety = s.value;
      folded ||= s.folded;
    }
    folded ||= avail.folded;
    const key = `${sku}\u0000${warehouse}`;
    const first = firstSeen.get(key);
    if (first !== undefined) return void reject(`与第 ${first} 行重复（同一SKU和仓库）`, `Duplicate of line ${first} (same SKU and warehouse)`, sku);
    firstSeen.set(key, raw.line);
    if (folded) normalised++;
    const text = (f: StockField) => cell(f).trim() || undefined;
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
