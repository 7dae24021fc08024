/**
 * 1c. A campaign at 10k SKUs: orders arrive at each SKU's own rate (Poisson, seeded), an unbind sits
 * in the platform's review for a random 5–60 minutes (seeded) and the SKU keeps selling meanwhile.
 * Three policies see the same orders and the same review times:
 *   (a) a full pass every 30 minutes, as the Tongtool app does (one full sync takes about 30 min);
 *   (b) unbind at zero, on incremental reads every READ_MIN minutes (the app with early unbind off);
 *   (c) unbind before zero, on the same reads (the app with early unbind on).
 * Each pass decides with the app's own decision table (auto/decide.ts) and, for (c), the app's own
 * trigger (auto/predict.ts predictionOf: max(floor, the demand over a slow review plus one deviation)),
 * learning the rate as salesRates does (the units sold over the last day's reads, per minute) and the
 * reviews as reviewMinutes does (median and 90th percentile of the reviews seen). Time is simulated; there is no I/O, so
 * the wire (quota, lanes) is left to sections 1 and 1b.
 *
 * Counted: oversold units (orders the platform accepted while sellable stock was 0: bound or in
 * review) and sales lost to early unbinds (orders refused because the SKU was unbound while it still
 * had stock; at most the stock it had left). Assumptions, stated: no restock during the campaign;
 * the rate in the day before equals the campaign's (a campaign that lifts sales is slower to learn);
 * every unbind is approved after its review; the store's past reviews come from the same 5–60 min.
 */
import { decide, type DecideInput } from '../../src-main/core/auto/decide';
import { predictionOf } from '../../src-main/core/auto/predict';
import { DEFAULT_AUTO_SETTINGS } from '../../src-main/core/auto/settings';
import { prng } from '../catalogue';
import type { Figure } from '../report';

const HORIZON_MIN = 8 * 60;
const DAY_MIN = 24 * 60;
/** Incremental reads (b, c): one stocksChangeQuery per warehouse under the 5-a-minute quota. */
const READ_MIN = 2;
const FULL_PASS_MIN = 30;
const REVIEW_MIN = [5, 60] as const;

type Policy = 'full' | 'zero' | 'early';

interface Sku {
  /** Order times in minutes since the campaign started. */
  orders: number[];
  stock: number;
  /** Units sold in the day before the campaign (the history the rate is learned from). */
  soldBefore: number;
  /** The review time of this SKU's unbinds (no restock in the campaign, so at most one per policy). */
  reviews: number[];
}

interface Outcome {
  oversold: number;
  lost: number;
  sold: number;
  unbinds: number;
  /** SKUs that took at least one oversold order. */
  skusOversold: number;
}

function poisson(rng: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng();
  } while (p > l);
  return k - 1;
}

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** A seeded catalogue: rates from a long tail (median about 2 an hour), 1–30 units in stock. */
function catalogue(n: number, seed: number): Sku[] {
  const rng = prng(seed);
  const skus: Sku[] = [];
  for (let i = 0; i < n; i++) {
    const perHour = Math.min(60, Math.max(0.1, Math.exp(Math.log(2) + gaussian(rng))));
    const perMin = perHour / 60;
    const orders: number[] = [];
    for (let t = -Math.log(1 - rng()) / perMin; t < HORIZON_MIN; t += -Math.log(1 - rng()) / perMin) orders.push(t);
    skus.push({
      orders,
      stock: 1 + Math.floor(rng() * 30),
      soldBefore: poisson(rng, perMin * DAY_MIN),
      reviews: Array.from({ length: 1 }, () => REVIEW_MIN[0] + rng() * (REVIEW_MIN[1] - REVIEW_MIN[0])),
    });
  }
  return skus;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor((s.length - 1) * q)] ?? NaN); // no values: NaN, as before
};
const median = (xs: number[]) => quantile(xs, 0.5);

function input(stock: number, bindStatus: 1 | 2 | 3, early: number): DecideInput {
  return {
    pin: 'auto',
    erpSku: 'x',
    categoryEnabled: true,
    warehouses: [{ paired: true, nameMatches: true, active: true, stock: { available: stock, safety: 0, stale: false } }],
    bindStatus,
    hasGoodsId: true,
    threshold: DEFAULT_AUTO_SETTINGS.rebindThreshold,
    early,
  };
}

