import { describe, expect, it } from 'vitest';
import type { SkuRuleSpec } from '../../../src-shared/types/stock';
import { AppError } from '../../../src-shared/errors';
import { compileRule, ruleOutcome, validateRule } from '../../../src-main/core/stock/skuRules';
import { buildErpIndex } from '../../../src-main/core/stock/erpIndex';
import { hasNestedQuantifier } from '../../../src-main/core/stock/regexVerdicts';

const erp = buildErpIndex(['ABC-1', 'ABC-2', 'XY', 'abc-9', 'ABC-9', '红色-XL'], 'insensitive');
const run = (spec: SkuRuleSpec, sku: string, caseRule: 'insensitive' | 'sensitive' = 'insensitive') =>
  ruleOutcome(
    compileRule({ id: 1, label: 't', spec }, caseRule),
    sku,
    caseRule === 'insensitive' ? erp : buildErpIndex(['ABC-1', 'abc-1'], 'sensitive'),
    caseRule,
  );

describe('SKU rules, one kind at a time', () => {
  it('strips a fixed prefix, also when the listing SKU or the rule is typed full-width', () => {
    expect(run({ kind: 'strip_prefix', text: 'ZZ-' }, 'ZZ-ABC-1')).toMatchObject({ output: 'ABC-1', status: 'found', erpSkus: ['ABC-1'] });
    expect(run({ kind: 'strip_prefix', text: 'ZZ-' }, 'ＺＺ－ＡＢＣ－１')).toMatchObject({ output: 'ABC-1', status: 'found' });
    expect(run({ kind: 'strip_prefix', text: 'ｚｚ-' }, ' zz-abc-2 ')).toMatchObject({
      output: 'ABC-2',
      status: 'found',
      erpSkus: ['ABC-2'],
    });
    expect(run({ kind: 'strip_prefix', text: 'ZZ-' }, 'ABC-1')).toMatchObject({ output: null, status: 'no_match' });
  });

  it('strips a fixed suffix', () => {
    expect(run({ kind: 'strip_suffix', text: '#CN' }, 'ABC-2#CN')).toMatchObject({ output: 'ABC-2', status: 'found' });
    expect(run({ kind: 'strip_suffix', text: '#CN' }, 'ABC-2#US')).toMatchObject({ status: 'no_match' });
  });

  it('strips N characters at the start or the end, counting characters not bytes', () => {
    expect(run({ kind: 'strip_start', count: 3 }, 'q7wABC-1')).toMatchObject({ output: 'ABC-1', status: 'found' });
    expect(run({ kind: 'strip_end', count: 2 }, '红色-XL色号')).toMatchObject({ output: '红色-XL', status: 'found' });
    expect(run({ kind: 'strip_start', count: 5 }, 'ABC')).toMatchObject({ output: null, status: 'no_match' });
  });

  it('keeps the part before or after a separator, first or last occurrence', () => {
    expect(run({ kind: 'before', separator: '/', occurrence: 'first' }, 'ABC-1/RED/XL')).toMatchObject({
      output: 'ABC-1',
      status: 'found',
    });
    expect(run({ kind: 'after', separator: '_', occurrence: 'last' }, 'SHOP_A_ABC-2')).toMatchObject({ output: 'ABC-2', status: 'found' });
    expect(run({ kind: 'after', separator: '_', occurrence: 'first' }, 'SHOP_A_ABC-2')).toMatchObject({
      output: 'A_ABC-2',
      status: 'missing',
    });
    // a full-width separator in the listing SKU folds to the half-width one of the rule
    expect(run({ kind: 'before', separator: '/' }, 'ABC-1／RED')).toMatchObject({ output: 'ABC-1', status: 'found' });
  });

  it('reports a missing separator as "does not apply", not as an empty SKU', () => {
    expect(run({ kind: 'before', separator: '/' }, 'ABC-1')).toMatchObject({ output: null, status: 'no_match' });
    expect(run({ kind: 'between', start: '[', end: ']' }, 'X[ABC-1')).toMatchObject({ output: null, status: 'no_match' });
  });

  it('keeps the part between two separators', () => {
    expect(run({ kind: 'between', start: '[', end: ']' }, 'HOT[ABC-2]NEW')).toMatchObject({ output: 'ABC-2', status: 'found' });
  });

  it('replaces a separator the seller wrote differently, and does not apply when it is absent', () => {
    expect(run({ kind: 'replace', from: '_', to: '-' }, 'ABC_1')).toMatchObject({ output: 'ABC-1', status: 'found' });
    expect(run({ kind: 'replace', from: '_', to: '-' }, 'ＡＢＣ＿２')).toMatchObject({ output: 'ABC-2', status: 'found' });
    expect(run({ kind: 'replace', from: '_', to: '-' }, 'ABC-1')).toMatchObject({ output: null, status: 'no_match' });
    expect(run({ kind: 'replace', from: 'X', to: '' }, 'XXX')).toMatchObject({ output: '', status: 'empty' });
  });

  it('says when nothing is left', () => {
    expect(run({ kind: 'strip_prefix', text: 'ABC-1' }, 'ABC-1')).toMatchObject({ output: '', status: 'empty' });
    expect(run({ kind: 'before', separator: '-' }, '-ABC')).toMatchObject({ output: '', status: 'empty' });
    expect(run({ kind: 'regex', pattern: '^X(\\d*)' }, 'XABC')).toMatchObject({ output: '', status: 'empty' });
  });

  it('runs an expert regex with one capture group, case-insensitively under the default case rule', () => {
    expect(run({ kind: 'regex', pattern: '^[a-z]{2}\\d{2}(.+)$' }, 'QW12ABC-1')).toMatchObject({ output: 'ABC-1', status: 'found' });
    expect(run({ kind: 'regex', pattern: '^NOPE(.+)$' }, 'QW12ABC-1')).toMatchObject({ status: 'no_match' });
  });

  it('shows conflicts: an output matching several ERP SKUs, and one matching none', () => {
    const amb = run({ kind: 'strip_prefix', text: 'Z' }, 'Zabc-9');
    expect(amb.status).toBe('ambiguous');
    expect(amb.erpSkus.sort()).toEqual(['ABC-9', 'abc-9']);
    expect(amb.note?.zh).toContain('多个ERP SKU');
    const missing = run({ kind: 'strip_prefix', text: 'Z' }, 'ZABC-404');
    expect(missing).toMatchObject({ output: 'ABC-404', status: 'missing', erpSkus: [] });
    expect(missing.note?.zh).toContain('ERP里没有');
  });

  it('respects a case-sensitive rule', () => {
    expect(run({ kind: 'strip_prefix', text: 'z-' }, 'z-abc-1', 'sensitive')).toMatchObject({ status: 'found', erpSkus: ['abc-1'] });
    expect(run({ kind: 'strip_prefix', text: 'z-' }, 'Z-abc-1', 'sensitive')).toMatchObject({ status: 'no_match' });
  });
});

