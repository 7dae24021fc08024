import { formatFen as fenText, fenToYuanText } from '../../../../src-shared/money';

/** Money on screen: fen from main shown as ¥1,234.56 (main never sends floats); nothing as —. */
export function formatFen(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : fenText(fen);
}

/** The plain figure for a form field: 850000 → "8500.00". */
export const fenToYuan = fenToYuanText;

/** Today in China, as YYYY-MM-DD: the latest day a date box of the case offers. */
export const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const STAGES = ['status', 'checks', 'apply', 'review', 'arrival'] as const;