function run(skus: Sku[], policy: Policy, pastReviews: number[], trigger: 'app' | 'median' = 'app'): Outcome {
  const out: Outcome = { oversold: 0, lost: 0, sold: 0, unbinds: 0, skusOversold: 0 };
  const every = policy === 'full' ? FULL_PASS_MIN : READ_MIN;
  // The store's reviews as reviewMinutes learns them: median and 90th percentile of its latest 50.
  const latest = pastReviews.slice(-50);
  const review = { typical: quantile(latest, 0.5), slow: quantile(latest, 0.9) };
  for (const sku of skus) {
    let stock = sku.stock;
    // Declared wide: decideAt (a closure) changes it, which narrowing cannot see.
    let status = 2 as 1 | 2 | 3;
    let reviewEnds = Infinity;
    let k = 0;
    let sold = 0;
    let oversoldHere = 0;
    let o = 0;
    const decideAt = (t: number) => {
      if (status === 3 && t >= reviewEnds) status = 1;
      let early = 0;
      if (policy === 'early') {
        // salesRates: units sold in the last day's reads over the day (the history spans the whole day).
        const soldInWindow = sku.soldBefore * Math.max(0, (DAY_MIN - t) / DAY_MIN) + sold;
        const rate = soldInWindow > 0 ? soldInWindow / DAY_MIN : undefined;
        early =
          trigger === 'app'
            ? (predictionOf(rate, review, DEFAULT_AUTO_SETTINGS.predictiveFloor)?.trigger ?? 0)
            : // The first version's trigger, for comparison: rate × the median review, no room for chance.
              rate === undefined
              ? 0
              : Math.max(DEFAULT_AUTO_SETTINGS.predictiveFloor, Math.ceil(rate * review.typical));
      }
      const d = decide(input(stock, status, early));
      if (d.want === 'unbind') {
        status = 3;
        const minutes = sku.reviews[Math.min(k++, sku.reviews.length - 1)]!; // every SKU has at least one review
        reviewEnds = t + minutes;
        out.unbinds++;
      }
    };
    for (let t = every; t <= HORIZON_MIN; t += every) {
      // Orders up to this pass, in time order; a review ending between orders ends the selling.
      for (; o < sku.orders.length && sku.orders[o]! < t; o++) {
        const at = sku.orders[o]!;
        if (status === 3 && at >= reviewEnds) status = 1;
        if (status === 1) continue; // refused: counted below
        if (stock > 0) {
          stock--;
          sold++;
        } else oversoldHere++;
      }
      decideAt(t);
    }
    // Orders refused after the unbind while stock was left: the units the early unbind kept from sale.
    const refused = sku.orders.filter((at) => at >= reviewEnds).length;
    out.lost += Math.min(stock, refused);
    out.sold += sold;
    out.oversold += oversoldHere;
    if (oversoldHere > 0) out.skusOversold++;
  }
  return out;
}

export async function benchCampaign({ quick }: { quick: boolean }): Promise<Figure[]> {
  const n = quick ? 1_000 : 10_000;
  const skus = catalogue(n, 1207);
  const rng = prng(77);
  const pastReviews = Array.from({ length: 50 }, () => REVIEW_MIN[0] + rng() * (REVIEW_MIN[1] - REVIEW_MIN[0]));
  const t0 = performance.now();
  const a = run(skus, 'full', pastReviews);
  const b = run(skus, 'zero', pastReviews);
  const c = run(skus, 'early', pastReviews);
  const cMedian = run(skus, 'early', pastReviews, 'median');
  const realS = (performance.now() - t0) / 1000;
  const k = `${n / 1000}k`;
  const orders = skus.reduce((s, x) => s + x.orders.length, 0);
  const head = `${k} SKUs, ${HORIZON_MIN / 60} h campaign, ${orders} orders, reviews ${REVIEW_MIN[0]}–${REVIEW_MIN[1]} min (typical ${median(pastReviews)})`;
  const base = { section: '1c campaign', unit: 'units', baseline: a.oversold, baselineLabel: '(a) 30-min full pass' };
  const note = (r: Outcome) => `${r.skusOversold} SKUs oversold, ${r.unbinds} unbinds, ${r.sold} sold`;
  return [
    { ...base, figure: `(a) 30-min full pass: oversold units (${head}; ${note(a)}; ${realS.toFixed(1)} s)`, value: a.oversold },
    { ...base, figure: `(b) unbind at zero, reads every ${READ_MIN} min: oversold units (${note(b)})`, value: b.oversold },
    { ...base, figure: `(c) unbind before zero: oversold units (${note(c)})`, value: c.oversold, target: '≤ 0.1× (a)' },
    {
      ...base,
      figure: `for comparison, not the app: (c) with rate × the median review (${median(pastReviews)} min) as the trigger: oversold units (${note(cMedian)}; ${cMedian.lost} units lost to early unbinds)`,
      value: cMedian.oversold,
    },
    {
      section: '1c campaign',
      figure: `(c) unbind before zero: sales lost to early unbinds ((a) and (b) lose ${a.lost} and ${b.lost}; baseline: units sold under (a))`,
      value: c.lost,
      unit: 'units',
      baseline: a.sold,
      baselineLabel: 'units sold under (a)',
    },
  ];
}
