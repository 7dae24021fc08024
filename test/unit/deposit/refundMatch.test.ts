import { describe, expect, it } from 'vitest';
import { parseAlipayBill } from '../../../src-main/core/deposit/alipay';
import { findRefund } from '../../../src-main/core/deposit/refundMatch';
import { gbk, REFUND_ROWS, utf8, webExport, appExport, type FixtureRow } from './alipayFixtures';

const window = { approvedOn: '2026-09-30', from: '2026-10-10', to: '2026-10-13' };
const base = { expectedFen: 1_000_000, appliedOn: '2026-09-29', window };

describe('finding the deposit refund', () => {
  it('picks the incoming Alibaba deposit refund, not the expense or the customer payment of the same amount', () => {
    const { rows } = parseAlipayBill(gbk(webExport(REFUND_ROWS)));
    const r = findRefund({ ...base, rows });
    expect(r.verdict).toBe('arrived');
    expect(r.match?.row.line).toBe(8);
    expect(r.match?.confidence).toBe('high');
    expect(r.differenceFen).toBe(0);
    expect(r.counts).toEqual({ income: 2, expense: 1, neutral: 1, closed: 0 });
    // The customer's payment of the same amount is shown, scored below the refund, and never picked.
    const customer = r.considered.find((c) => c.row.counterparty === '张三丰');
    expect(customer).toBeDefined();
    expect(customer!.score).toBeLessThan(r.match!.score);
    expect(r.match!.reasons.map((x) => x.zh).join('|')).toMatch(/阿里巴巴\/速卖通.*保证金.*一致.*预计到账期内/);
  });

  it('an expense of the refund amount alone is never the refund', () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-12 10:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '支出' },
      { time: '2026-10-12 11:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: parseAlipayBill(utf8(appExport(rows))).rows });
    expect(r.match?.row.direction).toBe('income');
    expect(r.match?.row.line).toBe(18);
    const onlyExpense = findRefund({ ...base, rows: parseAlipayBill(utf8(appExport(rows.slice(0, 1)))).rows });
    expect(onlyExpense.verdict).toBe('not_found');
    expect(onlyExpense.considered).toHaveLength(0);
  });

  it('flags a partial refund as an amount that differs, with the difference', () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-11 16:40:00', counterparty: '速卖通', description: '全托管保证金退还（扣除违规罚款）', amount: '8,500.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: parseAlipayBill(gbk(webExport(rows))).rows });
    expect(r.verdict).toBe('amount_differs');
    expect(r.differenceFen).toBe(-150_000);
    expect(r.match?.reasons.some((x) => x.zh.includes('少 ¥1,500.00'))).toBe(true);
  });

  it('finds nothing when only unrelated income, closed trades or rows before the application are there', () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-12 10:00:00', counterparty: '王五', description: '货款', amount: '10,000.00', direction: '收入' },
      { time: '2026-10-12 11:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入', status: '交易关闭' },
      { time: '2026-09-01 11:00:00', counterparty: '阿里巴巴', description: '其他退款', amount: '99.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: parseAlipayBill(gbk(webExport(rows))).rows });
    expect(r.verdict).toBe('not_found');
    expect(r.match).toBeNull();
    expect(r.counts.closed).toBe(1);
  });

  it('finds a frozen deposit released back (解冻, booked as 不计收支), but no other 不计收支 row', () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-12 09:00:00', counterparty: '阿里巴巴', description: '余额宝-转出到余额', amount: '10,000.00', direction: '不计收支' },
      { time: '2026-10-12 10:00:00', counterparty: '阿里巴巴', description: '速卖通保证金解冻', amount: '10,000.00', direction: '不计收支' },
    ];
    const r = findRefund({ ...base, rows: parseAlipayBill(utf8(appExport(rows))).rows });
    expect(r.verdict).toBe('arrived');
    expect(r.match?.row.description).toContain('速卖通保证金解冻');
    expect(r.considered.some((c) => c.row.description.includes('余额宝'))).toBe(false);
  });
});
