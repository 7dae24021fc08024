/**
 * A stock file's lines as cells with the line number the seller sees: CSV records (the delimiter
 * guessed from the header line, a quoted line break counted as an editor counts it) and XLSX rows
 * (cells as their text, date cells marked).
 */
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import type ExcelJS from 'exceljs';

export interface RawLine {
  line: number;
  cells: string[];
  /** Cells Excel stores as dates (a date is never a quantity, though Excel keeps it as a number). */
  dates?: boolean[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

function isDate(v: unknown): boolean {
  if (v instanceof Date) return true;
  return typeof v === 'object' && v !== null && 'result' in v && (v as { result?: unknown }).result instanceof Date;
}

/** Line breaks in a record's raw text: a quoted CRLF is one line, as an editor shows it. */
function lineBreaks(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0;
}

export async function* csvLines(text: string): AsyncGenerator<RawLine> {
  // The delimiter is whichever of , tab ; the header line uses most (Excel's "Unicode text" is tab-separated).
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const counts: [string, number][] = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1]);
  counts.sort((a, b) => b[1] - a[1]);
  const [top] = counts;
  const delimiter = top && top[1] > 0 ? top[0] : ',';
  // csv-parse's own line count treats a quoted CRLF as two lines; the raw text of each record is counted instead.
  const parser = csvParse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, raw: true, bom: true });
  Readable.from(chunks(text)).pipe(parser);
  let line = 1;
  for await (const rec of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    yield { line, cells: rec.record };
    line += lineBreaks(rec.raw);
  }
}

function* chunks(text: string, size = 256 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

function rowLine(row: ExcelJS.Row): RawLine {
  const values = (row.values as unknown[]) ?? [];
  // exceljs rows are 1-based: index 0 is always empty.
  const cells = values.slice(1);
  return { line: row.number, cells: Array.from(cells, cellText), dates: Array.from(cells, isDate) };
}

export function sheetRows(ws: ExcelJS.Worksheet, limit = Infinity): RawLine[] {
  const out: RawLine[] = [];
  for (let n = 1; n <= ws.rowCount && out.length < limit; n++) {
    const row = ws.findRow(n);
    if (row && row.hasValues) out.push(rowLine(row));
  }
  return out;
}

export async function* xlsxLines(ws: ExcelJS.Worksheet): AsyncGenerator<RawLine> {
  for (let n = 1; n <= ws.rowCount; n++) {
    const row = ws.findRow(n);
    if (row && row.hasValues) yield rowLine(row);
  }
}
