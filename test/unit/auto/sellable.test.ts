import { describe, expect, it } from 'vitest';
import { sellableOf } from '../../../src-main/core/auto/sellable';

describe('sellableOf: one formula for decisions and the risk model', () => {
  it('counts available only by default, in transit when set, and the share rounded down', () => {
    expect(sellableOf({ available: 3, safety: 0, inTransit: 4 })).toBe(3);
    expect(sellableOf({ available: 3, safety: 0, inTransit: 4 }, { inTransit: true, percent: 100 })).toBe(7);
    expect(sellableOf({ available: 3, safety: 0 }, { inTransit: false, percent: 50 })).toBe(1);
    expect(sellableOf({ available: 10, safety: 4 }, { inTransit: false, percent: 50 })).toBe(3);
    expect(sellableOf({ available: 3, safety: 5 }, { inTransit: false, percent: 100 })).toBe(0);
    expect(sellableOf({ available: 1, safety: 0 }, { inTransit: false, percent: 99 })).toBe(0);
  });
  it('below zero in the ERP is nothing sellable, whatever is in transit and whatever the share', () => {
    for (const percent of [1, 50, 100])
      expect(sellableOf({ available: -3, safety: 0, inTransit: 50 }, { inTransit: true, percent })).toBe(0);
  });
});
