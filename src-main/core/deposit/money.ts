/**
 * Money as integer fen (分). A deposit refund is checked to the fen against the Alipay bill, so a
 * float anywhere (0.1 + 0.2) would make an exact refund look "different". Parsing is strict: the
 * seller sees why an amount is refused instead of the app guessing what was meant.
 */
import { AppError } from '../../../src-shared/errors';
import { bilingualTable, type Bilingual } from '../../../src-shared/bilingual';

/** ¥100,000,000.00: far above any deposit, far below Number.MAX_SAFE_INTEGER fen. */
export const MAX_FEN = 10_000_000_000;

export type MoneyProblem = 'empty' | 'format' | 'decimals' | 'zero' | 'negative' | 'too_large';

export interface ParseOptions {
  /** Bills may hold 0.00 rows; what a seller applies for may not. */
  allowZero?: boolean;
  /** Bill amounts carry a sign in some exports; a seller's amount never does. */
  allowNegative?: boolean;
}

export type ParsedMoney = { ok: true; fen: number } | { ok: false; problem: MoneyProblem };

// Digits, optionally grouped by commas in threes (1,234,567), then up to any number of decimals
// (checked separately so "1.234" gets the "two decimals" message rather than "bad format").
const NUMBER = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Reads yuan ("1,234.56", "１２３．４５", "¥88", 88.5) into fen without touching floats. */
export function tryParseFen(input: string | number, opts: ParseOptions = {}): ParsedMoney {
  let s = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input;
  // NFKC turns full-width digits, commas and points (from Chinese input methods) into ASCII.
  s = s
    .normalize('NFKC')
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .replace(/\s+/g, '');
  if (s.startsWith('-¥') || s.startsWith('+¥')) s = s[0] + s.slice(2);
  if (s === '') return { ok: false, problem: 'empty' };
  const m = NUMBER.exec(s);
  if (!m) return { ok: false, problem: 'format' };
  const [, sign, whole, decimals = ''] = m;
  if (decimals.length > 2) return { ok: false, problem: 'decimals' };
  const digits = whole!.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 11) return { ok: false, problem: 'too_large' };
  const fen = Number(digits) * 100 + Number(decimals.padEnd(2, '0'));
  if (fen > MAX_FEN) return { ok: false, problem: 'too_large' };
  if (sign === '-' && fen !== 0) {
    if (!opts.allowNegative) return { ok: false, problem: 'negative' };
    return { ok: true, fen: -fen };
  }
  if (fen === 0 && !opts.allowZero) return { ok: false, problem: 'zero' };
  return { ok: true, fen };
}

const PROBLEM_TEXT = bilingualTable<MoneyProblem>(
  {
    empty: '没有填写金额。',
    format: '不是有效的金额，请只填数字，例如 1234.56。',
    decimals: '最多只能有两位小数（精确到分）。',
    zero: '金额必须大于 0。',
    negative: '金额不能是负数。',
    too_large: '金额过大，请检查是否多输了位数。',
  },
  {
    empty: 'No amount was entered.',
    format: 'is not a valid amount; enter digits only, e.g. 1234.56.',
    decimals: 'may have at most two decimals (to the fen).',
    zero: 'must be more than zero.',
    negative: 'cannot be negative.',
    too_large: 'is too large; check for extra digits.',
  },
);

/** Like tryParseFen, but throws a BAD_INPUT a seller can act on, naming the field (and its path in the form). */
export function parseFen(input: string | number, field: Bilingual & { path?: string }, opts: ParseOptions = {}): number {
  const r = tryParseFen(input, opts);
  if (r.ok) return r.fen;
  const { zh, en } = PROBLEM_TEXT[r.problem];
  const shown = String(input).slice(0, 40);
  throw new AppError(
    'BAD_INPUT',
    r.problem === 'empty' ? `请填写${field.zh}。` : `${field.zh}“${shown}”${zh}`,
    r.problem === 'empty' ? `${field.en} is required.` : `${field.en} "${shown}" ${en}`,
    // The issue names the form's field (its path), so the message can stand under that box.
    [
      r.problem === 'empty'
        ? { path: field.path ?? field.en, message: `请填写${field.zh}`, messageEn: `${field.en} is required` }
        : { path: field.path ?? field.en, message: zh, messageEn: `${field.en} ${en}` },
    ],
  );
}

export { formatFen, fenToYuanText } from '../../../src-shared/money';
