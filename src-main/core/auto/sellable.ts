/**
 * Sellable stock of one ERP figure, the one formula every decision and the risk model use (the
 * dashboard, the risk tab, the tray and the engine cannot disagree on what is sellable).
 *
 * Per store warehouse the seller chooses how stock is counted, as in Tongtool:
 * - available only (the default), or available + in transit (在途);
 * - "sync N% of ERP stock" (1–100, default 100), when the same stock is shared across channels.
 *
 * sellable = floor((available [+ in transit] − safety) × N / 100), never below 0. Safety stock is
 * held back for the whole warehouse first; the share is taken of what is left, rounded down so the
 * store is never offered a unit the share does not cover. An ERP figure below zero (超卖) means
 * nothing is sellable, whatever is in transit and whatever the percentage.
 */

import type { Bilingual } from '../../../src-shared/bilingual';

export interface StockCounting {
  /** Count the in-transit figure as sellable (可用 + 在途). */
  inTransit: boolean;
  /** Sync this share of the ERP's stock, 1–100. */
  percent: number;
}

export const DEFAULT_COUNTING: StockCounting = { inTransit: false, percent: 100 };

export interface StockFigure {
  available: number;
  safety: number;
  /** In transit (在途) as the last full read saw it; null or undefined when never read. */
  inTransit?: number | null;
}

export function sellableOf(stock: StockFigure, counting: StockCounting = DEFAULT_COUNTING): number {
  if (stock.available < 0) return 0;
  const transit = counting.inTransit ? Math.max(0, stock.inTransit ?? 0) : 0;
  const base = Math.max(0, stock.available + transit - stock.safety);
  const percent = Math.min(100, Math.max(1, Math.trunc(counting.percent)));
  return percent === 100 ? base : Math.floor((base * percent) / 100);
}

/** The counting settings in the seller's words, e.g. "可用+在途，同步50%" / "available + in transit, 50% synced". */
export function countingText(c: StockCounting): Bilingual {
  return {
    zh: `${c.inTransit ? '可用+在途' : '仅可用库存'}，同步${c.percent}%`,
    en: `${c.inTransit ? 'available + in transit' : 'available only'}, ${c.percent}% synced`,
  };
}

/**
 * The decision's reason with how each linked warehouse's stock was counted, so the seller sees why
 * the same ERP figure gives this sellable stock: "…（库存计算：义乌仓 可用+在途，同步50%）".
 */
export function withCounting(
  t: Bilingual,
  figures: {
    storeWarehouse: string;
    available: number | null;
    countInTransit?: boolean;
    syncPercent?: number;
    inTransit?: number | null;
  }[],
): Bilingual {
  // Only where there is a figure to count (an unmapped SKU's warehouses have none).
  if (!figures.some((f) => f.available !== null)) return t;
  const parts = figures.map((f) => {
    const c = countingText({ inTransit: f.countInTransit ?? false, percent: f.syncPercent ?? 100 });
    const transit = f.countInTransit ? { zh: `，在途${f.inTransit ?? 0}`, en: `, ${f.inTransit ?? 0} in transit` } : { zh: '', en: '' };
    return { zh: `${f.storeWarehouse} ${c.zh}${transit.zh}`, en: `${f.storeWarehouse}: ${c.en}${transit.en}` };
  });
  return {
    zh: `${t.zh}（库存计算：${parts.map((p) => p.zh).join('；')}）`,
    en: `${t.en} (stock counted: ${parts.map((p) => p.en).join('; ')})`,
  };
}
