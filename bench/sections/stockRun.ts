/**
 * 2. A 100k-SKU stock run, and 4. the memory of the process that runs it. Each runs in a child
 * process on a copy of a seeded data folder (bench/stockRunChild.ts), so the peak resident memory
 * (process.resourceUsage().maxRSS) belongs to that run alone.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Figure } from '../report';
import { seededCopy } from '../seed';
import { BUSY_LABEL, withBusyLoops } from '../busy';

const root = join(__dirname, '../..');
/** Runs of the section (full sizes), each on a fresh copy with its own two baselines. */
const RUNS = 3;

function child<T>(mode: 'run' | 'baseline', dir: string, n: number): T {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bench/stockRunChild.ts'), mode, dir, String(n)],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  if (r.status !== 0) throw new Error(`stock run child (${mode}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as T;
}

interface BaseOut {
  baselineMs: number;
  maxRssKb: number;
}

interface RunOut {
  runMs: number;
  sourceMs: number;
  persistMs: number;
  resolveMs: number;
  resolved: boolean;
  fullResolveMs: number;
  decideMs: number;
  decide1Ms: number;
  decideFullMs: number;
  decided1: number;
  rssBeforeKb: number;
  maxRssKb: number;
  rowsRead: number;
  rowsChanged: number;
  outbox: number;
}

export async function benchStockRun(opts: { quick: boolean; busy?: boolean }): Promise<Figure[]> {
  const n = opts.quick ? 2_000 : 100_000;
  const k = n.toLocaleString('en');
  const busy = opts.busy ? BUSY_LABEL : '';
  // The raw baseline just before the run and just after it, averaged: on a shared or busy machine the
  // load moves within seconds, and one baseline taken after the run alone swung the ratio 3× between
  // runs. Each in its own short child, so the run child holds nothing of it. Busy: all three beside the loops.
  const three = async () => {
    // A fresh copy of the seeded folder for each run: every run starts from the same stored state.
    const dir = await seededCopy(n, 'run');
    const before = child<BaseOut>('baseline', dir, n);
    const run = child<RunOut>('run', dir, n);
    const after = child<BaseOut>('baseline', dir, n);
    return { before, run, after, baselineMs: (before.baselineMs + after.baselineMs) / 2 };
  };
  // Identical runs on this 2-core machine differ by up to 1.5× in ratio; the figures are those of the
  // run with the median ratio (its parts with it, so they add up), of RUNS runs.
  const runs = opts.quick ? 1 : RUNS;
  const all: Awaited<ReturnType<typeof three>>[] = [];
  for (let i = 0; i < runs; i++) all.push(opts.busy ? await withBusyLoops(three) : await three());
  const ratio = (x: (typeof all)[number]) => x.run.runMs / x.baselineMs;
  const { before, run, after, baselineMs } = [...all].sort((a, b) => ratio(a) - ratio(b))[Math.floor(all.length / 2)]!;
  const spread = runs > 1 ? `; median of ${runs} runs, ratios ${all.map((x) => ratio(x).toFixed(2)).join(', ')}` : '';
  const raw = `raw SQLite upsert, 1 statement, 1 transaction, mean of just before and after the run${busy}`;
  const section = opts.busy ? '2 stock run, busy' : '2 stock run';
  const part = (figure: string, value: number): Figure => ({
    section,
    figure,
    value,
    unit: 'ms',
    baseline: baselineMs,
    baselineLabel: raw,
  });
  const figures: Figure[] = [
    {
      ...part(
        `${k}-SKU stock run${busy}: normalise, persist, resolve (10 rules), decide + outbox (${run.rowsChanged.toLocaleString('en')} changed, ${run.outbox.toLocaleString('en')} unbinds queued${spread})`,
        run.runMs,
      ),
      target: opts.busy ? '≤ 3×' : '≤ 2×',
    },
    part('  of which: page + normalise Tongtool rows (stock pages; goods pages only when needed)', run.sourceMs),
    part('  of which: persist last-known stock (+ run bookkeeping)', run.persistMs),
    part(
      run.resolved
        ? '  of which: resolve mappings, 10 rules'
        : '  of which: resolve mappings (skipped: no mapping input changed, only stock figures; the check)',
      run.resolveMs,
    ),
    part(`  for reference: a full resolve pass of ${k} listing SKUs, 10 rules (after a rule or SKU change)`, run.fullResolveMs),
    part('  of which: decide + write outbox and audit (the listing SKUs whose stock changed)', run.decideMs),
    {
      ...part(
        `decide pass after 1% of SKUs changed (outbox sent and taken in; ${run.decided1.toLocaleString('en')} listing SKUs to decide)`,
        run.decide1Ms,
      ),
      target: '≤ 0.3×',
    },
    part(`  for reference: a full decide pass over all ${k} listing SKUs (after a setting change)`, run.decideFullMs),
  ];
  if (opts.busy) return figures;
  // The memory baseline: the same child script doing only the raw upsert (the two baseline children, averaged).
  const baseMb = (before.maxRssKb + after.maxRssKb) / 2 / 1024;
  // Memory is not a median: the highest peak of the runs counts.
  const peak = all.reduce((a, b) => (b.run.maxRssKb > a.run.maxRssKb ? b : a)).run;
  const baselineLabel = 'same child doing only the raw upsert';
  figures.push(
    {
      section: '4 memory',
      figure: `peak RSS of the process running the ${k}-SKU stock run${runs > 1 ? ` (the highest of ${runs} runs)` : ''}`,
      value: peak.maxRssKb / 1024,
      unit: 'MB',
      baseline: baseMb,
      baselineLabel,
      target: '< 300 MB',
    },
    {
      section: '4 memory',
      figure: `  for reference: RSS of that process just before the run starts (the run's own growth: ${((peak.maxRssKb - peak.rssBeforeKb) / 1024).toFixed(0)} MB)`,
      value: peak.rssBeforeKb / 1024,
      unit: 'MB',
      baseline: baseMb,
      baselineLabel,
    },
  );
  return figures;
}
