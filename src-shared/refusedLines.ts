/**
 * A stock file's refused lines as the issues of the error that refuses the file, so a seller at the
 * command line (text or --json) sees which lines to fix, not only that every line was refused.
 */
import type { Bilingual } from './bilingual';
import type { ErrorPayload } from './errors';

/** Enough lines to see what is wrong; the upload screen lists them all. */
export const REFUSED_LINES_SHOWN = 20;

export function refusedLineIssues(rejected: { line: number; reason: Bilingual; sku?: string }[]): ErrorPayload['issues'] {
  if (rejected.length === 0) return undefined;
  return rejected.slice(0, REFUSED_LINES_SHOWN).map((x) => ({
    path: `line ${x.line}`,
    message: `第 ${x.line} 行${x.sku ? `（SKU ${x.sku}）` : ''}：${x.reason.zh}`,
    messageEn: `Line ${x.line}${x.sku ? ` (SKU ${x.sku})` : ''}: ${x.reason.en}`,
  }));
}
