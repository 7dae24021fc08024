/** The application the seller pastes into 申请退保证金: one money format, and the amount-box figure labelled. */
import { describe, expect, it } from 'vitest';
import { applicationText } from '../../../src-main/core/deposit/texts';

describe('deposit application text', () => {
  const text = applicationText({
    storeName: '义乌杯子店',
    depositFen: 1_000_000,
    violations: [{ id: 1, description: '延迟发货', penaltyFen: 50_000, occurredOn: '2026-09-01' }],
    refundableFen: 950_000,
    amountFen: 950_000,
    reason: '刚开通全托管，不想做了',
    alipayMasked: '138****5678',
  });

  it('writes every amount as ¥9,500.00, and the figure for the platform’s 退款金额 box as that box takes it, saying so', () => {
    expect(text).toContain('已缴保证金：¥10,000.00');
    expect(text).toContain('违规扣款：¥500.00（延迟发货 ¥500.00）');
    expect(text).toContain('可退金额：¥9,500.00');
    expect(text).toContain('申请退还金额：¥9,500.00（在“退款金额”一栏填写：9500.00）');
    // No bare "9500.00 元": a plain figure appears only where it is labelled as what to type in.
    expect(text).not.toMatch(/元/);
    const plain = [...text.matchAll(/(?<![¥\d,.])\d+\.\d{2}/g)];
    expect(plain.map((m) => text.slice(m.index - 5, m.index + m[0].length))).toEqual(['一栏填写：9500.00']);
  });
});
