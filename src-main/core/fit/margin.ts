/**
 * The margin comparison behind the fit verdict: what one unit earns at the fully-managed supply
 * price (供货价) against what it earns in the seller's own store today. Integer fen throughout;
 * percentages as basis points so nothing is rounded twice.
 */
import type { Bilingual } from '../../../src-shared/bilingual';
import type { FitNumbers, MarginComparison } from '../../../src-shared/channels/fit';
import { formatFen } from '../../../src-shared/money';

function bp(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 10_000) / whole) : null;
}

export function pctText(bpValue: number | null): string {
  return bpValue === null ? '—' : `${(bpValue / 100).toFixed(1)}%`;
}

/**
 * The own store's margin a unit beside fully-managed's, in the words a seller uses: a loss is 亏,
 * not "赚 -¥2.00"; equal margins are the same, not "多 ¥0.00"; and when both lose money the
 * difference is losing less or more, not earning more or less.
 */
function compareOwn(ownFen: number, ownBp: number | null, supplyFen: number, diffFen: number): Bilingual {
  const pct = pctText(ownBp);
  const gap = formatFen(Math.abs(diffFen));
  const zhOwn = ownFen < 0 ? `自营店每件亏 ${formatFen(-ownFen)}（${pct}）` : `自营店每件赚 ${formatFen(ownFen)}（${pct}）`;
  const enOwn =
    ownFen < 0 ? `Your own store loses ${formatFen(-ownFen)} a unit (${pct})` : `Your own store earns ${formatFen(ownFen)} a unit (${pct})`;
  if (diffFen === 0) return { zh: `${zhOwn}，和全托管一样。`, en: `${enOwn}, the same as fully-managed.` };
  if (supplyFen < 0 && ownFen < 0) {
    return {
      zh: `${zhOwn}，全托管每件${diffFen > 0 ? '少亏' : '多亏'} ${gap}。`,
      en: `${enOwn}; fully-managed loses ${gap} ${diffFen > 0 ? 'less' : 'more'} a unit.`,
    };
  }
  return {
    zh: `${zhOwn}，全托管每件${diffFen > 0 ? '多赚' : '少赚'} ${gap}。`,
    en: `${enOwn}; fully-managed earns ${gap} ${diffFen > 0 ? 'more' : 'less'} a unit.`,
  };
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
    const own = compareOwn(ownMarginFen, ownMarginBp, supplyMarginFen, differenceFen);
    zh.push(own.zh);
    en.push(own.en);
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
