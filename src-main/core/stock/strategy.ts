/**
 * Which read a stock sync does, decided from facts alone (no database, no clock): full or
 * incremental, whether the full read that catches drift runs in the background beside the change
 * feed, when it is retried, and when the goods pages are read again. sync.ts gathers the facts.
 */
import type { StrategyChoice, SyncStrategy } from '../../../src-shared/types/stock';

/** Tongtool's change feed reaches back 7 days; stay clear of the edge. */
export const CHANGE_FEED_DAYS = 6.5;
/** After a failed or cancelled drift read, wait this long before trying again (quota is shared). */
export const DRIFT_RETRY_MS = 15 * 60_000;
/** Goods (product) pages cost as much quota as stock pages; names and categories rarely change. */
export const PRODUCTS_EVERY_HOURS = 24;

export type StrategyPlan =
  | (StrategyChoice & { background?: false })
  | (StrategyChoice & {
      strategy: 'full';
      /**
       * The full read only catches drift: it runs in the background, sharing the quota with the change
       * feed, so a stock-out is still seen within about a minute while it runs.
       */
      background: true;
      /** The same read done in the foreground, for one-shot processes (`auto run --once`, `stock sync --once`). */
      foreground: StrategyChoice;
    });

/** What the strategy depends on, read by the caller. */
export interface StrategyFacts {
  /** The source has a change feed (readChangesSince). */
  canReadChanges: boolean;
  /** When the last successful full read started, if there was one. */
  lastFullOkAt: string | null;
  /** The active ERP warehouses and where their change feed was last read up to. */
  warehouses: { id: string; changesCursor: string | null }[];
  now: number;
  fullEveryHours: number;
  /** Pages read so far by the drift read running in the background, if one runs. */
  driftPages: number | null;
  /** The last full read that ended (ok, failed or cancelled). */
  lastFullTry: { status: string; startedAt: string } | null;
}

/** The automatic choice. */
export function planStrategy(f: StrategyFacts): StrategyPlan {
  if (!f.canReadChanges)
    return {
      strategy: 'full',
      reason: {
        zh: '库存来源不支持只读变化，每次读取全部库存。',
        en: 'The stock source cannot read changes only; every read is full.',
      },
    };
  if (!f.lastFullOkAt) return { strategy: 'full', reason: { zh: '第一次同步：读取全部库存。', en: 'First sync: reading all stock.' } };
  const tooOld = f.warehouses.find((w) => !w.changesCursor || f.now - Date.parse(w.changesCursor) > CHANGE_FEED_DAYS * 86400_000);
  if (tooOld)
    return {
      strategy: 'full',
      reason: {
        zh: `仓库 ${tooOld.id} 还没有可用的变化记录起点：读取全部库存。`,
        en: `Warehouse ${tooOld.id} has no usable change cursor yet: reading all stock.`,
      },
    };
  const n = f.warehouses.length;
  const incremental = {
    strategy: 'incremental' as const,
    reason: {
      zh: `只读取上次以来变化的库存（每个仓库一次请求，共 ${n} 次），变化约一分钟内可见。`,
      en: `Reading only stock changed since the last read (one request per warehouse, ${n} in all), so a change shows within about a minute.`,
    },
  };
  const hours = f.fullEveryHours;
  if (f.now - Date.parse(f.lastFullOkAt) < hours * 3600_000) return incremental;
  if (f.driftPages !== null)
    return {
      ...incremental,
      reason: {
        zh: `${incremental.reason.zh} 校正用的全量读取正在后台进行（已读 ${f.driftPages} 页）。`,
        en: `${incremental.reason.en} The full read that catches drift is running in the background (${f.driftPages} pages read).`,
      },
    };
  const last = f.lastFullTry;
  if (last && last.status !== 'ok' && f.now - Date.parse(last.startedAt) < DRIFT_RETRY_MS)
    return {
      ...incremental,
      reason: {
        zh: `${incremental.reason.zh} 上次校正用的全量读取没有完成，约 ${DRIFT_RETRY_MS / 60_000} 分钟后重试。`,
        en: `${incremental.reason.en} The last full read that catches drift did not complete; it is retried within ${DRIFT_RETRY_MS / 60_000} minutes.`,
      },
    };
  return {
    strategy: 'full',
    background: true,
    reason: {
      zh: `距上次全量读取已超过 ${hours} 小时：在后台全量读取一次，校正可能漏掉的变化；期间仍每次只读取变化，变化约一分钟内可见。`,
      en: `More than ${hours} h since the last full read: a full read in the background catches changes the change feed missed; meanwhile changes are still read, so a change shows within about a minute.`,
    },
    foreground: {
      strategy: 'full',
      reason: {
        zh: `距上次全量读取已超过 ${hours} 小时：全量读取一次，校正可能漏掉的变化。`,
        en: `More than ${hours} h since the last full read: a full read catches changes the change feed missed.`,
      },
    },
  };
}

/** The seller's (or the command line's) request against the automatic choice. */
export function requestedPlan(requested: SyncStrategy | 'auto' | undefined, auto: StrategyPlan, canReadChanges: boolean): StrategyPlan {
  if (!requested || requested === 'auto') return auto;
  if (requested === 'full') return { strategy: 'full', reason: { zh: '卖家要求全量读取。', en: 'Full read requested by the seller.' } };
  // Incremental: a source without a change feed reads in full anyway, and when incremental is what
  // would be chosen, its reason says more than "requested".
  if (!canReadChanges || auto.strategy === 'incremental') return auto;
  return { strategy: 'incremental', reason: { zh: '卖家要求只读变化。', en: 'Incremental read requested by the seller.' } };
}

/**
 * What this run reads, and the drift read to start beside it, if any. A one-shot process ends after
 * this run, so nothing would keep a background read going: it reads in the foreground instead.
 */
export function splitPlan(plan: StrategyPlan, oneShot: boolean): { run: StrategyChoice; drift: StrategyChoice | null } {
  if (!plan.background) return { run: plan, drift: null };
  if (oneShot) return { run: plan.foreground, drift: null };
  return {
    run: {
      strategy: 'incremental',
      reason: {
        zh: `只读取变化；校正用的全量读取已在后台开始（${plan.reason.zh}）`,
        en: `Reading changes only; the full read that catches drift started in the background (${plan.reason.en})`,
      },
    },
    drift: plan,
  };
}

/**
 * Whether a full read must also read the goods pages (ERP names, statuses, categories): a day after
 * the last complete goods read, or at once for a SKU the ERP index does not know yet (it needs its
 * category before its stock counts).
 */
export function needsProducts(
  lastReadAt: string | null,
  now: number,
  rows: { sku: string; category?: string }[],
  known: Set<string>,
): boolean {
  if (!lastReadAt || now - Date.parse(lastReadAt) >= PRODUCTS_EVERY_HOURS * 3600_000) return true;
  return rows.some((r) => r.category === undefined && !known.has(r.sku));
}
