import { describe, expect, it } from 'vitest';
import { foldSku } from '../../../src-main/core/stock/folding';

describe('SKU folding: the same SKU typed in different ways is the same SKU', () => {
  it('turns full-width letters, digits and dashes into half-width (Chinese input methods)', () => {
    expect(foldSku('ＡＢＣ－１２３')).toBe('ABC-123');
    expect(foldSku('ａｂｃ１２３', 'sensitive')).toBe('abc123');
  });

  it('trims ASCII, ideographic (全角) and non-breaking spaces and drops invisible characters', () => {
    expect(foldSku('  ABC-1\t')).toBe('ABC-1');
    expect(foldSku('\u3000ABC-1\u3000')).toBe('ABC-1');
    expect(foldSku('\u00A0AB\u200BC-1\uFEFF')).toBe('ABC-1');
  });

  it('applies the seller-chosen case rule', () => {
    expect(foldSku('abc-1', 'insensitive')).toBe(foldSku('ABC-1', 'insensitive'));
    expect(foldSku('abc-1', 'sensitive')).not.toBe(foldSku('ABC-1', 'sensitive'));
    expect(foldSku(' abc-1 ', 'sensitive')).toBe('abc-1');
  });

  it('keeps an inner space and Chinese characters as they are', () => {
    expect(foldSku('红色 XL', 'sensitive')).toBe('红色 XL');
    expect(foldSku('')).toBe('');
  });
});
