/**
 * The rules of the refund application (申请退保证金): how much may be asked for, the day it counts
 * as sent, when the money is due after approval, and that a sent application freezes its inputs.
 */
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';
import { addWorkdaysOrEstimate, beijingDate } from '../calendar/workdays';
import { formatFen, parseFen } from './money';
import { applicationText } from './texts';
import { activeApplication, depositMoney, type DepositRow } from './depositView';
import { readViolations } from './depositChildren';

/** Review says "3–5 working days" from approval. */
export const WINDOW_WORKDAYS = { from: 3, to: 5 } as const;

const AMOUNT_FIELD = { zh: '申请金额', en: 'Amount applied for', path: 'amountYuan' };

/** Refuses a change to what the application was built from, once it has been sent. */
export function rejectAfterApply(r: DepositRow, what: Bilingual): void {
  if (activeApplication(r)) {
    throw new AppError(
      'CONFLICT',
      `申请已经提交，不能再修改${what.zh}。如需更正，请联系速卖通客服；申请被驳回后可以修改重新提交。`,
      `The application has been sent, so ${what.en} can no longer be changed. Contact AliExpress support to correct it; after a rejection you can change it and apply again.`,
    );
  }
}

/** Checks the amount against what may be refunded; returns it in fen. */
export function checkAmount(app: App, r: DepositRow, amountYuan: string | number): number {
  const amountFen = parseFen(amountYuan, AMOUNT_FIELD);
  const { refundableFen } = depositMoney(r, readViolations(app, r.id));
  if (refundableFen === null) {
    throw new AppError(
      'CONFLICT',
      '还没有填写保证金金额，无法计算可退金额。请先完成“查看保证金状态”。',
      'The deposit amount is not entered yet, so the refundable amount is unknown. Complete the status step first.',
    );
  }
  if (amountFen > refundableFen) {
    throw new AppError(
      'BAD_INPUT',
      `申请金额 ${formatFen(amountFen)} 超过了可退金额 ${formatFen(refundableFen)}（保证金 ${formatFen(r.deposit_fen!)} 减去违规扣款）。请改为不超过 ${formatFen(refundableFen)} 的金额。`,
      `The amount ${formatFen(amountFen)} is above the refundable ${formatFen(refundableFen)} (deposit ${formatFen(r.deposit_fen!)} less penalties). Enter at most ${formatFen(refundableFen)}.`,
      [
        {
          path: 'amountYuan',
          message: `超过了可退金额 ${formatFen(refundableFen)}，最多可以申请 ${formatFen(refundableFen)}`,
          messageEn: `Above the refundable ${formatFen(refundableFen)}; apply for at most ${formatFen(refundableFen)}`,
        },
      ],
    );
  }
  return amountFen;
}

/** The application to paste, from the figures as they stand. */
export function draftFor(
  app: App,
  r: DepositRow,
  storeName: string,
  reason: string,
  amountFen: number,
  alipayMasked: string | null,
): string {
  const violations = readViolations(app, r.id);
  const { refundableFen } = depositMoney(r, violations);
  return applicationText({
    storeName,
    depositFen: r.deposit_fen!,
    violations,
    refundableFen: refundableFen!,
    amountFen,
    reason,
    alipayMasked,
  });
}

/**
 * The moment an application sent on `appliedOn` (Beijing) is recorded as: now when it is today,
 * else noon of that day. Sellers often record the case after they applied; the refund may even
 * have arrived already, and a later recorded date would hide it.
 */
export function appliedAtFor(nowMs: number, appliedOn: string | undefined, notAfter?: string | null): string {
  const now = new Date(nowMs).toISOString();
  if (appliedOn === undefined) return now;
  const today = beijingDate(nowMs);
  const earliest = beijingDate(nowMs - 366 * 86_400_000);
  const latest = notAfter && notAfter < today ? notAfter : today;
  const parsed = Date.parse(`${appliedOn}T00:00:00Z`);
  // A day that rolls over (02-30 read as 03-02) is not a real day.
  const real = /^\d{4}-\d{2}-\d{2}$/.test(appliedOn) && !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(appliedOn);
  if (!real || appliedOn > latest || appliedOn < earliest) {
    throw new AppError(
      'BAD_INPUT',
      `提交申请的日期“${appliedOn}”不对：应是 ${earliest} 到 ${latest} 之间实际提交申请的那一天${notAfter && notAfter < today ? `（不能晚于审核日期 ${notAfter}）` : ''}。`,
      `The application date "${appliedOn}" is not valid: it must be the day you really applied, between ${earliest} and ${latest}${notAfter && notAfter < today ? ` (not after the review on ${notAfter})` : ''}.`,
      [
        {
          path: 'appliedOn',
          message: `请选择 ${earliest} 到 ${latest} 之间实际提交申请的那一天`,
          messageEn: `Choose the day you really applied, between ${earliest} and ${latest}`,
        },
      ],
    );
  }
  if (appliedOn === today) return now;
  // Noon in Beijing is 04:00 UTC: the same Beijing day whatever the host's zone.
  return `${appliedOn}T04:00:00.000Z`;
}

/**
 * 3 to 5 Chinese working days after approval. From late December the window runs into a year the
 * holiday calendar does not know yet: it is then estimated and marked `estimated`, so that the
 * seller still gets a window and the reminder after it, told it is an estimate. Null only for a
 * date the calendar cannot count at all (before its first year); the approval still counts.
 */
export function arrivalWindowAfter(approvedOn: string): { from: string; to: string; estimated: boolean } | null {
  try {
    const from = addWorkdaysOrEstimate(approvedOn, WINDOW_WORKDAYS.from);
    const to = addWorkdaysOrEstimate(approvedOn, WINDOW_WORKDAYS.to);
    return { from: from.date, to: to.date, estimated: from.estimated || to.estimated };
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_INPUT') return null;
    throw err;
  }
}
