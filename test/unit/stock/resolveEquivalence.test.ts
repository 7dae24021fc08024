/**
 * resolveOne's fast path (rules tested by position and length, no string per refused candidate) must
 * give exactly what the plain reading of the rules gives: every rule applied to the folded SKU, its
 * output folded and looked up. The reference below is that plain reading (code points counted with
 * [...s], as the rules were first written); random SKUs mix full-width characters, spaces, surrogate
 * pairs, lone surrogates, zero-width characters and both cases.
 */
import { describe, expect, it } from 'vitest';
import { resolveOne, type Resolution } from '../../../src-main/core/stock/resolve';
import { compileRule } from '../../../src-main/core/stock/skuRules';
import { buildErpIndex, type ErpIndex } from '../../../src-main/core/stock/erpIndex';
import { foldSku } from '../../../src-main/core/stock/folding';
import { seededRng } from '../../../src-main/core/connectors/demo/prng';
import type { CaseRule, SkuRuleSpec } from '../../../src-shared/types/stock';

function foldParam(text: string, caseRule: CaseRule): string {
  const s = text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  return caseRule === 'insensitive' ? s.toUpperCase() : s;
}

function refApply(spec: SkuRuleSpec, s: string, caseRule: CaseRule): string | null {
  switch (spec.kind) {
    case 'strip_prefix': {
      const t = foldParam(spec.text, caseRule);
      return s.startsWith(t) ? s.slice(t.length) : null;
    }
    case 'strip_suffix': {
      const t = foldParam(spec.text, caseRule);
      return s.endsWith(t) ? s.slice(0, s.length - t.length) : null;
    }
    case 'strip_start':
    case 'strip_end': {
      const cps = [...s];
      if (cps.length <= spec.count) return null;
      return (spec.kind === 'strip_start' ? cps.slice(spec.count) : cps.slice(0, cps.length - spec.count)).join('');
    }
    case 'before':
    case 'after': {
      const sep = foldParam(spec.separator, caseRule);
      const i = spec.occurrence === 'last' ? s.lastIndexOf(sep) : s.indexOf(sep);
      if (i < 0) return null;
      return spec.kind === 'before' ? s.slice(0, i) : s.slice(i + sep.length);
    }
    case 'between': {
      const a = foldParam(spec.start, caseRule);
      const b = foldParam(spec.end, caseRule);
      const i = s.indexOf(a);
      if (i < 0) return null;
      const j = s.indexOf(b, i + a.length);
      return j < 0 ? null : s.slice(i + a.length, j);
    }
    case 'replace': {
      const from = foldParam(spec.from, caseRule);
      return s.includes(from) ? s.split(from).join(foldParam(spec.to, caseRule)) : null;
    }
    case 'regex': {
      const m = new RegExp(spec.pattern, caseRule === 'insensitive' ? 'iu' : 'u').exec(s.length > 128 ? s.slice(0, 128) : s);
      return m ? (m[1] ?? '') : null;
    }
  }
}

