import { describe, expect, it } from 'vitest';
import { formatFen, parseFen, tryParseFen } from '../../../src-main/core/deposit/money';
import { maskAlipayAccount, normaliseAlipayAccount } from '../../../src-main/core/deposit/account';
import { AppError } from '../../../src-shared/errors';

const field = { zh: '申请金额', en: 'Amount' };

describe('money in fen', () => {
  it('reads yuan as the seller types it, without floats', () => {
    expect(tryParseFen('1234.56')).toEqual({ ok: true, fen: 123456 });
    expect(tryParseFen('1,234.5')).toEqual({ ok: true, fen: 123450 });
    expect(tryParseFen('１２，３４５．６７')).toEqual({ ok: true, fen: 1234567 });
    expect(tryParseFen('￥88')).toEqual({ ok: true, fen: 8800 });
    expect(tryParseFen(0.29)).toEqual({ ok: true, fen: 29 });
    expect(tryParseFen('10000 元')).toEqual({ ok: true, fen: 1000000 });
  });

  it('refuses zero, negative, three decimals, bad grouping and junk, saying which', () => {
    expect(tryParseFen('0')).toEqual({ ok: false, problem: 'zero' });
    expect(tryParseFen('0.00')).toEqual({ ok: false, problem: 'zero' });
    expect(tryParseFen('-5')).toEqual({ ok: false, problem: 'negative' });
    expect(tryParseFen('1.234')).toEqual({ ok: false, problem: 'decimals' });
    expect(tryParseFen(0.1 + 0.2)).toEqual({ ok: false, problem: 'decimals' });
    expect(tryParseFen('1,23')).toEqual({ ok: false, problem: 'format' });
    expect(tryParseFen('12a')).toEqual({ ok: false, problem: 'format' });
    expect(tryParseFen('')).toEqual({ ok: false, problem: 'empty' });
    expect(tryParseFen('999999999999')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('bill amounts may be zero or signed when asked', () => {
    expect(tryParseFen('0.00', { allowZero: true })).toEqual({ ok: true, fen: 0 });
    expect(tryParseFen('-1,000.00', { allowNegative: true })).toEqual({ ok: true, fen: -100000 });
  });

  it('throws a BAD_INPUT naming the field, in Chinese and English', () => {
    try {
      parseFen('1.234', field);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('BAD_INPUT');
      expect(e.messageZh).toContain('申请金额');
      expect(e.messageZh).toContain('两位小数');
      expect(e.messageEn).toContain('two decimals');
    }
  });

  it('formats fen as ¥1,234.56', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(100000000)).toBe('¥1,000,000.00');
    expect(formatFen(-2000)).toBe('-¥20.00');
  });
});

describe('bound Alipay account', () => {
  it('is masked on screen', () => {
    expect(maskAlipayAccount(normaliseAlipayAccount('138 1234 5678'))).toBe('138****5678');
    expect(maskAlipayAccount(normaliseAlipayAccount('+86 13812345678'))).toBe('138****5678');
    expect(maskAlipayAccount(normaliseAlipayAccount('Alice@163.com'))).toBe('a***@163.com');
  });
  it('must be a phone number or an e-mail', () => {
    expect(() => normaliseAlipayAccount('张三')).toThrow(/手机号或邮箱/);
  });
});
