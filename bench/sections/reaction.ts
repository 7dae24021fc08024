/**
 * 1. Reaction time, simulated: how long after a stock-out in the ERP the unbind is sent, with the
 * real stock sync, scheduler, engine and outbox sender against both simulators, the real
 * 5-a-minute Tongtool quota, in virtual time. Stock-outs arrive at random (seeded) over the horizon,
 * among ordinary stock changes; the run continues until every stock-out's unbind is sent (or a cap).
 * The floor is one quota window: no strategy can see a change sooner than its next allowed request.
 */
import { setMaxListeners } from 'node:events';
import type { Figure } from '../report';
import { waiterFor } from '../../src-main/core/connectors/wait';
import { stockScheduler } from '../../src-main/core/stock/scheduler';
import { autoService } from '../../src-main/core/auto/service';
import { decideRun } from '../../src-main/core/auto/engine';
import { getStockPorts } from '../../src-main/core/stock/ports';
import { prng } from '../catalogue';
import { SIM_WAREHOUSES, startSimStore, type SimStore } from '../sim';

const MIN = 60_000;
/** The scheduler's and the engine's own polling periods (scheduler.ts, auto/service.ts). */
const SCHEDULER_CHECK_MS = 15_000;
const OUTBOX_CHECK_MS = 5_000;

interface SimResult {
  reactionsMin: number[];
  stockOuts: number;
  unsent: number;
  ttCallsPerHour: number;
  aeCallsPerHour: number;
  reads: { full: number; incremental: number };
  firstReadMin: number;
  simulatedMin: number;
  realMs: number;
}

interface ErpEvent {
  at: number;
  sku: string;
  /** null: sold out in every warehouse; otherwise one warehouse's figure goes down. */
  warehouseId: string | null;
}

/** Poisson arrivals over [start, start+horizon): stock-outs on distinct SKUs, ordinary changes anywhere. */
function events(
  skus: string[],
  start: number,
  horizonMin: number,
  stockOutsPerHour: number,
  changesPerHour: number,
  seed: number,
  exclude = new Set<string>(),
): ErpEvent[] {
  const r = prng(seed);
  const out: ErpEvent[] = [];
  const arrivals = (perHour: number, make: () => Omit<ErpEvent, 'at'> | null) => {
    for (let t = start; ;) {
      t += (-Math.log(1 - r()) / perHour) * 60 * MIN;
      if (t >= start + horizonMin * MIN) break;
      const e = make();
      if (e) out.push({ at: Math.round(t), ...e });
    }
  };
  const pool = skus.filter((s) => !exclude.has(s));
  arrivals(stockOutsPerHour, () => (pool.length ? { sku: pool.splice(Math.floor(r() * pool.length), 1)[0]!, warehouseId: null } : null));
  arrivals(changesPerHour, () => ({ sku: skus[Math.floor(r() * skus.length)]!, warehouseId: SIM_WAREHOUSES[Math.floor(r() * 2)]!.id }));
  return out.sort((a, b) => a.at - b.at);
}

interface SimOptions {
  /** A restock wave: this many listing SKUs were unbound and their stock is back, so as many binds are queued at the start. */
  wave?: number;
  stockOutsPerHour?: number;
}

/**
 * The wave's SKUs are unbound on the marketplace and in the app, with their stock in the ERP: one
 * decision pass then queues a bind for each, ahead of every stock-out of the run.
 */
async function queueRestockWave(store: SimStore, count: number): Promise<Set<string>> {
  const { app } = store;
  const wave = new Set(store.skus.slice(store.skus.length - count));
  const market = await getStockPorts(app)?.marketplace?.();
  if (!market) throw new Error('the bench store has no marketplace');
  const rows = app.db.prepare('SELECT id, product_id, sku_id, sc_item_id, seller_sku FROM stock_listing_skus').all() as {
    id: number;
    product_id: string;
    sku_id: string;
    sc_item_id: string;
    seller_sku: string;
  }[];
  const setUnbound = app.db.prepare('UPDATE stock_listing_skus SET bind_status = 1 WHERE id = ?');
  for (const r of rows) {
    if (!wave.has(r.seller_sku)) continue;
    await market.unbind({ itemId: r.product_id, skuId: r.sku_id, scItemId: r.sc_item_id });
    setUnbound.run(r.id);
  }
  const run = decideRun(app, 'bench restock wave');
  if (run.counts.bind !== count) throw new Error(`restock wave queued ${run.counts.bind} binds, not ${count}`);
  return wave;
}

