import { describe, expect, it } from 'vitest';
import { readQty, checkRow } from '../../../src-main/core/exit/planRows';
import { cnDate } from '../../../src-main/core/exit/paperwork';

const Q = { zh: '清仓处理', en: 'Liquidate' };

describe('quantities as the seller types them', () => {
  it('reads full-width digits, separators and blanks', () => {
    expect(readQty('１２', Q)).toEqual({ value: 12 });
    expect(readQty(' 1,200 ', Q)).toEqual({ value: 1200 });
    expect(readQty('', Q)).toEqual({ value: 0 });
    expect(readQty('7.0', Q)).toEqual({ value: 7 });
  });
  it('refuses negatives, decimals and words with what was typed, never 0', () => {
    const neg = readQty('-5', Q);
    expect('error' in neg && neg.error.zh).toBe('清仓处理不能是负数（填的是“-5”）。');
    const fwNeg = readQty('－３', Q);
    expect('error' in fwNeg && fwNeg.error.zh).toContain('不能是负数');
    const dec = readQty('2.5', Q);
    expect('error' in dec && dec.error.zh).toContain('必须是整数');
    const word = readQty('十', Q);
    expect('error' in word && word.error.zh).toContain('“十”不是数量');
  });
  it('a row adds up to the live stock or says by how much it is off', () => {
    const live = new Map([['A-1', { onHand: 10, warehouses: [{ name: '义乌仓', quantity: 10 }] }]]);
    expect(checkRow({ sku: 'A-1', cells: { sell_through: '４', liquidate: '6' } }, live)).toMatchObject({
      errors: [],
      planned: 10,
      onHandSource: 'app',
    });
    expect(checkRow({ sku: 'A-1', cells: { sell_through: '4' } }, live).errors[0]!.zh).toBe(
      '处理数量合计 4 件，现有库存 10 件，少了 6 件。',
    );
    // A SKU the app has no stock for, with the app holding no stock data: the seller's figure.
    expect(checkRow({ sku: 'B-2', onHand: '３', cells: { other: '3' } }, null)).toMatchObject({
      errors: [],
      onHand: 3,
      onHandSource: 'seller',
    });
    expect(checkRow({ sku: 'B-2', cells: { other: '3' } }, null).errors[0]!.zh).toContain('请填写现有库存');
  });
});

describe('checklist dates', () => {
  it('a timestamp is dated by the day in China, not in UTC', () => {
    // 2026-12-02 03:22 in China is still 12-01 in UTC.
    expect(cnDate('2026-12-01T19:22:00.000Z')).toBe('2026年12月2日');
    expect(cnDate('2026-12-02')).toBe('2026年12月2日');
    expect(cnDate(null)).toBe('____年__月__日');
  });
});
