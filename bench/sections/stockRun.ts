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
  baselineMs: number;
  maxRssKb: number;
  rowsRead: number;
  rowsChanged: number;
  outbox: number;
}

export async function benchStockRun(opts: { quick: boolean; busy?: boolean }): Promise<Figure[]> {
  const n = opts.quick ? 2_000 : 100_000;
  const k = n.toLocaleString('en');
  const busy = opts.busy ? BUSY_LABEL : '';
  const dir = await seededCopy(n, 'run');
  // Busy: the run and its raw baseline (same child, one after the other) both beside the loops.
  const run = opts.busy ? await withBusyLoops(() => child<RunOut>('run', dir, n)) : child<RunOut>('run', dir, n);
  const raw = `raw SQLite upsert, 1 statement, 1 transaction, mean of just before and after the run${busy}`;
  const section = opts.busy ? '2 stock run, busy' : '2 stock run';
  const part = (figure: string, value: number): Figure => ({
    section,
    figure,
    value,
    unit: 'ms',
    baseline: run.baselineMs,
    baselineLabel: raw,
  });
  const figures: Figure[] = [
    {
      ...part(
        `${k}-SKU stock run${busy}: normalise, persist, resolve (10 rules), decide + outbox (${run.rowsChanged.toLocaleString('en')} changed, ${run.outbox.toLocaleString('en')} unbinds queued)`,
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
  const base = child<{ baselineMs: number; maxRssKb: number }>('baseline', await seededCopy(n, 'base'), n);
  figures.push({
    section: '4 memory',
    figure: `peak RSS of the process running the ${k}-SKU stock run`,
    value: run.maxRssKb / 1024,
    unit: 'MB',
    baseline: base.maxRssKb / 1024,
    baselineLabel: 'same child doing only the raw upsert',
    target: '< 300 MB',
  });
  return figures;
}