async function simulate(
  n: number,
  strategy: 'full' | 'incremental',
  horizonMin: number,
  seed: number,
  so: SimOptions = {},
): Promise<SimResult> {
  const real0 = performance.now();
  const store = await startSimStore(n, { fullOnly: strategy === 'full', seed });
  const { app, clock, tt, ae } = store;
  try {
    const wave = so.wave ? await queueRestockWave(store, so.wave) : new Set<string>();
    const waiter = waiterFor(clock);
    const scheduler = stockScheduler(app);
    const auto = autoService(app);
    const start = clock.now();
    const tt0 = tt.calls.length;
    const ae0 = ae.calls.length;
    const runs0 = app.db.prepare('SELECT max(id) FROM stock_sync_runs').pluck().get() as number;
    // Ordinary sales move about 2% of SKUs an hour; 20 stock-outs an hour at any size.
    const evs = events(store.skus, start, horizonMin, so.stockOutsPerHour ?? 20, Math.max(20, n * 0.02), seed + 7, wave);
    const outAt = new Map<string, number>();
    let erpDone = false;
    // The cap: a full read of the whole catalogue can start just after the last stock-out.
    const capAt = start + horizonMin * MIN + 3 * Math.max(store.firstReadMin, 1) * MIN + 30 * MIN;
    let stop = false;

    const erp = (async () => {
      for (const e of evs) {
        if (e.at > clock.now()) await waiter.sleep(e.at - clock.now());
        if (e.warehouseId === null) {
          for (const w of SIM_WAREHOUSES) tt.setStock(e.sku, w.id, 0);
          outAt.set(e.sku, clock.now());
        } else if (!outAt.has(e.sku)) {
          const cur = tt.getStock(e.sku, e.warehouseId);
          if (cur) tt.setStock(e.sku, e.warehouseId, Math.max(1, cur.available - 1 - Math.floor(e.at % 3)));
        }
      }
      erpDone = true;
    })();

    const sentUnbinds = app.db.prepare("SELECT count(*) FROM auto_actions WHERE kind = 'unbind' AND sent_at IS NOT NULL").pluck();
    // The scheduler's loop, and the engine deciding and sending after each read (as in the desktop app).
    const schedule = (async () => {
      while (!stop) {
        const run = await scheduler.tick();
        if (run && auto.afterStockRun('schedule')) void auto.drain().catch(() => undefined);
        if ((erpDone && (sentUnbinds.get() as number) >= outAt.size) || clock.now() > capAt) stop = true;
        else await waiter.sleep(SCHEDULER_CHECK_MS);
      }
    })();
    // The engine's own loop: whatever becomes due (retries) is drained.
    const outbox = (async () => {
      while (!stop) {
        await auto.drain().catch(() => undefined);
        await waiter.sleep(OUTBOX_CHECK_MS);
      }
    })();
    await Promise.all([erp, schedule, outbox]);
    await auto.drain().catch(() => undefined);

    const sent = new Map(
      (
        app.db
          .prepare(
            "SELECT s.seller_sku, min(a.sent_at) FROM auto_actions a JOIN stock_listing_skus s ON s.id = a.listing_sku_id WHERE a.kind = 'unbind' AND a.sent_at IS NOT NULL GROUP BY s.seller_sku",
          )
          .raw()
          .all() as [string, string][]
      ).map(([sku, at]) => [sku, Date.parse(at)]),
    );
    const reactionsMin: number[] = [];
    let unsent = 0;
    for (const [sku, at] of outAt) {
      const s = sent.get(sku);
      if (s === undefined) unsent++;
      else reactionsMin.push((s - at) / MIN);
    }
    const hours = (clock.now() - start) / (60 * MIN);
    const reads = app.db
      .prepare("SELECT strategy, count(*) AS n FROM stock_sync_runs WHERE id > ? AND status = 'ok' GROUP BY strategy")
      .all(runs0) as { strategy: string; n: number }[];
    return {
      reactionsMin,
      stockOuts: outAt.size,
      unsent,
      ttCallsPerHour: (tt.calls.length - tt0) / hours,
      aeCallsPerHour: (ae.calls.length - ae0) / hours,
      reads: {
        full: reads.find((x) => x.strategy === 'full')?.n ?? 0,
        incremental: reads.find((x) => x.strategy === 'incremental')?.n ?? 0,
      },
      firstReadMin: store.firstReadMin,
      simulatedMin: clock.now() - start > 0 ? (clock.now() - start) / MIN : 0,
      realMs: performance.now() - real0,
    };
  } finally {
    await store.stop();
  }
}

