/**
 * Text written into a spreadsheet the seller opens: a cell that starts like a formula (= + - @, tab,
 * CR) gets a leading apostrophe, as the CSV export does, so Excel never turns it into a formula, even
 * after the cell is edited. Values already starting with apostrophes before such a character get one
 * more, so reading back (`fromTextCell`, which removes exactly one) gives every value unchanged.
 * Reading a cell back: what its text does not say (`excelCellNote`), one detector for every import.
 */
import type { Bilingual } from '../../../src-shared/bilingual';

const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^''*[=+\-@\t\r]/;

export function toTextCell<T>(v: T): T | string {
  return typeof v === 'string' && NEEDS_QUOTE.test(v) ? `'${v}` : v;
}

/** A row's cells, strings neutralised, numbers and the rest as they are. */
export function toTextRow(values: unknown[]): unknown[] {
  return values.map(toTextCell);
}

/** The value as written before `toTextCell` (a cell the seller typed without an apostrophe stays as typed). */
export function fromTextCell(s: string): string {
  return QUOTED.test(s) ? s.slice(1) : s;
}

/**
 * An Excel cell whose text is not what the seller typed: a date (Excel keeps it as a number; a
 * "3-12" SKU became one), a whole number past 15 digits (Excel keeps 15 significant digits, so
 * 123456789012345678 is already 123456789012345680), a formula with no saved result (written by a
 * program, never opened in Excel), or an error value (#N/A).
 */
export type CellNote = { kind: 'date' } | { kind: 'inexact_number' } | { kind: 'no_value' } | { kind: 'error'; error: string };

export type CellObject = {
  richText?: { text: string }[];
  result?: unknown;
  text?: unknown;
  error?: unknown;
  formula?: string;
  sharedFormula?: string;
};

export const isFormula = (o: CellObject) => o.formula !== undefined || o.sharedFormula !== undefined;

/** 1e15 has 16 digits: from there on Excel has already rounded the figure. */
const EXACT_LIMIT = 1e15;

export function excelCellNote(v: unknown): CellNote | null {
  if (v instanceof Date) return { kind: 'date' };
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= EXACT_LIMIT ? { kind: 'inexact_number' } : null;
  if (typeof v !== 'object' || v === null) return null;
  const o = v as CellObject;
  if (o.error !== undefined) return { kind: 'error', error: String(o.error) };
  if (isFormula(o) && (o.result === undefined || o.result === null)) return { kind: 'no_value' };
  return 'result' in o ? excelCellNote(o.result) : null;
}

/**
 * Why a cell's text cannot be known, said after the column's name ("“退回工厂”…"), or null when it
 * can: an error value (#N/A, #DIV/0!, also as a formula's result), or a formula saved without its
 * value (written by a program that does not calculate, or a file never opened in Excel). Read as
 * text, both came out as "[object Object]" or as nothing at all.
 */
export function unreadableCell(v: unknown): Bilingual | null {
  const note = excelCellNote(v);
  if (note?.kind === 'error')
    return { zh: `是错误值 ${note.error}，请改成数字或文字`, en: ` holds the error value ${note.error}: enter a number or text` };
  if (note?.kind === 'no_value')
    return {
      zh: '是公式，但文件里没有保存它的计算结果：请用 Excel 打开并保存一次，或把公式换成数值',
      en: ' is a formula saved without its value: open and save the file in Excel once, or replace the formula with its value',
    };
  return null;
}
