/**
 * The store exit view from a row and its children, no database: the step the wizard opens on,
 * and the open items a seller works through before the exit can be confirmed.
 */
import { describe, expect, it } from 'vitest';
import { buildExitView, type ExitChildren, type ExitRow } from '../../../src-main/core/exit/exitView';
import { NO_DEPOSIT_CASE } from '../../../src-main/core/exit/depositLink';
import type { DepositLink, ExitPartner } from '../../../src-shared/channels/exit';

const ctx = { today: '2026-10-20', storeName: '义乌杯子店' };
const AGREED = JSON.stringify({ agreement: '2026-10-01T01:00:00Z', process: '2026-10-01T01:00:00Z', notes: '2026-10-01T01:00:00Z' });
const CLEAR = { answer: 'clear' as const, at: '2026-10-01T01:00:00Z' };

function row(over: Partial<ExitRow> = {}): ExitRow {
  return {
    id: 3,
    created_at: '2026-10-01T01:00:00.000Z',
    updated_at: '2026-10-01T01:00:00.000Z',
    fit_result_id: null,
    reason: null,
    reason_text: null,
    agreement: '{}',
    readiness: '{}',
    application_text: null,
    submitted_on: null,
    application_no: null,
    review_due: null,
    review_due_error: null,
    review_due_estimated: 0,
    review_outcome: null,
    review_decided_on: null,
    review_note: null,
    review_reminded_at: null,
    deposit_case_id: null,
    done_on: null,
    store_status: null,
    after_checks: '{}',
    exported_at: null,
    export_file: null,
    wiped_at: null,
    ...over,
  };
}

/** No deposit refund case yet: what the core reports (depositLink.ts). */
const notStarted = NO_DEPOSIT_CASE;
const linked: DepositLink = {
  caseId: 9,
  state: 'linked',
  stage: 'arrival',
  statusLabel: '退款中',
  refundableFen: 1_000_000,
  done: false,
  text: { zh: '退保证金案件 #9', en: 'Deposit case #9' },
};

function partner(status: ExitPartner['status'], id = 1): ExitPartner {
  return {
    id,
    kind: 'payment',
    name: `支付宝${id}`,
    status,
    statusOn: status === 'terminated' ? '2026-10-15' : null,
    reference: null,
    note: null,
    updatedAt: '2026-10-15T01:00:00Z',
  };
}

function children(over: Partial<ExitChildren> = {}): ExitChildren {
  return {
    answers: {},
    stock: null,
    listings: null,
    onHand: null,
    plan: [],
    planCounts: { ok: 0, draft: 0, unplanned: 0, changed: 0 },
    partners: [],
    deposit: notStarted,
    questions: [],
    fit: null,
    unbind: null,
    exportsInDataFolder: [],
    timeline: [],
    ...over,
  };
}

/** Everything the procedures step asks for, answered. */
const proceduresDone = children({
  answers: { stock: CLEAR, listings: CLEAR, orders: CLEAR, disputes: CLEAR, debts: CLEAR },
  deposit: linked,
  partners: [partner('terminated'), partner('not_needed', 2)],
});

