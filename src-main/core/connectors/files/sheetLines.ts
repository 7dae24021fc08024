/**
 * A stock file's lines as cells with the line number the seller sees: CSV records (the delimiter
 * guessed from the header line, a quoted line break counted as an editor counts it) and XLSX rows
 * (cells as their text, with a note on cells whose text is not what the seller typed).
 */
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import type ExcelJS from 'exceljs';

export interface RawLine {
  line: number;
  cells: string[];
  /** XLSX: what a cell holds that its text does not say (null for plain text and numbers). */
  notes?: (CellNote | null)[];
}

/**
 * An Excel cell whose text is not what the seller typed: a date (Excel keeps it as a number; a
 * "3-12" SKU became one), a whole number past 15 digits (Excel keeps 15 significant digits, so
 * 123456789012345678 is already 123456789012345680), a formula with no saved result (written by a
 * program, never opened in Excel), or an error value (#N/A).
 */
export type CellNote = { kind: 'date' } | { kind: 'inexact_number' } | { kind: 'no_value' } | { kind: 'error'; error: string };

type CellObject = {
  richText?: { text: string }[];
  result?: unknown;
  text?: unknown;
  error?: unknown;
  formula?: string;
  sharedFormula?: string;
};

const isFormula = (o: CellObject) => o.formula !== undefined || o.sharedFormula !== undefined;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as CellObject;
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o || isFormula(o)) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v);
}

/** 1e15 has 16 digits: from there on Excel has already rounded the figure. */
const EXACT_LIMIT = 1e15;

function cellNote(v: unknown): CellNote | null {
  if (v instanceof Date) return { kind: 'date' };
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= EXACT_LIMIT ? { kind: 'inexact_number' } : null;
  if (typeof v !== 'object' || v === null) return null;
  const o = v as CellObject;
  if (o.error !== undefined) return { kind: 'error', error: String(o.error) };
  if (isFormula(o) && (o.result === undefined || o.result === null)) return { kind: 'no_value' };
  return 'result' in o ? cellNote(o.result) : null;
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
  return { line: row.number, cells: Array.from(cells, cellText), notes: Array.from(cells, cellNote) };
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