/** The resolution as the rules read, without any shortcut (manual links are not exercised here). */
function refResolve(sellerSku: string, index: ErpIndex, specs: SkuRuleSpec[], caseRule: CaseRule): Resolution {
  const folded = foldSku(sellerSku, caseRule);
  const hit = index.get(folded);
  if (hit !== undefined) return resolveOne(sellerSku, undefined, index, [], caseRule);
  let first: { erpSku: string; ruleId: number } | null = null;
  const found: string[] = [];
  let missing: { out: string; label: string } | null = null;
  specs.forEach((spec, i) => {
    const raw = refApply(spec, folded, caseRule);
    if (raw === null) return;
    const out = foldSku(raw, caseRule);
    if (!out) return;
    const hits = index.get(out);
    if (hits === undefined) {
      missing ??= { out, label: `r${i + 1}` };
      return;
    }
    for (const h of typeof hits === 'string' ? [hits] : hits) {
      first ??= { erpSku: h, ruleId: i + 1 };
      if (!found.includes(h)) found.push(h);
    }
  });
  if (found.length > 1)
    return {
      status: 'conflict',
      erpSku: null,
      ruleId: null,
      detail: {
        zh: `规则解析出多个ERP SKU：${found.join('、')}。请调整规则或手动关联。`,
        en: `The rules parse it to several ERP SKUs: ${found.join(', ')}. Adjust the rules or link it by hand.`,
        candidates: found,
      },
    };
  if (first)
    return { status: 'rule', erpSku: (first as { erpSku: string }).erpSku, ruleId: (first as { ruleId: number }).ruleId, detail: null };
  if (missing) {
    const m = missing as { out: string; label: string };
    return {
      status: 'unresolved',
      erpSku: null,
      ruleId: null,
      detail: {
        zh: `规则“${m.label}”解析为“${m.out}”，但ERP里没有这个SKU。`,
        en: `Rule "${m.label}" parses it to "${m.out}", but the ERP has no such SKU.`,
        candidates: [],
      },
    };
  }
  return resolveOne(sellerSku, undefined, index, [], caseRule);
}

const PIECES = [
  'A',
  'b',
  'C',
  '1',
  '2',
  '-',
  '_',
  ' ',
  '#',
  '|',
  '[',
  ']',
  'AE-',
  '-CN',
  'ｂ',
  'Ａ',
  '－',
  '\u3000',
  '\u200B',
  '😀',
  '\uD800',
  '\uDC00',
  'ß',
  '红',
  'X1',
  'é',
  'e\u0301',
];

const SPECS: SkuRuleSpec[] = [
  { kind: 'strip_prefix', text: 'AE-' },
  { kind: 'strip_suffix', text: '－cn' },
  { kind: 'strip_start', count: 2 },
  { kind: 'strip_end', count: 1 },
  { kind: 'strip_end', count: 3 },
  { kind: 'before', separator: '#', occurrence: 'first' },
  { kind: 'after', separator: '|', occurrence: 'last' },
  { kind: 'after', separator: ' ', occurrence: 'first' },
  { kind: 'between', start: '[', end: ']' },
  { kind: 'strip_prefix', text: '\u200B' },
  { kind: 'replace', from: '_', to: '-' },
  { kind: 'regex', pattern: '^x\\d-(.+)$' },
  { kind: 'regex', pattern: '^(.*?) *$' },
  { kind: 'regex', pattern: '^b(.+)$' },
  { kind: 'regex', pattern: '^A-?(.+)|^X(?:1)' },
  { kind: 'regex', pattern: '^2?(.+)1$' },
];

describe('the fast rule path gives what the plain reading of the rules gives', () => {
  for (const caseRule of ['insensitive', 'sensitive'] as const) {
    it(`random SKUs, ${caseRule}`, () => {
      const r = seededRng(caseRule === 'insensitive' ? 17 : 29);
      const word = (min: number, max: number) => {
        let s = '';
        for (let k = min + Math.floor(r() * (max - min + 1)); k > 0; k--) s += PIECES[Math.floor(r() * PIECES.length)];
        return s;
      };
      const erp: string[] = [];
      for (let i = 0; i < 400; i++) erp.push(word(1, 4));
      const index = buildErpIndex(erp, caseRule);
      const rules = SPECS.map((spec, i) => compileRule({ id: i + 1, label: `r${i + 1}`, spec }, caseRule));
      let ruled = 0;
      for (let i = 0; i < 6000; i++) {
        // Half of them an ERP SKU in disguise, so the rules find something.
        const sku = r() < 0.5 ? `${word(0, 2)}${erp[Math.floor(r() * erp.length)]}${word(0, 2)}` : word(1, 8);
        const got = resolveOne(sku, undefined, index, rules, caseRule);
        expect(got, JSON.stringify(sku)).toEqual(refResolve(sku, index, SPECS, caseRule));
        if (got.status === 'rule') ruled++;
      }
      expect(ruled).toBeGreaterThan(300);
    });
  }
});