describe('rule validation protects the seller from rules that cannot work', () => {
  const rejects = (spec: SkuRuleSpec, word: string) => {
    try {
      validateRule(spec);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_INPUT');
      expect((err as AppError).messageZh).toContain(word);
      return;
    }
    throw new Error(`accepted ${JSON.stringify(spec)}`);
  };

  it('needs exactly one capture group', () => {
    rejects({ kind: 'regex', pattern: '^X.+$' }, '0 个');
    rejects({ kind: 'regex', pattern: '^(X)(.+)$' }, '2 个');
    expect(() => validateRule({ kind: 'regex', pattern: '^(?:X|Y)-(.+)$' })).not.toThrow();
  });

  it('rejects invalid, too long, back-referencing and catastrophic patterns', () => {
    rejects({ kind: 'regex', pattern: '^(abc' }, '写法有误：有“(”没有对应的“)”');
    rejects({ kind: 'regex', pattern: '^(?:a)(b' }, '有“(”没有对应的“)”');
    rejects({ kind: 'regex', pattern: '(a)[z-a]' }, '“[…]”里的范围前大后小');
    // In the Chinese message the reason is in Chinese, not V8's English.
    expect(() => validateRule({ kind: 'regex', pattern: '^(abc' })).toThrow(
      expect.objectContaining({ messageZh: expect.not.stringContaining('Unterminated') }),
    );
    rejects({ kind: 'regex', pattern: `(${'a'.repeat(250)})` }, '太长');
    rejects({ kind: 'regex', pattern: '(a)\\1' }, '反向引用');
    rejects({ kind: 'regex', pattern: '^(a+)+$' }, '卡死');
    rejects({ kind: 'regex', pattern: '^((?:\\w*-?)*)$' }, '卡死');
    expect(hasNestedQuantifier('^([A-Z]+)-\\d+$')).toBe(false);
    expect(hasNestedQuantifier('^([a+]+)$')).toBe(false);
  });

  it('rejects empty texts and out-of-range counts', () => {
    rejects({ kind: 'strip_prefix', text: '' }, '不能为空');
    rejects({ kind: 'strip_end', count: 0 }, '1 到 50');
    rejects({ kind: 'between', start: '[', end: '' }, '都要填写');
  });
});
