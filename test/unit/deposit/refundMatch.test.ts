import { describe, expect, it } from 'vitest';
import { parseAlipayBill } from '../../../src-main/core/deposit/alipay';
import { findRefund } from '../../../src-main/core/deposit/refundMatch';
import { gbk, REFUND_ROWS, utf8, webExport, appExport, type FixtureRow } from './alipayFixtures';

const window = { approvedOn: '2026-09-30', from: '2026-10-10', to: '2026-10-13', estimated: false };
const base = { expectedFen: 1_000_000, appliedOn: '2026-09-29', window };

describe('finding the deposit refund', () => {
  it('picks the incoming Alibaba deposit refund, not the expense or the customer payment of the same amount', async () => {
    const { rows } = await parseAlipayBill(gbk(webExport(REFUND_ROWS)));
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

  it('the reasons name the window the seller was shown; an early refund after the approval is named as early', async () => {
    const inWindow = findRefund({ ...base, rows: (await parseAlipayBill(gbk(webExport(REFUND_ROWS)))).rows });
    expect(inWindow.match!.reasons.map((x) => x.zh).join('|')).toContain('在预计到账期内（2026-10-10 至 2026-10-13）');
    const early: FixtureRow[] = [
      { time: '2026-10-08 10:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(utf8(appExport(early)))).rows });
    const said = r.match!.reasons.map((x) => x.zh).join('|');
    expect(said).toContain('在审核通过（2026-09-30）之后、预计到账期（2026-10-10 至 2026-10-13）之前');
    expect(said).not.toContain('在预计到账期内');
  });

  it('an expense of the refund amount alone is never the refund', async () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-12 10:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '支出' },
      { time: '2026-10-12 11:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(utf8(appExport(rows)))).rows });
    expect(r.match?.row.direction).toBe('income');
    expect(r.match?.row.line).toBe(18);
    const onlyExpense = findRefund({ ...base, rows: (await parseAlipayBill(utf8(appExport(rows.slice(0, 1))))).rows });
    expect(onlyExpense.verdict).toBe('not_found');
    expect(onlyExpense.considered).toHaveLength(0);
  });

  it('finds a partial refund and calls it partial, with the difference', async () => {
    const rows: FixtureRow[] = [
      {
        time: '2026-10-11 16:40:00',
        counterparty: '速卖通',
        description: '全托管保证金退还（扣除违规罚款）',
        amount: '8,500.00',
        direction: '收入',
      },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(gbk(webExport(rows)))).rows });
    expect(r.verdict).toBe('partial');
    expect(r.differenceFen).toBe(-150_000);
    expect(r.match?.partial).toBe(true);
    expect(r.match?.reasons.some((x) => x.zh.includes('少 ¥1,500.00'))).toBe(true);
  });

  it('a 9,500 refund of a 10,000 application worded only as 退款 is still found, as partial', async () => {
    const rows: FixtureRow[] = [
      {
        time: '2026-10-11 10:00:00',
        counterparty: 'Alibaba.com Singapore E-Commerce Private Limited',
        description: '退款',
        amount: '9,500.00',
        direction: '收入',
      },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(utf8(appExport(rows)))).rows });
    expect(r.verdict).toBe('partial');
    expect(r.match?.row.amountFen).toBe(950_000);
  });

  it('a negative 收入 row is money taken back, never a refund', async () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-12 10:00:00', counterparty: 'AliExpress', description: '保证金退款冲正', amount: '-10,000.00', direction: '收入' },
    ];
    const bill = await parseAlipayBill(gbk(webExport(rows)));
    expect(bill.rows[0]!.amountFen).toBe(-1_000_000);
    const r = findRefund({ ...base, rows: bill.rows });
    expect(r.verdict).toBe('not_found');
    expect(r.considered).toHaveLength(0);
    expect(r.apart).toEqual([
      expect.objectContaining({
        row: expect.objectContaining({ amountFen: -1_000_000 }),
        why: expect.objectContaining({ zh: expect.stringContaining('负数') }),
      }),
    ]);
  });

  it('a row dated before the application is flagged and never matched', async () => {
    const rows: FixtureRow[] = [
      { time: '2026-09-20 10:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(utf8(appExport(rows)))).rows });
    expect(r.match).toBeNull();
    expect(r.verdict).toBe('not_found');
    expect(r.considered).toEqual([expect.objectContaining({ beforeApplication: true })]);
    expect(r.considered[0]!.reasons.some((x) => x.zh.includes('早于提交申请的日期 2026-09-29'))).toBe(true);
    // Dated as the seller really applied, the same row is the refund.
    expect(findRefund({ ...base, appliedOn: '2026-09-15', rows: (await parseAlipayBill(utf8(appExport(rows)))).rows }).verdict).toBe(
      'arrived',
    );
  });

  it('finds nothing when only unrelated income, closed trades or rows before the application are there', async () => {
    const rows: FixtureRow[] = [
      { time: '2026-10-12 10:00:00', counterparty: '王五', description: '货款', amount: '10,000.00', direction: '收入' },
      {
        time: '2026-10-12 11:00:00',
        counterparty: 'AliExpress',
        description: '保证金退款',
        amount: '10,000.00',
        direction: '收入',
        status: '交易关闭',
      },
      { time: '2026-09-01 11:00:00', counterparty: '阿里巴巴', description: '其他退款', amount: '99.00', direction: '收入' },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(gbk(webExport(rows)))).rows });
    expect(r.verdict).toBe('not_found');
    expect(r.match).toBeNull();
    expect(r.counts.closed).toBe(1);
  });

  for (const [shape, make, enc] of [
    ['web', webExport, gbk],
    ['app', appExport, utf8],
  ] as const) {
    it(`${shape} export: a 解冻 row and a pre-application row are shown apart or flagged; the income row is picked`, async () => {
      const rows: FixtureRow[] = [
        {
          time: '2026-09-10 09:00:00',
          counterparty: '阿里巴巴',
          description: '速卖通保证金冻结',
          amount: '10,000.00',
          direction: '不计收支',
        },
        { time: '2026-09-25 09:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
        {
          time: '2026-10-10 09:00:00',
          counterparty: '阿里巴巴',
          description: '速卖通保证金解冻',
          amount: '10,000.00',
          direction: '不计收支',
        },
        {
          time: '2026-10-11 10:00:00',
          counterparty: '余额宝',
          description: '余额宝-转出到余额',
          amount: '10,000.00',
          direction: '不计收支',
        },
        {
          time: '2026-10-12 14:00:00',
          counterparty: 'Alibaba.com Singapore E-Commerce Private Limited',
          description: '全托管保证金退回',
          amount: '10,000.00',
          direction: '收入',
          remarks: '退店保证金',
        },
      ];
      const r = findRefund({ ...base, rows: (await parseAlipayBill(enc(make(rows)))).rows });
      expect(r.verdict).toBe('arrived');
      expect(r.match?.row.time).toBe('2026-10-12 14:00:00');
      expect(r.match?.row.remarks).toBe('退店保证金');
      expect(r.match?.row.directionText).toBe('收入');
      // Only income rows are candidates; the pre-application one is flagged.
      expect(r.considered.map((c) => c.row.direction)).toEqual(['income', 'income']);
      expect(r.considered.find((c) => c.row.time.startsWith('2026-09-25'))?.beforeApplication).toBe(true);
      // 冻结/解冻 and the 余额宝 move are shown apart, never candidates.
      const apart = r.apart.map((a) => a.row.description.split(' · ')[0]);
      expect(apart).toEqual(expect.arrayContaining(['速卖通保证金冻结', '速卖通保证金解冻', '余额宝-转出到余额']));
      expect(r.apart.find((a) => a.row.description.startsWith('速卖通保证金解冻'))?.why.zh).toContain('不计收支');
    });
  }

  it('a 解冻 row alone is never the refund', async () => {
    const rows: FixtureRow[] = [
      {
        time: '2026-10-12 10:00:00',
        counterparty: '阿里巴巴',
        description: '速卖通保证金解冻',
        amount: '10,000.00',
        direction: '不计收支',
      },
    ];
    const r = findRefund({ ...base, rows: (await parseAlipayBill(utf8(appExport(rows)))).rows });
    expect(r.verdict).toBe('not_found');
    expect(r.match).toBeNull();
    expect(r.apart).toHaveLength(1);
  });
});
