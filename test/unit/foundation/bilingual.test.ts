import { describe, expect, it } from 'vitest';
import { bilingualTable } from '../../../src-shared/bilingual';

describe('bilingualTable', () => {
  it('pairs the Chinese and the English row by key, in the Chinese row’s order', () => {
    const t = bilingualTable<'a' | 'b'>({ a: '甲', b: '乙' }, { b: 'B', a: 'A' });
    expect(t).toEqual({ a: { zh: '甲', en: 'A' }, b: { zh: '乙', en: 'B' } });
    expect(Object.keys(t)).toEqual(['a', 'b']);
  });
});
