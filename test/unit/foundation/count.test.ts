import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../src-shared/count';
import { computeReadiness } from '../../../src-main/core/exit/readiness';
import { NO_DEPOSIT_CASE } from '../../../src-main/core/exit/depositLink';

describe('counts the seller reads', () => {
  it('group a six-figure count by thousands, leave small ones as they were', () => {
    expect(formatCount(191_220)).toBe('191,220');
    expect(formatCount(-12_500)).toBe('-12,500');
    expect(formatCount(9_999)).toBe('9999');
  });

  it('the exit readiness says a big stock by thousands', () => {
    const stock = [
      { sku: 'A', warehouse: '义乌仓', quantity: 150_000 },
      { sku: 'B', warehouse: '深圳仓', quantity: 41_220 },
    ];
    const items = computeReadiness({
      stock,
      listings: null,
      answers: {},
      partners: [],
      deposit: NO_DEPOSIT_CASE,
      disposalComplete: false,
    });
    expect(items.find((i) => i.key === 'stock')!.detail.zh).toBe('还有 2 个SKU、共 191,220 件库存在仓库里。');
  });
});
