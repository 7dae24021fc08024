/**
 * The deposit timeline is the seller's record of what they did, as the exit's is: a step saved
 * again with nothing changed adds no entry, and a changed value still does.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { App } from '../../../src-main/core/app';
import type { DepositCaseView } from '../../../src-shared/channels/deposit';
import { withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { appExport, utf8 } from '../../unit/deposit/alipayFixtures';
import { beijingMorning } from '../../helpers/beijing';

const kinds = (v: DepositCaseView) => v.timeline.map((e) => e.kind);

/** Applied on 9 Oct for the whole ¥10,000 deposit. */
async function applied(app: App): Promise<DepositCaseView> {
  await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10000' });
  for (const key of ['disputes', 'orders', 'debts'] as const) await call(app, 'deposit.setCheck', { key, answer: 'clear' });
  return call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678', appliedOn: '2026-10-09' });
}

/** The whole ¥10,000 found in an Alipay bill at `time` and confirmed as the refund. */
async function arrive(app: App, time: string): Promise<DepositCaseView> {
  const bill = utf8(appExport([{ time, counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' }]));
  const report = await call(app, 'deposit.matchAlipay', { fileName: 'bill.csv', contentBase64: bill.toString('base64') });
  return call(app, 'deposit.confirmArrival', { importId: report.importId, line: report.match!.row.line });
}

describe('deposit timeline', () => {
  it('confirming the same status again adds no entry but moves "last confirmed"; a changed amount is recorded', () => {
    const clock = new ManualClock(beijingMorning('2026-10-08'));
    return withApp(
      async (app) => {
        const first = await call(app, 'deposit.setStatus', { status: 'frozen', depositYuan: '10000' });
        clock.advance(86_400_000);
        let v = await call(app, 'deposit.setStatus', { status: 'frozen', depositYuan: '10,000.00' });
        expect(kinds(v)).toEqual(['opened', 'status']);
        expect(v.statusConfirmedAt).toBe(new Date(clock.now()).toISOString());
        expect(v.statusConfirmedAt).not.toBe(first.statusConfirmedAt);
        v = await call(app, 'deposit.setStatus', { status: 'frozen', depositYuan: '12000' });
        expect(kinds(v)).toEqual(['opened', 'status', 'status']);
      },
      { clock },
    );
  });

  it('a precondition answered again, here or first in the exit wizard, adds no entry; a new answer does', () =>
    withApp(
      async (app) => {
        await call(app, 'deposit.setCheck', { key: 'debts', answer: 'clear' });
        let v = await call(app, 'deposit.setCheck', { key: 'debts', answer: 'clear' });
        expect(kinds(v)).toEqual(['opened', 'check']);
        // Orders are one answer for both wizards: given in the exit wizard, it is already the deposit's.
        await call(app, 'exit.answerReadiness', { key: 'orders', answer: 'open', note: '2 张备货单' });
        v = await call(app, 'deposit.setCheck', { key: 'orders', answer: 'open', note: '2 张备货单' });
        expect(kinds(v)).toEqual(['opened', 'check']);
        v = await call(app, 'deposit.setCheck', { key: 'orders', answer: 'clear' });
        expect(kinds(v)).toEqual(['opened', 'check', 'check']);
      },
      { clock: new ManualClock(beijingMorning('2026-10-08')) },
    ));

  it('the same application date and the same review outcome recorded again add no entry, and a refund confirmed stays refunded', () => {
    const clock = new ManualClock(beijingMorning('2026-10-20'));
    return withApp(
      async (app) => {
        await applied(app);
        let v = await call(app, 'deposit.setAppliedOn', { appliedOn: '2026-10-09' });
        expect(kinds(v).at(-1)).toBe('applied');
        await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
        const bill = utf8(
          appExport([
            { time: '2026-10-15 10:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
          ]),
        );
        const report = await call(app, 'deposit.matchAlipay', { fileName: 'bill.csv', contentBase64: bill.toString('base64') });
        v = await call(app, 'deposit.confirmArrival', { importId: report.importId, line: report.match!.row.line });
        expect(v.status).toBe('refunded');
        const before = kinds(v);
        v = await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
        expect(kinds(v)).toEqual(before);
        expect(v).toMatchObject({ status: 'refunded', stage: 'done' });
      },
      { clock },
    );
  });

  it('the approval’s date or note corrected after the refund arrived is recorded as an edit, and the case stays refunded', () => {
    const clock = new ManualClock(beijingMorning('2026-10-26'));
    return withApp(
      async (app) => {
        await applied(app);
        await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
        // The window has passed with nothing confirmed: the reminder goes once.
        expect(await call(app, 'deposit.remind', {})).toEqual({ sent: 1 });
        const sentAt = () =>
          (app.db.prepare('SELECT reminder_sent_at FROM deposit_case').get() as { reminder_sent_at: string | null }).reminder_sent_at;
        const reminded = sentAt();
        expect(reminded).not.toBeNull();
        let v = await arrive(app, '2026-10-23 10:00:00');
        expect(v).toMatchObject({ status: 'refunded', stage: 'done' });

        v = await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-13', note: '客服电话确认' });
        expect(v).toMatchObject({
          status: 'refunded',
          stage: 'done',
          review: { outcome: 'approved', decidedOn: '2026-10-13', note: '客服电话确认' },
        });
        expect(v.timeline.at(-1)).toMatchObject({
          kind: 'review.edit',
          text: {
            zh: '修改审核通过的记录：审核日期由 2026-10-12 改为 2026-10-13，备注改为“客服电话确认”。退款已到账，状态仍为“已退还”',
            en: 'Approval record edited: review date changed from 2026-10-12 to 2026-10-13; note changed to "客服电话确认". The refund has arrived; the status stays Refunded',
          },
        });
        v = await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-13' });
        expect(v).toMatchObject({ status: 'refunded', stage: 'done' });
        expect(v.timeline.at(-1)!.text.zh).toBe('修改审核通过的记录：删除备注。退款已到账，状态仍为“已退还”');
        // The reminder is not armed again: it was sent for this approval, and the money is in.
        expect(sentAt()).toBe(reminded);
        expect(await call(app, 'deposit.remind', {})).toEqual({ sent: 0 });
        expect(kinds(v).filter((k) => k === 'review.edit')).toHaveLength(2);
      },
      { clock },
    );
  });

  it('an approval written down only after the refund arrived keeps the case refunded', () =>
    withApp(
      async (app) => {
        await applied(app);
        let v = await arrive(app, '2026-10-16 09:30:00');
        expect(v).toMatchObject({ status: 'refunded', stage: 'done' });
        v = await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
        expect(v).toMatchObject({ status: 'refunded', stage: 'done' });
        expect(kinds(v).at(-1)).toBe('review');
      },
      { clock: new ManualClock(beijingMorning('2026-10-20')) },
    ));

  it('once the refund has arrived, the review cannot be turned back to rejected or pending; undoing the arrival first lets it', () =>
    withApp(
      async (app) => {
        await applied(app);
        await call(app, 'deposit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
        let v = await arrive(app, '2026-10-16 09:30:00');
        const entries = v.timeline.length;
        for (const outcome of ['rejected', 'pending'] as const)
          await expect(call(app, 'deposit.review', { outcome, decidedOn: '2026-10-13' })).rejects.toMatchObject({
            payload: { code: 'CONFLICT', message: expect.stringContaining('请先在“到账核对”里撤销确认') },
          });
        v = (await call(app, 'deposit.get', {})).case!;
        expect(v).toMatchObject({ status: 'refunded', stage: 'done', review: { outcome: 'approved' } });
        expect(v.timeline).toHaveLength(entries);
        // The arrival was matched by mistake: undone, the review says what the platform said.
        await call(app, 'deposit.undoArrival', { arrivalId: v.arrival.rows[0]!.id });
        v = await call(app, 'deposit.review', { outcome: 'rejected', decidedOn: '2026-10-13' });
        expect(v.status).toBe('refundable');
      },
      { clock: new ManualClock(beijingMorning('2026-10-20')) },
    ));
});
