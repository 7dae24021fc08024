/** Documents and notices date things in China time: 19:22 UTC on 1 December is 03:22 on 2 December in China. */
import { describe, expect, it } from 'vitest';
import { refusalView } from '../../../src-main/core/auto/refusals';
import { beijingTime } from '../../../src-main/core/calendar/workdays';

const LATE_UTC = '2026-12-01T19:22:41.000Z';

describe('China time in what the seller sends and reads', () => {
  it('formats a UTC moment as the next day in China', () => {
    expect(beijingTime(LATE_UTC)).toBe('2026-12-02 03:22');
    expect(beijingTime(Date.parse(LATE_UTC), true)).toBe('2026-12-02 03:22:41');
  });

  it('the drafted letter to support dates the refusal in China time, saying so', () => {
    const v = refusalView({
      sellerSku: 'CUP-RED',
      productId: '1005000000001',
      skuId: '12000000001',
      scItemId: null,
      reason: null,
      refusedAt: LATE_UTC,
      actionId: 7,
    });
    expect(v.draft.zh).toContain('被拒时间：2026-12-02 03:22（北京时间）');
    expect(v.draft.en).toContain('Refused at: 2026-12-02 03:22 (Beijing time)');
    expect(v.draft.zh + v.draft.en).not.toMatch(/UTC|2026-12-01/);
  });
});
