import { describe, expect, it } from 'vitest';
import { checkWarehouseName } from '../../../src-main/core/stock/warehouseNames';

describe('warehouse name check: paired names must match character for character', () => {
  it('accepts an exact match and nothing else', () => {
    expect(checkWarehouseName('深圳仓', '深圳仓')).toMatchObject({ match: true, issues: [] });
    expect(checkWarehouseName('深圳仓 ', '深圳仓').match).toBe(false);
  });

  it('explains a trailing and a leading space and offers the exact name', () => {
    const t = checkWarehouseName('深圳仓 ', '深圳仓');
    expect(t.exactName).toBe('深圳仓');
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({ kind: 'trailing_space', storeChar: ' ' });
    expect(t.issues[0]!.zh).toContain('末尾多了');
    const l = checkWarehouseName('\u3000深圳仓', '深圳仓');
    expect(l.issues[0]).toMatchObject({ kind: 'leading_space' });
    expect(l.issues[0]!.zh).toContain('全角空格');
  });

  it('explains full-width vs half-width characters at their position', () => {
    const r = checkWarehouseName('义乌仓Ａ', '义乌仓A');
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'width', position: 4, storeChar: 'Ａ', erpChar: 'A' })]);
    expect(r.issues[0]!.zh).toContain('全角/半角不同');
    expect(r.issues[0]!.zh).toContain('U+FF21');
  });

  it('explains letter case', () => {
    const r = checkWarehouseName('FBA-east', 'FBA-East');
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'case', position: 5, storeChar: 'e', erpChar: 'E' })]);
  });

  it('explains look-alike characters: O/0, l/1 and Cyrillic/Latin', () => {
    expect(checkWarehouseName('W0-仓', 'WO-仓').issues[0]).toMatchObject({ kind: 'lookalike', position: 2, storeChar: '0', erpChar: 'O' });
    expect(checkWarehouseName('Hall', 'Ha1l').issues[0]).toMatchObject({ kind: 'lookalike', position: 3 });
    const cyr = checkWarehouseName('Мain', 'Main'); // first letter is Cyrillic Em
    expect(cyr.issues[0]).toMatchObject({ kind: 'lookalike', position: 1 });
    expect(cyr.issues[0]!.zh).toContain('西里尔字母');
    expect(cyr.issues[0]!.en).toContain('Cyrillic');
  });

  it('explains a missing or extra character and an invisible one', () => {
    expect(checkWarehouseName('广州仓', '广州仓库').issues[0]).toMatchObject({ kind: 'missing', erpChar: '库' });
    expect(checkWarehouseName('广州 仓', '广州仓').issues[0]).toMatchObject({ kind: 'inner_space', position: 3 });
    expect(checkWarehouseName('广州\u200B仓', '广州仓').issues[0]).toMatchObject({ kind: 'invisible' });
  });

  it('lists every difference, not only the first', () => {
    const r = checkWarehouseName(' ｓhenzhen-0 ', 'Shenzhen-O');
    expect(r.issues.map((i) => i.kind).sort()).toEqual(['lookalike', 'leading_space', 'trailing_space', 'width'].sort());
  });
});
