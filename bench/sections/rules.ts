/** 3. Rule resolution: 100k listing SKUs through 10 obfuscation rules vs exact matching alone. */
import { catalogue, TEN_RULES } from '../catalogue';
import { median, type Figure } from '../report';
import { resolveOne } from '../../src-main/core/stock/resolve';
import { buildErpIndex, compileRule } from '../../src-main/core/stock/skuRules';

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
  ];
}
