/**
 * Tongtool calls per hour under the quota of 5 a minute, for a realistic store: counted, not timed.
 * The app's own stock sync (full read, then incremental reads on a schedule, the drift read in the
 * background every few hours, goods pages once a day), the real TongtoolStockSource, client and
 * SqliteQuotaGate, against the Tongtool simulator on a ManualClock, so a day of syncing runs in
 * seconds and every call is counted as the simulator saw it. Printed for README "Tongtool reads and
 * the quota":
 *
 *   npx tsx bench/tongtoolQuota.ts [--skus 10000] [--warehouses 2] [--hours 24]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src-main/core/app';
import { ManualClock } from '../src-main/core/platform/clock';
import { silentLogger } from '../src-main/core/platform/logger';
import { waiterFor } from '../src-main/core/connectors/wait';
import { TongtoolClient, memorySessionStore } from '../src-main/core/connectors/tongtool/client';
import { SqliteQuotaGate, TONGTOOL_PER_MINUTE } from '../src-main/core/connectors/tongtool/quota';
import { TongtoolSimulator, type TtSimGoods } from '../src-main/core/connectors/tongtool/simulator';
import { TongtoolStockSource } from '../src-main/core/connectors/tongtool/stockSource';
import { setStockPorts } from '../src-main/core/stock/ports';
import { readStockSettings } from '../src-main/core/stock/settings';
import { stockSync } from '../src-main/core/stock/sync';

interface Scenario {
  skus: number;
  warehouses: number;
  everyMin: number;
  /** ERP stock changes an hour (orders, receipts), spread over the syncs. */
  changesPerHour: number;
  hours: number;
}

