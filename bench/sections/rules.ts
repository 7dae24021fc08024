/** 3. Rule resolution: 100k listing SKUs through 10 obfuscation rules vs exact matching alone. */
import { catalogue, TEN_RULES } from '../catalogue';
import { median, type Figure } from '../report';
import { resolveOne } from '../../src-main/core/stock/resolve';
import { compileRule } from '../../src-main/core/stock/skuRules';
import { buildErpIndex } from '../../src-main/core/stock/erpIndex';

export async function benchRules(opts: { quick: boolean }): Promise<Figure[]> {
  const n = opts.quick ? 2_000 : 100_000;
  const { erpSkus, sellerSkus } = catalogue(n);
  const index = buildErpIndex(erpSkus, 'insensitive');
  const rules = TEN_RULES.map((spec, i) => compileRule({ id: i + 1, spec }, 'insensitive'));
  let resolved = 0;
  const withRules = await median(opts.quick ? 1 : 5, () => {
    resolved = 0;
    for (const s of sellerSkus) if (resolveOne(s, undefined, index, rules, 'insensitive').erpSku) resolved++;
  });
  const exactOnly = await median(opts.quick ? 1 : 5, () => {
    for (const s of sellerSkus) resolveOne(s, undefined, index, [], 'insensitive');
  });
  // The same two loops timed in CPU time (user + system) instead of wall time: on a shared machine
  // other processes stretch wall time by whatever the scheduler gives them, CPU time much less.
  const withRulesCpu = cpuMedian(opts.quick ? 1 : 5, () => {
    for (const s of sellerSkus) resolveOne(s, undefined, index, rules, 'insensitive');
  });
  const exactOnlyCpu = cpuMedian(opts.quick ? 1 : 5, () => {
    for (const s of sellerSkus) resolveOne(s, undefined, index, [], 'insensitive');
  });
  return [
    {
      section: '3 rules',
      figure: `resolve ${n.toLocaleString('en')} listing SKUs, 10 rules (${((resolved / n) * 100).toFixed(0)}% resolved)`,
      value: withRules,
      unit: 'ms',
      baseline: exactOnly,
      baselineLabel: 'exact match only',
      target: '≤ 3× (and < 300 ms at 100k)',
    },
    {
      section: '3 rules',
      figure: '  the same, in CPU time (less swayed by other load on the machine)',
      value: withRulesCpu,
      unit: 'ms',
      baseline: exactOnlyCpu,
      baselineLabel: 'exact match only, CPU time',
    },
  ];
}

/** Median CPU time (user + system, ms) of `tries` calls after one warm-up call. */
function cpuMedian(tries: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}
