/**
 * SKU folding: the one way two SKU spellings are judged "the same" for matching. Sellers type SKUs
 * in Chinese input methods (full-width letters and digits, ideographic spaces) and paste them from
 * spreadsheets (trailing spaces, invisible zero-width characters), so the raw text is not compared.
 */

/** 区分大小写 or not: the seller chooses, because some ERPs treat abc-1 and ABC-1 as two SKUs. */
export type CaseRule = 'insensitive' | 'sensitive';

// Zero-width space/joiners, word joiner and BOM: invisible in every UI, common in pasted text.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// Printable ASCII only: NFKC leaves it unchanged, so the common case skips normalize() (resolve
// folds 100k SKUs per run and normalize() is the costly part).
const PLAIN_ASCII = /^[\x20-\x7E]*$/;

/** Trim, NFKC (full-width → half-width), drop invisible characters, apply the case rule. */
export function foldSku(text: string, caseRule: CaseRule = 'insensitive'): string {
  let s = text;
  if (!PLAIN_ASCII.test(s)) s = s.normalize('NFKC').replace(INVISIBLE, '');
  s = s.trim();
  return caseRule === 'insensitive' ? s.toUpperCase() : s;
}

/** A folder bound to one case rule, for hot loops. */
export function folder(caseRule: CaseRule): (text: string) => string {
  return (text) => foldSku(text, caseRule);
}
