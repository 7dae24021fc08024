/**
 * Unbind before zero: an unbind may wait in the platform's review (status 3) while the SKU keeps
 * selling, so unbinding exactly at 0 is too late whenever review takes time. From each SKU's stock
 * history (successive reads) the engine learns how fast it sells, and from the store's past unbinds
 * how long a review takes; with the setting on, it unbinds once sellable stock ≤ what the SKU sells
 * during a slow review (never less than the seller's floor), and binds again only above that.
 *
 * Why a slow review and not the typical one: orders come by chance and reviews vary, and a trigger
 * at rate × median review leaves half the reviews longer than the stock lasts. Measured in the
 * campaign bench (npm run bench -- --only campaign; reviews of 5–60 min): unbinding at rate × median
 * review still oversold a quarter of what a 30-minute full pass did (4% of sales lost to early
 * unbinds); at the expected demand plus one standard deviation over the p90 review it oversells under
 * a tenth (16% lost). The README's table shows the points between.
 */
import type { Db } from '../db/open';
import { ANSWERED_STATES, statesSql } from '../../../src-shared/actionStates';
import type { Bilingual } from '../../../src-shared/bilingual';

const WINDOW_MS = 24 * 3600_000;
/** A rate needs history over at least this long (one read's change says little). */
const MIN_SPAN_MS = 30 * 60_000;
const KEEP_MS = 7 * 86400_000;

export interface Prediction {
  /** Units sold per hour over the last day's reads. */
  ratePerHour: number;
  /** The store's typical unbind review, minutes (median of recent reviewed unbinds). */
  reviewMin: number;
  /** A slow review here, minutes (9 in 10 recent reviews took no longer). */
  slowReviewMin: number;
  /** Unbind at or below this sellable stock. */
  trigger: number;
}

/**
 * Sales per minute per listing SKU over the last day: the decreases between successive recorded
 * sellable figures (restocks are not sales), or, where more, the units the change feed says left
 * (its changeQuantity, stock_sales), which also sees a sale and a restock inside one read window.
 * The span runs from the first record in the window; a rate needs at least MIN_SPAN_MS of it.
 */
export function salesRates(db: Db, nowMs: number, ids?: number[]): Map<number, number> {
  const list = ids ? ids.map(Number).join(',') || 'NULL' : null;
  const since = nowMs - WINDOW_MS;
  const history = db
    .prepare(
      `SELECT listing_sku_id, sum(CASE WHEN prev > sellable THEN prev - sellable ELSE 0 END), min(at)
       FROM (SELECT listing_sku_id, at, sellable, lag(sellable) OVER (PARTITION BY listing_sku_id ORDER BY at, rowid) AS prev
             FROM auto_stock_history WHERE at >= ? ${list ? `AND listing_sku_id IN (${list})` : ''})
       GROUP BY listing_sku_id`,
    )
    .raw()
    .all(since) as [number, number, number][];
  const feed = db
    .prepare(
      `SELECT k.listing_sku_id, sum(x.sold), min(x.at)
       FROM stock_sales x
       JOIN stock_sku_links k ON k.erp_sku = x.sku
       JOIN stock_listing_warehouses lw ON lw.listing_sku_id = k.listing_sku_id
       JOIN stock_store_warehouses sw ON sw.id = lw.store_warehouse_id AND sw.erp_warehouse_id = x.erp_warehouse_id
       WHERE x.at >= ? ${list ? `AND k.listing_sku_id IN (${list})` : ''}
       GROUP BY k.listing_sku_id`,
    )
    .raw()
    .all(since) as [number, number, number][];
  const by = new Map<number, { sold: number; first: number }>();
  for (const [id, sold, first] of history) by.set(id, { sold, first });
  for (const [id, sold, first] of feed) {
    const h = by.get(id);
    by.set(id, h ? { sold: Math.max(h.sold, sold), first: Math.min(h.first, first) } : { sold, first });
  }
  const out = new Map<number, number>();
  for (const [id, { sold, first }] of by) {
    const span = nowMs - first;
    if (sold > 0 && span >= MIN_SPAN_MS) out.set(id, sold / (span / 60_000));
  }
  return out;
}

export interface ReviewTimes {
  /** Median minutes from sending an unbind to the platform's answer. */
  typical: number;
  /** The 90th percentile: a slow review. */
  slow: number;
}

/**
 * How long an unbind stays in review here: the median and the 90th percentile of the time from
 * sending to the platform's answer, over the last 50 unbinds that went to review (an instant answer
 * is not a review).
 */
export function reviewMinutes(db: Db): ReviewTimes | null {
  const rows = db
    .prepare(
      `SELECT (julianday(a.finished_at) - julianday(a.sent_at)) * 1440 AS m FROM auto_actions a
       WHERE a.kind = 'unbind' AND a.state IN (${statesSql(ANSWERED_STATES)}) AND a.sent_at IS NOT NULL AND a.finished_at IS NOT NULL
         AND EXISTS (SELECT 1 FROM audit_log l WHERE l.kind = 'auto.action.review' AND json_extract(l.detail, '$.actionId') = a.id)
       ORDER BY a.id DESC LIMIT 50`,
    )
    .pluck()
    .all() as number[];
  if (!rows.length) return null;
  const sorted = rows.sort((a, b) => a - b);
  return { typical: Math.round(quantileOf(sorted, 0.5)), slow: Math.round(quantileOf(sorted, 0.9)) };
}

/** The q-quantile of ascending numbers (nearest rank below). */
export function quantileOf(sorted: number[], q: number): number {
  return sorted[Math.floor((sorted.length - 1) * q)]!;
}

/**
 * Units a SKU may sell while a slow review runs: orders arrive by chance (Poisson), so the expected
 * demand over the review plus one standard deviation (about 5 slow reviews in 6 covered).
 */
export function unitsDuringReview(ratePerMin: number, reviewMin: number): number {
  const expected = ratePerMin * reviewMin;
  return Math.ceil(expected + Math.sqrt(expected));
}

export function predictionOf(ratePerMin: number | undefined, review: ReviewTimes | null, floor: number): Prediction | null {
  if (ratePerMin === undefined || review === null) return null;
  return {
    ratePerHour: ratePerMin * 60,
    reviewMin: review.typical,
    slowReviewMin: review.slow,
    trigger: Math.max(floor, unitsDuringReview(ratePerMin, review.slow)),
  };
}

/** The reasoning shown per SKU: "预计 40 分钟内售罄，解绑审核通常 35 分钟". */
export function predictionText(p: Prediction, sellable: number): Bilingual {
  const minutes = p.ratePerHour > 0 ? Math.round((sellable / p.ratePerHour) * 60) : null;
  const rate = p.ratePerHour >= 10 ? p.ratePerHour.toFixed(0) : p.ratePerHour.toFixed(1);
  return {
    zh: `预计 ${minutes ?? '?'} 分钟内售罄（约每小时 ${rate} 件），解绑审核通常 ${p.reviewMin} 分钟、慢时 ${p.slowReviewMin} 分钟：可售 ${sellable} ≤ ${p.trigger} 时提前解绑`,
    en: `Sells out in about ${minutes ?? '?'} min (about ${rate} an hour); unbind review usually takes ${p.reviewMin} min, ${p.slowReviewMin} min when slow: unbind early at sellable ${sellable} ≤ ${p.trigger}`,
  };
}

export function pruneHistory(db: Db, nowMs: number): void {
  db.prepare('DELETE FROM auto_stock_history WHERE at < ?').run(nowMs - KEEP_MS);
  db.prepare('DELETE FROM stock_sales WHERE at < ?').run(nowMs - KEEP_MS);
}
