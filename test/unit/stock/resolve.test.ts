import { describe, expect, it } from 'vitest';
import { resolveOne } from '../../../src-main/core/stock/resolve';
import { compileRule } from '../../../src-main/core/stock/skuRules';
import { buildErpIndex } from '../../../src-main/core/stock/erpIndex';
import type { SkuRuleSpec } from '../../../src-shared/types/stock';

const index = buildErpIndex(['ABC-1', 'ABC-2', 'X', 'Dup', 'DUP'], 'insensitive');
const rules = (specs: SkuRuleSpec[]) => specs.map((spec, i) => compileRule({ id: i + 1, label: `r${i + 1}`, spec }, 'insensitive'));

describe('resolve order: manual, then exact after folding, then rules in order', () => {
  it('a manual link beats an exact match and the rules', () => {
    const r = resolveOne('ABC-1', 'ABC-2', index, rules([{ kind: 'strip_prefix', text: 'A' }]), 'insensitive');
    expect(r).toMatchObject({ status: 'manual', erpSku: 'ABC-2' });
  });

  it('an exact match after folding beats a rule that would give another ERP SKU', () => {
    const r = resolveOne(' ａｂｃ-１ ', undefined, index, rules([{ kind: 'strip_end', count: 1 }]), 'insensitive');
    expect(r).toMatchObject({ status: 'exact', erpSku: 'ABC-1', ruleId: null });
  });

  it('falls to the first rule that finds an existing ERP SKU and records which rule', () => {
    const r = resolveOne(
      'SHOP-ABC-2',
      undefined,
      index,
      rules([
        { kind: 'strip_prefix', text: 'NOPE' },
        { kind: 'strip_prefix', text: 'SHOP-' },
      ]),
      'insensitive',
    );
    expect(r).toMatchObject({ status: 'rule', erpSku: 'ABC-2', ruleId: 2 });
  });

  it('two rules agreeing on the same ERP SKU are no conflict', () => {
    const r = resolveOne(
      '[ABC-1]',
      undefined,
      index,
      rules([
        { kind: 'between', start: '[', end: ']' },
        { kind: 'regex', pattern: '^\\[(.+)\\]$' },
      ]),
      'insensitive',
    );
    expect(r).toMatchObject({ status: 'rule', erpSku: 'ABC-1', ruleId: 1 });
  });

  it('rules that disagree make a conflict and link nothing', () => {
    const r = resolveOne(
      'X-ABC-1',
      undefined,
      index,
      rules([
        { kind: 'strip_prefix', text: 'X-' },
        { kind: 'before', separator: '-' },
      ]),
      'insensitive',
    );
    expect(r.status).toBe('conflict');
    expect(r.erpSku).toBeNull();
    expect(r.detail?.candidates).toEqual(['ABC-1', 'X']);
  });

  it('an exact match on two ERP SKUs that fold together is a conflict', () => {
    const r = resolveOne('dup', undefined, index, [], 'insensitive');
    expect(r.status).toBe('conflict');
    expect(r.detail?.candidates?.sort()).toEqual(['DUP', 'Dup']);
  });

  it('explains an unresolved SKU, naming the rule whose output does not exist', () => {
    const r = resolveOne('SHOP-ABC-404', undefined, index, rules([{ kind: 'strip_prefix', text: 'SHOP-' }]), 'insensitive');
    expect(r).toMatchObject({ status: 'unresolved', erpSku: null });
    expect(r.detail?.zh).toContain('ABC-404');
    expect(resolveOne('zzz', undefined, index, [], 'insensitive').detail?.zh).toContain('没有规则');
  });

  it('follows the case rule: case-sensitive matching keeps abc-1 apart from ABC-1', () => {
    const cs = buildErpIndex(['ABC-1'], 'sensitive');
    expect(resolveOne('abc-1', undefined, cs, [], 'sensitive').status).toBe('unresolved');
    expect(resolveOne('ABC-1', undefined, cs, [], 'sensitive').status).toBe('exact');
  });
});
