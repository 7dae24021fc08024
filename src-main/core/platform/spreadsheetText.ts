/**
 * Text written into a spreadsheet the seller opens: a cell that starts like a formula (= + - @, tab,
 * CR) gets a leading apostrophe, as the CSV export does, so Excel never turns it into a formula, even
 * after the cell is edited. Values already starting with apostrophes before such a character get one
 * more, so reading back (`fromTextCell`, which removes exactly one) gives every value unchanged.
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
 * Why a cell's text cannot be known, said after the column's name ("“退回工厂”…"), or null when it
 * can: an error value (#N/A, #DIV/0!, also as a formula's result), or a formula saved without its
 * value (written by a program that does not calculate, or a file never opened in Excel). Read as
 * text, both came out as "[object Object]" or as nothing at all.
 */
export function unreadableCell(v: unknown): Bilingual | null {
  if (!v || typeof v !== 'object' || v instanceof Date) return null;
  const cell = v as { error?: unknown; formula?: unknown; sharedFormula?: unknown; result?: unknown };
  const error = typeof cell.error === 'string' ? cell.error : (cell.result as { error?: unknown } | null | undefined)?.error;
  if (typeof error === 'string')
    return { zh: `是错误值 ${error}，请改成数字或文字`, en: ` holds the error value ${error}: enter a number or text` };
  if ((cell.formula !== undefined || cell.sharedFormula !== undefined) && cell.result === undefined)
    return {
      zh: '是公式，但文件里没有保存它的计算结果：请用 Excel 打开并保存一次，或把公式换成数值',
      en: ' is a formula saved without its value: open and save the file in Excel once, or replace the formula with its value',
    };
  return null;
}
