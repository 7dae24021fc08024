/**
 * The ReDoS check has a time limit; on a busy PC it can run out. A stored rule passed the check when
 * it was saved, so resolve still compiles it then; a rule being saved, previewed or tested does not.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('recheck', () => ({ checkSync: () => ({ status: 'unknown' }) }));

const { compileRule, validateRule } = await import('../../../src-main/core/stock/skuRules');

describe('a regex rule whose check runs out of time', () => {
  const spec = { kind: 'regex' as const, pattern: '^X\\d{2}-(.+)$' };
  it('is refused when saved, previewed or tested, and compiles for resolve as the stored rule it is', () => {
    expect(() => validateRule(spec)).toThrow(/too complex/);
    expect(() => compileRule({ id: 1, spec }, 'insensitive')).toThrow(/too complex/);
    expect(compileRule({ id: 1, spec }, 'insensitive', { saved: true }).apply('X12-ABC')).toBe('ABC');
    // Not remembered: once the check is back in time, the verdict is its own.
    expect(() => validateRule(spec)).toThrow(/too complex/);
  });
});
