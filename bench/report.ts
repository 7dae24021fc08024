/** One measured figure beside its baseline from the same run, and how to print them. */
export interface Figure {
  section: string;
  figure: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run (null where the comparison is a fixed floor). */
  baseline: number | null;
  baselineLabel: string;
  /** The target from the issue, for the reader (never asserted). */
  target?: string;
}

export function ratio(f: Figure): number | null {
  return f.baseline && f.baseline > 0 ? f.value / f.baseline : null;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.figure,
    `${fmt(f.value)} ${f.unit}`,
    f.baseline === null ? f.baselineLabel : `${fmt(f.baseline)} ${f.unit} (${f.baselineLabel})`,
    ratio(f) === null ? '—' : `${ratio(f)!.toFixed(2)}×`,
    f.target ?? '',
  ]);
  const head = ['section', 'figure', 'value', 'baseline', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Milliseconds of a synchronous or async piece of work. */
export async function timeIt(fn: () => unknown | Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The median of `tries` runs, after one warm-up. */
export async function median(tries: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < tries; i++) times.push(await timeIt(fn));
  times.sort((a, b) => a - b);
  const mid = times[Math.floor(times.length / 2)];
  if (mid === undefined) throw new Error('median: tries must be at least 1');
  return mid;
}
