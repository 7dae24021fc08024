/** A number typed with a Chinese input method in full-width mode is read as the number it shows. */
import { describe, expect, it } from 'vitest';
import { typedNumber } from '../../src-renderer/src/typedNumber';

describe('typedNumber', () => {
  it('folds full-width digits, point and minus, and the Chinese full stop', () => {
    expect(typedNumber('１２．５')).toBe('12.5');
    expect(typedNumber('－３')).toBe('-3');
    expect(typedNumber('29。9')).toBe('29.9');
  });
  it('drops the yuan sign, thousands commas and spaces as antd does', () => {
    expect(typedNumber('¥ 1,234.50')).toBe('1234.50');
    expect(typedNumber('１，２３４')).toBe('1234');
    expect(typedNumber(undefined)).toBe('');
  });
});