describe('store exit view (pure)', () => {
  it('a new case is at prepare, with the reason, each agreement and every unanswered check open', () => {
    const v = buildExitView(row(), children(), ctx);
    expect(v.stage).toBe('prepare');
    expect(v.storeName).toBe('义乌杯子店');
    expect(v.submit).toMatchObject({ drafted: true });
    expect(v.submit.applicationText).toContain('义乌杯子店');
    const en = v.openItems.map((i) => i.en);
    expect(en[0]).toBe('Give the exit reason');
    expect(en.filter((t) => t.startsWith('Confirm: '))).toHaveLength(3);
    expect(v.prepare.readiness.map((r) => r.key)).toEqual(['stock', 'listings', 'orders', 'disputes', 'debts', 'deposit', 'partners']);
    expect(v.prepare.readiness.every((r) => r.level !== 'ok')).toBe(true);
  });

  it('moves to submit once the reason is given and all three agreements are confirmed; orders, disputes and debts are advice', () => {
    const checked = children({ answers: { orders: CLEAR, disputes: CLEAR, debts: CLEAR } });
    expect(
      buildExitView(row({ reason: 'competition', agreement: JSON.stringify({ agreement: 'x', process: 'x' }) }), checked, ctx).stage,
    ).toBe('prepare');
    // Orders, disputes and debts not checked yet: on to submit, each one named as deposit advice.
    const unchecked = buildExitView(row({ reason: 'competition', agreement: AGREED }), children(), ctx);
    expect(unchecked.stage).toBe('submit');
    expect(unchecked.prepare.depositAdvice.map((b) => b.en.split(':')[0])).toEqual([
      'Unfinished orders / stocking orders',
      'Unresolved disputes',
      'Unpaid debts',
    ]);
    const v = buildExitView(row({ reason: 'competition', agreement: AGREED }), checked, ctx);
    expect(v.prepare.depositAdvice).toEqual([]);
    expect(v.stage).toBe('submit');
    expect(v.openItems.map((i) => i.en)).not.toContain('Give the exit reason');
    expect(v.prepare.reasonLabel).toEqual({ zh: '市场竞争激烈', en: 'Fierce market competition' });
  });

  it('in review the due day makes it overdue only while no outcome is recorded', () => {
    const submitted = row({
      reason: 'competition',
      agreement: AGREED,
      submitted_on: '2026-10-12',
      application_no: 'A1',
      review_due: '2026-10-15',
      review_outcome: 'pending',
    });
    const v = buildExitView(submitted, children(), ctx);
    expect(v.stage).toBe('review');
    expect(v.review).toMatchObject({ dueOn: '2026-10-15', overdue: true });
    expect(buildExitView(submitted, children(), { ...ctx, today: '2026-10-15' }).review.overdue).toBe(false);
    expect(buildExitView({ ...submitted, review_outcome: 'rejected' }, children(), ctx).review.overdue).toBe(false);
  });

  it('after a rejection the review step and the open items give the recorded reason and the way to apply again', () => {
    const rejected = row({
      reason: 'competition',
      agreement: AGREED,
      submitted_on: '2026-10-12',
      review_due: '2026-10-15',
      review_outcome: 'rejected',
      review_decided_on: '2026-10-14',
      review_note: '退店原因填写不完整。',
    });
    const v = buildExitView(rejected, children({ answers: { orders: CLEAR, disputes: CLEAR, debts: CLEAR } }), ctx);
    expect(v.stage).toBe('review');
    const next = v.review.rejectedNext!;
    expect(next.zh).toContain('平台审核未通过退店申请（2026-10-14）。您记下的原因：退店原因填写不完整。下一步：');
    expect(next.zh).toContain('在第 2 步“提交申请”改好申请内容、填上这次的提交日期，点“记录已提交”');
    expect(next.zh).toContain('请咨询平台客服');
    expect(next.en).toContain('The platform rejected the exit application on 2026-10-14. The reason you recorded: 退店原因填写不完整.');
    expect(next.en).toContain(
      'in step 2 "Submit" correct the application text, enter the new submission date and click "Record submission"',
    );
    expect(next.en).toContain('ask platform support');
    // The wizard's open items say it too.
    expect(v.openItems).toContainEqual(next);
    // Without a note the seller is told where the platform's reason is.
    const bare = buildExitView({ ...rejected, review_note: null }, children(), ctx).review.rejectedNext!;
    expect(bare.zh).toContain('没有记下原因：请到卖家中心查看平台的审核意见');
    expect(bare.en).toContain('No reason recorded: check the review comments in Seller Center');
    // In review or approved there is nothing of the kind.
    for (const outcome of ['pending', 'approved'] as const) {
      const other = buildExitView({ ...rejected, review_outcome: outcome }, children(), ctx);
      expect(other.review.rejectedNext).toBeNull();
      expect(other.openItems.some((i) => i.en.includes('rejected'))).toBe(false);
    }
  });

  it('approved is the procedures step until the plan, the deposit and every partner are settled', () => {
    const approved = row({
      reason: 'competition',
      agreement: AGREED,
      submitted_on: '2026-10-12',
      review_outcome: 'approved',
      review_decided_on: '2026-10-14',
    });
    expect(buildExitView(approved, proceduresDone, ctx).stage).toBe('done');
    // No partner recorded is an open question, not "all terminated".
    expect(buildExitView(approved, { ...proceduresDone, partners: [] }, ctx).stage).toBe('procedures');
    expect(buildExitView(approved, { ...proceduresDone, partners: [partner('notified')] }, ctx).stage).toBe('procedures');
    expect(buildExitView(approved, { ...proceduresDone, deposit: notStarted }, ctx).stage).toBe('procedures');
    const drafts = buildExitView(approved, { ...proceduresDone, planCounts: { ok: 3, draft: 2, unplanned: 0, changed: 0 } }, ctx);
    expect(drafts.stage).toBe('procedures');
    expect(drafts.procedures.disposalComplete).toBe(false);
    expect(drafts.openItems.map((i) => i.en)).toContain('2 disposal plan rows are not right yet; correct them in the table');
  });

  it('with app stock, every SKU must be planned: the open item names the first ten and counts the rest', () => {
    const skus = Array.from({ length: 12 }, (_, i) => `SKU-${i + 1}`);
    const onHand = new Map(skus.map((s) => [s, 5]));
    const v = buildExitView(row(), children({ onHand, stock: skus.map((sku) => ({ sku, warehouse: '义乌仓', quantity: 5 })) }), ctx);
    expect(v.procedures.unplannedSkus).toHaveLength(12);
    expect(v.procedures.disposalComplete).toBe(false);
    const item = v.openItems.find((i) => i.en.startsWith('SKUs without a disposal plan'))!;
    expect(item.en).toBe(
      'SKUs without a disposal plan (12): SKU-1, SKU-2, SKU-3, SKU-4, SKU-5, SKU-6, SKU-7, SKU-8, SKU-9, SKU-10 and 2 more',
    );
    expect(item.zh).toContain('等 12 个');
  });

  it('questions still waiting for support are an open item; answered ones are not', () => {
    const q = (id: number, answer: string | null) => ({
      id,
      askedAt: '2026-10-10T01:00:00Z',
      question: `Q${id}`,
      answer,
      answeredAt: answer ? '2026-10-11T01:00:00Z' : null,
    });
    const v = buildExitView(row(), children({ questions: [q(1, null), q(2, '可以'), q(3, null)] }), ctx);
    expect(v.openItems.map((i) => i.en)).toContain('2 questions await platform support');
  });

  it('a confirmed exit is at the after step, whatever is left in the procedures', () => {
    const v = buildExitView(
      row({ review_outcome: 'approved', done_on: '2026-10-18', store_status: '已关闭', after_checks: JSON.stringify({ stock: 'x' }) }),
      children(),
      ctx,
    );
    expect(v.stage).toBe('after');
    expect(v.done).toEqual({ confirmedOn: '2026-10-18', storeStatus: '已关闭', stillBound: [] });
    expect(v.after.reminders.map((r) => [r.key, r.done])).toEqual([
      ['stock', true],
      ['deposit', false],
      ['partners', false],
      ['privacy', false],
    ]);
    expect(v.after.wipeConfirmText).toBe('义乌杯子店');
  });
});
