/**
 * A deterministic catalogue for benchmarks: ERP SKUs and listing SKUs whose seller SKUs are plain,
 * obfuscated by one of ten rules, or unrelated, in realistic shares.
 */
import type { SkuRuleSpec } from '../src-shared/types/stock';
import { seededRng } from '../src-main/core/connectors/demo/prng';

/** The demo store's seeded PRNG, so every run measures the same data. */
export const prng = seededRng;

export const TEN_RULES: SkuRuleSpec[] = [
  { kind: 'strip_prefix', text: 'AE-' },
  { kind: 'strip_suffix', text: '-CN' },
  { kind: 'strip_start', count: 3 },
  { kind: 'strip_end', count: 2 },
  { kind: 'before', separator: '#', occurrence: 'first' },
  { kind: 'after', separator: '|', occurrence: 'last' },
  { kind: 'between', start: '[', end: ']' },
  { kind: 'strip_prefix', text: 'ZT' },
  { kind: 'strip_suffix', text: '_V2' },
  { kind: 'regex', pattern: '^X\\d{2}-(.+)$' },
];

const DISGUISE: ((sku: string, r: () => number) => string)[] = [
  (s) => `AE-${s}`,
  (s) => `${s}-CN`,
  (s, r) => `Q${Math.floor(r() * 90 + 10)}${s}`,
  (s, r) => `${s}${String.fromCharCode(65 + Math.floor(r() * 26))}${Math.floor(r() * 10)}`,
  (s) => `${s}#red`,
  (s) => `shop|${s}`,
  (s) => `[${s}]`,
  (s) => `ZT${s}`,
  (s) => `${s}_V2`,
  (s, r) => `X${Math.floor(r() * 90 + 10)}-${s}`,
];

export interface Catalogue {
  erpSkus: string[];
  sellerSkus: string[];
}

/** The i-th ERP SKU of every catalogue (the same for any seed). */
export function erpSku(i: number): string {
  return `SKU${String(i).padStart(6, '0')}-${['BK', 'WH', 'RD', 'BL'][i % 4]}`;
}

/** `n` ERP SKUs and `n` listing SKUs: 30% plain, 60% disguised (6% per rule), 10% unrelated. */
export function catalogue(n: number, seed = 7): Catalogue {
  const r = prng(seed);
  const erpSkus: string[] = [];
  const sellerSkus: string[] = [];
  for (let i = 0; i < n; i++) {
    const sku = erpSku(i);
    erpSkus.push(sku);
    const x = r();
    if (x < 0.3) sellerSkus.push(sku);
    else if (x < 0.9) sellerSkus.push(DISGUISE[Math.floor(r() * DISGUISE.length)]!(sku, r));
    else sellerSkus.push(`UNRELATED-${i}-${Math.floor(r() * 1e6)}`);
  }
  return { erpSkus, sellerSkus };
}
