import { describe, expect, it } from 'vitest';
import { riskHeadline } from '../../../src-shared/types/auto';

describe('the oversell-risk headline', () => {
  it('reads as a sentence in both languages: each kind with its count, in the order the risk table lists them', () => {
    const h = riskHeadline({ refused: 0, review: 0, zero: 431, unmapped: 322, stale: 0 });
    expect(h.total).toBe(753);
    expect(h.zh).toBe('753 个线上SKU有超卖风险：库存为0仍绑定 431，未关联库存但已绑定 322');
    // Before: "…: Bound at 0 stock 431, Bound, stock not linked 322" (capitals mid-sentence, a comma inside a label).
    expect(h.en).toBe('753 listing SKU(s) at risk of overselling: 431 bound at 0 stock; 322 bound, stock not linked');
    expect(riskHeadline({ refused: 0, review: 0, zero: 0, unmapped: 0, stale: 0 })).toEqual({
      zh: '没有超卖风险',
      en: 'No oversell risk',
      total: 0,
    });
  });
});
