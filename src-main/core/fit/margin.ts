/**
 * The margin comparison behind the fit verdict: what one unit earns at the fully-managed supply
 * price (供货价) against what it earns in the seller's own store today. Integer fen throughout;
 * percentages as basis points so nothing is rounded twice.
 */
import type { FitNumbers, MarginComparison } from '../../../src-shared/channels/fit';
import { formatFen } from '../../../src-shared/money';

function bp(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 10_000) / whole) : null;
}

export function pctText(bpValue: number | null): string {
  return bpValue === null ? '—' : `${(bpValue / 100).toFixed(1)}%`;
}

export function compareMargins(n: FitNumbers): MarginComparison {
  const supplyMarginFen = n.supplyPriceFen - n.unitCostFen;
  const supplyMarginBp = bp(supplyMarginFen, n.supplyPriceFen);
  const hasOwn = n.ownPriceFen !== undefined;
  const ownMarginFen = hasOwn ? n.ownPriceFen! - (n.ownFeesFen ?? 0) - n.unitCostFen : null;
  const ownMarginBp = ownMarginFen === null ? null : bp(ownMarginFen, n.ownPriceFen!);
  const differenceFen = ownMarginFen === null ? null : supplyMarginFen - ownMarginFen;

  const zh: string[] = [
    `供货价 ${formatFen(n.supplyPriceFen)} − 成本 ${formatFen(n.unitCostFen)} = 每件 ${formatFen(supplyMarginFen)}（${pctText(supplyMarginBp)}）。`,
  ];
  const en: string[] = [
    `Supply price ${formatFen(n.supplyPriceFen)} − cost ${formatFen(n.unitCostFen)} = ${formatFen(supplyMarginFen)} a unit (${pctText(supplyMarginBp)}).`,
  ];
  if (supplyMarginFen < 0) {
    zh.push('按这个供货价每卖一件都在亏钱。');
    en.push('At this supply price every unit sold loses money.');
  }
  if (ownMarginFen !== null && differenceFen !== null) {
    zh.push(
      `自营店每件赚 ${formatFen(ownMarginFen)}（${pctText(ownMarginBp)}），全托管${differenceFen >= 0 ? '多' : '少'} ${formatFen(Math.abs(differenceFen))}。`,
    );
    en.push(
      `Your own store earns ${formatFen(ownMarginFen)} a unit (${pctText(ownMarginBp)}); fully-managed earns ${formatFen(Math.abs(differenceFen))} ${differenceFen >= 0 ? 'more' : 'less'}.`,
    );
  }
  return {
    unitCostFen: n.unitCostFen,
    supplyPriceFen: n.supplyPriceFen,
    supplyMarginFen,
    supplyMarginBp,
    ownMarginFen,
    ownMarginBp,
    differenceFen,
    ownPriceFen: n.ownPriceFen ?? null,
    ownFeesFen: hasOwn ? (n.ownFeesFen ?? 0) : null,
    summary: { zh: zh.join(''), en: en.join(' ') },
  };
}