const WAREHOUSE_NAMES = ['义乌仓', '深圳仓', '东莞仓', '广州仓', '宁波仓'];
const KEYS = { appKey: 'quota-tt-key', appSecret: 'quota-tt-secret-0123' };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function measure(o: Scenario) {
  const clock = new ManualClock();
  const dir = mkdtempSync(join(tmpdir(), 'tt-quota-'));
  const app = createApp({ dataDir: dir, host: 'cli', clock, quotaGuardMs: 0, log: silentLogger });
  const warehouses = WAREHOUSE_NAMES.slice(0, o.warehouses).map((name, i) => ({ id: `W${i + 1}`, name, active: true }));
  // Half the SKUs are colours of a variant product (3 a product), half are plain goods.
  const goods: TtSimGoods[] = Array.from({ length: o.skus }, (_, i) => ({
    sku: `SKU${String(i).padStart(6, '0')}`,
    name: `商品 ${i}`,
    category: ['服装/T恤', '家居/收纳', '3C数码/数据线'][i % 3]!,
    status: '1',
    ...(i < o.skus / 2 ? { parent: `P${Math.floor(i / 3)}` } : {}),
  }));
  const r = rng(7);
  const stock = goods.flatMap((g) =>
    warehouses.map((w) => ({ sku: g.sku, warehouseId: w.id, available: 20 + Math.floor(r() * 200), safety: r() < 0.3 ? 3 : 0 })),
  );
  const sim = await new TongtoolSimulator({ clock, ...KEYS, warehouses, goods, stock, perMinute: TONGTOOL_PER_MINUTE }).start();
  const waiter = waiterFor(clock);
  const client = new TongtoolClient({
    baseUrl: sim.url,
    ...KEYS,
    clock,
    waiter,
    quota: new SqliteQuotaGate(app.db, clock, waiter),
    session: memorySessionStore(),
    random: () => 0.5,
  });
  const source = new TongtoolStockSource(client, 'tongtool', clock);
  setStockPorts(app, { source: () => source });
  const sync = stockSync(app);
  try {
    const t0 = clock.now();
    const first = await sync.run({ trigger: 'manual' });
    if (first.status !== 'ok') throw new Error(`first read failed: ${JSON.stringify(first.errors)}`);
    const firstCalls = sim.calls.length;
    const firstMin = (clock.now() - t0) / 60_000;

    const start = clock.now();
    const end = start + o.hours * 3600_000;
    const perSync = Math.round((o.changesPerHour * o.everyMin) / 60);
    const latencies: number[] = [];
    /** What an incremental read through stocksQuery's update window would have cost instead: one call, +1 per 100 changed rows. */
    let windowed = 0;
    for (let due = start; due < end; due += o.everyMin * 60_000) {
      if (clock.now() < due) await waiter.sleep(due - clock.now());
      const changed = new Set<string>();
      for (let k = 0; k < perSync; k++) {
        const g = goods[Math.floor(r() * goods.length)]!;
        const w = warehouses[Math.floor(r() * warehouses.length)]!;
        const cur = sim.getStock(g.sku, w.id);
        if (!cur) continue;
        sim.setStock(g.sku, w.id, Math.max(0, cur.available - 1 - Math.floor(r() * 3)));
        changed.add(`${g.sku}/${w.id}`);
      }
      const runStart = clock.now();
      const run = await sync.run({ trigger: 'schedule' });
      if (run.status !== 'ok') throw new Error(`sync failed: ${JSON.stringify(run.errors)}`);
      if (run.strategy === 'incremental') latencies.push((clock.now() - runStart) / 60_000);
      windowed += Math.max(1, Math.ceil(changed.size / 100));
    }
    await sync.driftDone();
    // By index, not time: with 5 a minute the calls come in bursts at one clock time, the first read's last burst at `start`.
    const steady = sim.calls.slice(firstCalls).filter((c) => c.at < end);
    const byName: Record<string, number> = {};
    for (const c of steady) byName[c.name] = (byName[c.name] ?? 0) + 1;
    let maxWindow = 0;
    for (let i = 0, j = 0; i < sim.calls.length; i++) {
      while (sim.calls[i]!.at - sim.calls[j]!.at >= 60_000) j++;
      maxWindow = Math.max(maxWindow, i - j + 1);
    }
    latencies.sort((a, b) => a - b);
    const perHour = (n: number) => Math.round((n / o.hours) * 10) / 10;
    const fullReads = app.db
      .prepare("SELECT count(*) FROM stock_sync_runs WHERE strategy = 'full' AND status = 'ok'")
      .pluck()
      .get() as number;
    return {
      scenario: o,
      fullEveryHours: readStockSettings(app.db).fullEveryHours,
      firstRead: { calls: firstCalls, minutes: Math.round(firstMin) },
      perHour: perHour(steady.length),
      perHourByCall: Object.fromEntries(Object.entries(byName).map(([k, v]) => [k, perHour(v)])),
      changeFeedPerHour: perHour(byName.stocksChangeQuery ?? 0),
      windowedPerHour: perHour(windowed),
      fullReadsInPeriod: fullReads - 1,
      incrementalMinutes: { median: latencies[Math.floor(latencies.length / 2)] ?? 0, max: latencies.at(-1) ?? 0 },
      maxCallsInAnyMinute: maxWindow,
      refused526: sim.attempts.filter((a) => a.code === 526).length,
    };
  } finally {
    await sim.stop();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const skus = arg('skus', 10_000);
  const warehouses = arg('warehouses', 2);
  const hours = arg('hours', 24);
  const quota = TONGTOOL_PER_MINUTE * 60;
  console.log(
    `Tongtool calls under the quota (${TONGTOOL_PER_MINUTE}/min = ${quota}/h): ${skus} SKUs × ${warehouses} warehouses, ${hours} h after the first full read`,
  );
  for (const everyMin of [5, 15]) {
    for (const changesPerHour of [120, 1200]) {
      const m = await measure({ skus, warehouses, everyMin, changesPerHour, hours });
      console.log(
        [
          `\nsync every ${everyMin} min, ${changesPerHour} ERP stock changes/h:`,
          `  first full read: ${m.firstRead.calls} calls, ${m.firstRead.minutes} min`,
          `  after it: ${m.perHour} calls/h (${Math.round((m.perHour / quota) * 100)}% of the quota), by call ${JSON.stringify(m.perHourByCall)}`,
          `  incremental reads (stocksChangeQuery, one per warehouse): ${m.changeFeedPerHour} calls/h; the windowed stocksQuery alternative: ${m.windowedPerHour} calls/h`,
          `  drift full reads (every ${m.fullEveryHours} h) in the period: ${m.fullReadsInPeriod}; incremental read took median ${m.incrementalMinutes.median} min, max ${m.incrementalMinutes.max} min`,
          `  most calls in any 60 s: ${m.maxCallsInAnyMinute}; refused with 526: ${m.refused526}`,
        ].join('\n'),
      );
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
