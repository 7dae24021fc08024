/**
 * Text written into a spreadsheet the seller opens: a cell that starts like a formula (= + - @, tab,
 * CR) gets a leading apostrophe, as the CSV export does, so Excel never turns it into a formula, even
 * after the cell is edited. Values already starting with apostrophes before such a character get one
 * more, so reading back (`fromTextCell`, which removes exactly one) gives every value unchanged.
 */
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
