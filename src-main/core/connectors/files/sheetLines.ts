/**
 * A stock file's lines as cells with the line number the seller sees: CSV records (the delimiter
 * guessed from the first lines, a quoted line break counted as an editor counts it) and XLSX rows
 * (cells as their text, with a note on cells whose text is not what the seller typed).
 */
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { AppError } from '../../../../src-shared/errors';
import { excelCellNote as cellNote, isFormula, type CellNote, type CellObject } from '../../platform/spreadsheetText';
import { textChunks } from '../../platform/textChunks';

export interface RawLine {
  line: number;
  cells: string[];
  /** XLSX: what a cell holds that its text does not say (null for plain text and numbers). */
  notes?: (CellNote | null)[];
}

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

/** Line breaks in a record's raw text: a quoted CRLF is one line, as an editor shows it. */
function lineBreaks(raw: string): number {
  return raw.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** Lines looked at for the delimiter: enough to pass a title or two above the header. */
const DELIMITER_LINES = 10;

/**
 * Whichever of , tab ; appears on the most of the first non-empty lines, then the most often on
 * one line (Excel's "Unicode text" is tab-separated). A title line above the header has none, so
 * it no longer decides; quoted text is left out, since a name may hold any of them.
 */
export function guessDelimiter(text: string): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/"[^"]*"/g, ''))
    .filter((l) => l.trim() !== '')
    .slice(0, DELIMITER_LINES);
  const score = (d: string) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    return [counts.filter((n) => n > 0).length, Math.max(0, ...counts)] as const;
  };
  let best = ',';
  let bestScore = score(',');
  for (const d of ['\t', ';']) {
    const sc = score(d);
    if (sc[0] > bestScore[0] || (sc[0] === bestScore[0] && sc[1] > bestScore[1])) [best, bestScore] = [d, sc];
  }
  return best;
}

export async function* csvLines(text: string): AsyncGenerator<RawLine> {
  const delimiter = guessDelimiter(text);
  // csv-parse's own line count treats a quoted CRLF as two lines; the raw text of each record is counted instead.
  // Lines are also counted as records are parsed: a failing parse drops the records still buffered.
  let parsedTo = 1;
  const parser = csvParse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    raw: true,
    bom: true,
    on_record: (record: string[], info: { raw?: string }) => {
      parsedTo += lineBreaks(info.raw ?? '');
      return record;
    },
  });
  Readable.from(textChunks(text)).pipe(parser);
  let line = 1;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      yield { line, cells: rec.record };
      line += lineBreaks(rec.raw);
    }
  } catch (err) {
    // The record left open starts on the line after the last one parsed: that is where the quote is.
    if ((err as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') throw unclosedQuote(parsedTo);
    throw err;
  }
}

function unclosedQuote(line: number): AppError {
  return new AppError(
    'FILE_INVALID',
    `第 ${line} 行有一个英文引号（"）没有配对，从这里到文件末尾都被当成了同一格，文件无法读取。请用 Excel 或文本编辑器打开文件，在第 ${line} 行补上或删掉这个引号，保存后再导入。`,
    `Line ${line} has a quote mark (") that is never closed, so everything from there to the end of the file reads as one cell and the file cannot be read. Open the file in Excel or a text editor, close or remove the quote on line ${line}, save and import again.`,
  );
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
