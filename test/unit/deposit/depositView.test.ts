/**
 * The deposit case view from a row and its children, no database: the step the wizard opens on,
 * what stands in the way of applying, and what the bill says about the money.
 */
import { describe, expect, it } from 'vitest';
import {
  buildDepositView,
  depositSummaryOf,
  type ArrivalRow,
  type DepositChildren,
  type DepositRow,
} from '../../../src-main/core/deposit/depositView';
import type { DepositCheck, DepositCheckAnswer } from '../../../src-shared/channels/deposit';

const ctx = { today: '2026-10-20', storeName: '义乌杯子店' };

function row(over: Partial<DepositRow> = {}): DepositRow {
  return {
    id: 1,
    created_at: '2026-09-01T02:00:00.000Z',
    updated_at: '2026-09-01T02:00:00.000Z',
    status: 'refundable',
    status_confirmed_at: '2026-09-01T02:00:00.000Z',
    deposit_fen: 1_000_000,
    checks: '{}',
    reason: null,
    amount_fen: null,
    alipay_account: null,
    applied_at: null,
    application_text: null,
    review_outcome: null,
    decided_on: null,
    review_note: null,
    window_from: null,
    window_to: null,
    window_estimated: 0,
    reminder_sent_at: null,
    ...over,
  };
}

function check(key: DepositCheck['key'], answer: DepositCheckAnswer): DepositCheck {
  return {
    key,
    title: { zh: `T-${key}`, en: `T-${key}` },
    answer,
    source: answer === 'unknown' ? 'none' : 'seller',
    note: null,
    advice: { zh: `A-${key}`, en: `A-${key}` },
  };
}

const allClear = [check('disputes', 'clear'), check('orders', 'clear'), check('debts', 'clear')];

function children(over: Partial<DepositChildren> = {}): DepositChildren {
  return { checks: allClear, violations: [], arrivals: [], lastMatch: null, timeline: [], ...over };
}

function arrival(fen: number, id = 1): ArrivalRow {
  return {
    id,
    line: 7 + id,
    row_time: '2026-10-12 10:00:00',
    amount_fen: fen,
    counterparty: '速卖通',
    description: '保证金退款',
    trade_no: `T${id}`,
  };
}

/** Applied on 2026-10-08, approved 2026-10-09, expected 2026-10-14 to 2026-10-16. */
const approved = row({
  status: 'refunding',
  reason: '退店',
  amount_fen: 1_000_000,
  alipay_account: '13812345678',
  applied_at: '2026-10-08T04:00:00.000Z',
  review_outcome: 'approved',
  decided_on: '2026-10-09',
  window_from: '2026-10-14',
  window_to: '2026-10-16',
});

