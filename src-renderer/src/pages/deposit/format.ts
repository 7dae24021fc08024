import { formatFen as fenText, fenToYuanText } from '../../../../src-shared/money';

/** Money on screen: fen from main shown as ¥1,234.56 (main never sends floats); nothing as —. */
export function formatFen(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : fenText(fen);
}

/** The plain figure for a form field: 850000 → "8500.00". */
export const fenToYuan = fenToYuanText;

export const STAGES = ['status', 'checks', 'apply', 'review', 'arrival'] as const;