/**
 * 1b. A restock wave of 1,000 queued binds, then stock-outs arriving while it drains: stock-out →
 * unbind sent against the same run (same seed, same stock-outs) with an empty queue. Unbinds go
 * before binds (the sender's lanes), so the queued case should be within 1.1× of the empty one.
 */
export async function benchWave({ quick }: { quick: boolean }): Promise<Figure[]> {
  setMaxListeners(0);
  const [n, horizonMin, wave] = quick ? [1_500, 10, 1_000] : [10_000, 30, 1_000];
  const empty = await simulate(n, 'incremental', horizonMin, 43, { stockOutsPerHour: 120 });
  const queued = await simulate(n, 'incremental', horizonMin, 43, { stockOutsPerHour: 120, wave });
  const k = `${n / 1000}k`;
  const figures: Figure[] = [];
  for (const [label, p] of [
    ['p50', 50],
    ['p95', 95],
    ['max', 100],
  ] as const) {
    const v = p === 100 ? Math.max(...queued.reactionsMin) : pct(queued.reactionsMin, p);
    const b = p === 100 ? Math.max(...empty.reactionsMin) : pct(empty.reactionsMin, p);
    figures.push({
      section: '1b wave',
      figure:
        `${k} SKUs, ${wave} binds queued by a restock wave: stock-out → unbind sent, ${label}` +
        (label === 'p50'
          ? ` (${queued.stockOuts} stock-outs in ${horizonMin} min${queued.unsent ? `; ${queued.unsent} STILL NOT UNBOUND` : ''})`
          : ''),
      value: v,
      unit: 'min',
      baseline: b,
      baselineLabel: 'same run, empty queue',
      target: label === 'p95' ? '≤ 1.1× the empty queue' : undefined,
    });
  }
  return figures;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export async function benchReaction(opts: { quick: boolean }): Promise<Figure[]> {
  // The virtual-time waiter (connectors/wait.ts, ManualClock only) leaves one abort listener per
  // sleep on the read's signal; a long read passes Node's warning limit. Not a product path.
  setMaxListeners(0);
  // Hours of stock-outs per size; the run then continues until every unbind is sent.
  const plan: [number, number][] = opts.quick
    ? [[1_000, 30]]
    : [
        [1_000, 12 * 60],
        [10_000, 12 * 60],
        [50_000, 12 * 60],
      ];
  const figures: Figure[] = [];
  for (const [n, horizonMin] of plan) {
    for (const strategy of ['full', 'incremental'] as const) {
      const r = await simulate(n, strategy, horizonMin, 42);
      const k = n >= 1000 ? `${n / 1000}k` : String(n);
      const tag = `${k} SKUs × 2 warehouses, ${strategy === 'full' ? 'full reads' : 'incremental reads'}`;
      const note =
        `${r.stockOuts} stock-outs over ${(horizonMin / 60).toFixed(0)} h, ${r.simulatedMin.toFixed(0)} simulated min in ${(r.realMs / 1000).toFixed(0)} s; ` +
        `reads: ${r.reads.full} full, ${r.reads.incremental} incremental; a full read takes ${r.firstReadMin.toFixed(0)} min` +
        (r.unsent ? `; ${r.unsent} STILL NOT UNBOUND at the end` : '');
      const floor = { unit: 'min', baseline: 1, baselineLabel: 'floor: one quota window' };
      figures.push(
        { section: '1 reaction', figure: `${tag}: stock-out → unbind sent, p50 (${note})`, value: pct(r.reactionsMin, 50), ...floor },
        {
          section: '1 reaction',
          figure: `${tag}: p95`,
          value: pct(r.reactionsMin, 95),
          ...floor,
          target: tag.includes('incremental') ? '≤ 2 min (at 10k)' : undefined,
        },
        { section: '1 reaction', figure: `${tag}: max`, value: Math.max(...r.reactionsMin), ...floor },
        {
          section: '1 reaction',
          figure: `${tag}: Tongtool calls per hour`,
          value: r.ttCallsPerHour,
          unit: 'calls/h',
          baseline: 300,
          baselineLabel: 'the quota, 5 a minute',
        },
        {
          section: '1 reaction',
          figure: `${tag}: AliExpress calls per hour`,
          value: r.aeCallsPerHour,
          unit: 'calls/h',
          baseline: (r.stockOuts / r.simulatedMin) * 60,
          baselineLabel: 'one unbind call per stock-out',
        },
      );
    }
  }
  return figures;
}