describe('deposit case view (pure)', () => {
  it('opens on the status step until the amount and status are confirmed, and says so first', () => {
    const v = buildDepositView(row({ deposit_fen: null, status_confirmed_at: null, status: 'paid' }), children(), ctx);
    expect(v.stage).toBe('status');
    expect(v.refundableFen).toBeNull();
    expect(v.blockers.map((b) => b.en)).toEqual([
      expect.stringContaining('First look up'),
      expect.stringContaining('not show the deposit as refundable'),
    ]);
    expect(v.arrival.verdict).toBe('not_applied');
  });

  it('keeps a refundable deposit at the checks step while a precondition is open, naming it', () => {
    const v = buildDepositView(
      row(),
      children({ checks: [check('disputes', 'open'), check('orders', 'clear'), check('debts', 'unknown')] }),
      ctx,
    );
    expect(v.stage).toBe('checks');
    expect(v.blockers).toEqual([
      { zh: 'T-disputes：A-disputes', en: 'T-disputes: A-disputes' },
      { zh: 'T-debts：A-debts', en: 'T-debts: A-debts' },
    ]);
  });

  it('sends a frozen deposit back to the status step even with every check clear', () => {
    const v = buildDepositView(row({ status: 'frozen' }), children(), ctx);
    expect(v.stage).toBe('status');
    expect(v.blockers).toHaveLength(1);
    expect(v.blockers[0]!.zh).toContain('冻结');
  });

  it('lets the seller apply when refundable and clear, with penalties taken off and never below zero', () => {
    const ok = buildDepositView(
      row(),
      children({ violations: [{ id: 1, description: '延迟发货', penaltyFen: 150_000, occurredOn: null }] }),
      ctx,
    );
    expect(ok).toMatchObject({ stage: 'apply', blockers: [], penaltiesFen: 150_000, refundableFen: 850_000 });
    const eaten = buildDepositView(
      row(),
      children({ violations: [{ id: 1, description: '售假', penaltyFen: 2_000_000, occurredOn: null }] }),
      ctx,
    );
    expect(eaten.refundableFen).toBe(0);
    expect(eaten.blockers.map((b) => b.en)).toEqual([expect.stringContaining('nothing is refundable')]);
  });

  it('after applying: in review, then waiting in the window, then overdue with a letter for support', () => {
    const inReview = buildDepositView(
      row({ ...approved, review_outcome: 'pending', decided_on: null, window_from: null, window_to: null }),
      children(),
      ctx,
    );
    expect(inReview).toMatchObject({ stage: 'review', blockers: [], window: null, arrival: { verdict: 'in_review', supportText: null } });
    expect(inReview.application).toMatchObject({ amountFen: 1_000_000, appliedOn: '2026-10-08', alipayMasked: '138****5678' });

    const waiting = buildDepositView(approved, children(), { ...ctx, today: '2026-10-15' });
    expect(waiting).toMatchObject({
      stage: 'arrival',
      window: { approvedOn: '2026-10-09', from: '2026-10-14', to: '2026-10-16' },
      arrival: { verdict: 'waiting', supportText: null },
    });

    const overdue = buildDepositView(approved, children(), ctx);
    expect(overdue.arrival.verdict).toBe('overdue');
    expect(overdue.arrival.supportText).toContain('义乌杯子店');
    expect(overdue.arrival.supportText).toContain('截至 2026-10-20');
  });

  it('confirmed money settles it: the full amount is done, less is partial, more differs', () => {
    const done = buildDepositView(approved, children({ arrivals: [arrival(1_000_000)] }), ctx);
    expect(done).toMatchObject({ stage: 'done', arrival: { verdict: 'arrived', arrivedFen: 1_000_000, supportText: null } });
    expect(depositSummaryOf(done)).toMatchObject({ done: true, appliedFen: 1_000_000, arrivedFen: 1_000_000, arrival: 'arrived' });

    const partial = buildDepositView(approved, children({ arrivals: [arrival(600_000), arrival(100_000, 2)] }), ctx);
    expect(partial).toMatchObject({ stage: 'arrival', arrival: { verdict: 'partial', arrivedFen: 700_000 } });
    expect(partial.arrival.supportText).toContain('少 ¥3,000.00');
    expect(depositSummaryOf(partial).done).toBe(false);

    const more = buildDepositView(approved, children({ arrivals: [arrival(1_200_000)] }), ctx);
    expect(more.arrival.verdict).toBe('amount_differs');
    expect(more.arrival.supportText).toContain('多 ¥2,000.00');
  });

  it('the bill settles it even when the approval itself was never recorded', () => {
    const v = buildDepositView(
      row({ ...approved, review_outcome: 'pending', decided_on: null, window_from: null, window_to: null }),
      children({ arrivals: [arrival(1_000_000)] }),
      ctx,
    );
    expect(v.stage).toBe('done');
  });

  it('a rejected application opens the apply step again, with its blockers back', () => {
    const v = buildDepositView(
      row({ ...approved, status: 'refundable', review_outcome: 'rejected', window_from: null, window_to: null }),
      children({ checks: [check('disputes', 'open'), check('orders', 'clear'), check('debts', 'clear')] }),
      ctx,
    );
    expect(v.stage).toBe('checks');
    expect(v.blockers).toHaveLength(1);
    expect(v.arrival.verdict).toBe('not_applied');
    expect(v.review).toEqual({ outcome: 'rejected', decidedOn: '2026-10-09', note: null });
  });
});
