/**
 * The deposit refund case (退保证金), one per store, kept in SQLite so it survives restarts and
 * is the same row whether the seller reaches it from its own wizard or as step ① of a store exit.
 * Status → checks → apply → review → arrival: each step writes a timeline event and an audit row.
 */
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type {
  DepositCaseView,
  DepositCheckAnswer,
  DepositCheckKey,
  DepositStatus,
  DepositSummary,
  ReviewOutcome,
} from '../../../src-shared/channels/deposit';
import { CaseService } from '../case/kernel';
import { beijingDate } from '../calendar/workdays';
import { formatFen, parseFen } from './money';
import { maskAlipayAccount, normaliseAlipayAccount } from './account';
import { evaluateChecks, type StoredCheck } from './checks';
import { reviewEditWords, reviewWords, STATUS_LABELS } from './texts';
import { withShared, writePrerequisite } from './prerequisites';
import { activeApplication, depositSummaryOf, type DepositChildren, type DepositRow } from './depositView';
import { DEPOSIT_CASE, readViolations } from './depositChildren';
import { appliedAtFor, arrivalWindowAfter, checkAmount, draftFor, rejectAfterApply } from './application';
import { ArrivalCheck } from './arrivalCheck';

const DEPOSIT_FIELD = { zh: '保证金金额', en: 'Deposit amount', path: 'depositYuan' };
const PENALTY_FIELD = { zh: '扣款金额', en: 'Penalty amount', path: 'penaltyYuan' };

export class DepositCases extends CaseService<DepositRow, DepositChildren, DepositCaseView> {
  /** 到账核对: bill import, confirmation and the overdue reminder. */
  readonly arrival = new ArrivalCheck(this.k);

  constructor(app: App) {
    super(app, DEPOSIT_CASE);
  }

  open(): DepositCaseView {
    const existing = this.k.row();
    if (existing) return this.k.view(existing);
    return this.k.view(this.k.create({}, { zh: '开始办理退保证金', en: 'Deposit refund started' }));
  }

  summary(caseId?: number): DepositSummary | null {
    const v = this.get(caseId);
    return v ? depositSummaryOf(v) : null;
  }

  setStatus(input: { caseId?: number; status: DepositStatus; depositYuan: string | number }): DepositCaseView {
    const depositFen = parseFen(input.depositYuan, DEPOSIT_FIELD);
    const r0 = this.k.ensure(input.caseId);
    if (r0.status === input.status && r0.deposit_fen === depositFen && r0.status_confirmed_at) {
      // The same status confirmed again: 上次确认 moves to now (the seller looked again today), but
      // the timeline already says what was confirmed, so it gets no second, identical entry.
      this.k.write(r0, (r) => {
        this.app.db.prepare('UPDATE deposit_case SET status_confirmed_at = ? WHERE id = ?').run(this.k.now(), r.id);
      });
      return this.k.view(this.k.require(r0.id));
    }
    return this.k.change(r0, (r) => {
      this.app.db
        .prepare('UPDATE deposit_case SET status = ?, deposit_fen = ?, status_confirmed_at = ? WHERE id = ?')
        .run(input.status, depositFen, this.k.now(), r.id);
      const { zh: label, en: labelEn } = STATUS_LABELS[input.status];
      this.k.event(
        r.id,
        'status',
        { zh: `确认保证金 ${formatFen(depositFen)}，状态：${label}`, en: `Deposit ${formatFen(depositFen)} confirmed, status: ${labelEn}` },
        { status: input.status, depositFen, before: { status: r.status, depositFen: r.deposit_fen } },
      );
    });
  }

  setCheck(input: { caseId?: number; key: DepositCheckKey; answer: DepositCheckAnswer; note?: string }): DepositCaseView {
    const r0 = this.k.ensure(input.caseId);
    rejectAfterApply(r0, { zh: '条件检查', en: 'the preconditions' });
    const checks = JSON.parse(r0.checks) as Record<string, StoredCheck>;
    // Against the answer the step shows: disputes, orders and debts are shared with the exit wizard,
    // so the same answer given there first is already this one.
    const shown = withShared(this.app, checks)[input.key];
    const saved = (shown?.answer ?? 'unknown') === input.answer && (shown?.note || null) === (input.note || null);
    checks[input.key] = { answer: input.answer, note: input.note ?? null, at: this.k.now() };
    const title = evaluateChecks({}).find((c) => c.key === input.key)!;
    const word = { clear: ['没有', 'none'], open: ['有', 'some remain'], unknown: ['未确认', 'not known'] }[input.answer];
    return this.k.changeUnlessSaved(r0, saved, (r) => {
      this.app.db.prepare('UPDATE deposit_case SET checks = ? WHERE id = ?').run(JSON.stringify(checks), r.id);
      writePrerequisite(this.app, input.key, input.answer, input.note ?? null, 'deposit');
      this.k.event(
        r.id,
        'check',
        { zh: `条件检查 · ${title.title.zh}：${word[0]}`, en: `Precondition · ${title.title.en}: ${word[1]}` },
        { key: input.key, answer: input.answer },
      );
    });
  }

  addViolation(input: { caseId?: number; description: string; penaltyYuan: string | number; occurredOn?: string }): DepositCaseView {
    const penaltyFen = parseFen(input.penaltyYuan, PENALTY_FIELD);
    const r0 = this.k.ensure(input.caseId);
    rejectAfterApply(r0, { zh: '违规扣款', en: 'penalties' });
    return this.k.change(r0, (r) => {
      this.app.db
        .prepare('INSERT INTO deposit_violation (case_id, description, penalty_fen, occurred_on, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(r.id, input.description, penaltyFen, input.occurredOn ?? null, this.k.now());
      this.k.event(
        r.id,
        'violation.add',
        {
          zh: `记录违规：${input.description}，扣款 ${formatFen(penaltyFen)}`,
          en: `Violation recorded: ${input.description}, penalty ${formatFen(penaltyFen)}`,
        },
        { description: input.description, penaltyFen },
      );
    });
  }

  removeViolation(input: { caseId?: number; id: number }): DepositCaseView {
    const r0 = this.k.require(input.caseId);
    rejectAfterApply(r0, { zh: '违规扣款', en: 'penalties' });
    const v = readViolations(this.app, r0.id).find((x) => x.id === input.id);
    if (!v)
      throw new AppError(
        'NOT_FOUND',
        `找不到这条违规记录（编号 ${input.id}），可能已经删除。`,
        `Violation ${input.id} was not found; it may already be removed.`,
      );
    return this.k.change(r0, (r) => {
      this.app.db.prepare('DELETE FROM deposit_violation WHERE id = ?').run(v.id);
      this.k.event(r.id, 'violation.remove', { zh: `删除违规记录：${v.description}`, en: `Violation removed: ${v.description}` }, { ...v });
    });
  }

  draft(input: { caseId?: number; reason: string; amountYuan: string | number }): { amountFen: number; text: string } {
    const r = this.k.require(input.caseId);
    const amountFen = checkAmount(this.app, r, input.amountYuan);
    return {
      amountFen,
      text: draftFor(
        this.app,
        r,
        this.k.storeName(),
        input.reason,
        amountFen,
        r.alipay_account ? maskAlipayAccount(r.alipay_account) : null,
      ),
    };
  }

  /** Corrects the day the application was really sent (only while it stands, and not after its review). */
  setAppliedOn(input: { caseId?: number; appliedOn: string }): DepositCaseView {
    const r0 = this.k.require(input.caseId);
    if (!activeApplication(r0) || !r0.applied_at) {
      throw new AppError(
        'CONFLICT',
        '还没有提交申请，没有申请日期可以修改。',
        'No application has been sent, so there is no application date to change.',
      );
    }
    const before = beijingDate(Date.parse(r0.applied_at));
    const appliedAt = appliedAtFor(this.app.clock.now(), input.appliedOn, r0.decided_on);
    return this.k.changeUnlessSaved(r0, before === input.appliedOn, (r) => {
      this.app.db.prepare('UPDATE deposit_case SET applied_at = ? WHERE id = ?').run(appliedAt, r.id);
      this.k.event(
        r.id,
        'applied.date',
        {
          zh: `申请日期由 ${before} 改为实际提交的 ${input.appliedOn}`,
          en: `Application date changed from ${before} to the real ${input.appliedOn}`,
        },
        { before, after: input.appliedOn },
      );
    });
  }

  apply(input: {
    caseId?: number;
    reason: string;
    amountYuan: string | number;
    alipayAccount: string;
    appliedOn?: string;
  }): DepositCaseView {
    const r0 = this.k.require(input.caseId);
    if (activeApplication(r0)) {
      throw new AppError(
        'CONFLICT',
        '已经提交过退保证金申请，正在审核或已通过。请在“审核”一步记录结果。',
        'An application has already been sent and is in review or approved. Record the outcome in the review step.',
      );
    }
    const { blockers } = this.k.view(r0);
    const first = blockers[0];
    if (first) {
      throw new AppError(
        'CONFLICT',
        `现在还不能申请：${first.zh}`,
        `You cannot apply yet: ${first.en}`,
        blockers.map((b) => ({ path: 'blockers', message: b.zh, messageEn: b.en })),
      );
    }
    const amountFen = checkAmount(this.app, r0, input.amountYuan);
    const account = normaliseAlipayAccount(input.alipayAccount);
    const masked = maskAlipayAccount(account);
    const text = draftFor(this.app, r0, this.k.storeName(), input.reason, amountFen, masked);
    const appliedAt = appliedAtFor(this.app.clock.now(), input.appliedOn);
    return this.k.change(r0, (r) => {
      this.app.db
        .prepare(
          `UPDATE deposit_case SET reason = ?, amount_fen = ?, alipay_account = ?, applied_at = ?, application_text = ?,
             review_outcome = 'pending', decided_on = NULL, review_note = NULL, window_from = NULL, window_to = NULL,
             reminder_sent_at = NULL, status = 'refunding' WHERE id = ?`,
        )
        .run(input.reason, amountFen, account, appliedAt, text, r.id);
      const on = beijingDate(Date.parse(appliedAt));
      this.k.event(
        r.id,
        'applied',
        {
          zh: `提交退保证金申请 ${formatFen(amountFen)}（${on}），退到支付宝 ${masked}`,
          en: `Applied for ${formatFen(amountFen)} (${on}) to Alipay ${masked}`,
        },
        { amountFen, reason: input.reason, alipay: masked },
      );
    });
  }

  review(input: { caseId?: number; outcome: ReviewOutcome; decidedOn?: string; note?: string }): DepositCaseView {
    const r0 = this.k.require(input.caseId);
    if (!r0.applied_at) {
      throw new AppError(
        'CONFLICT',
        '还没有提交申请，没有审核结果可以记录。请先完成“提交申请”。',
        'No application has been sent, so there is no review to record. Apply first.',
      );
    }
    const appliedOn = beijingDate(Date.parse(r0.applied_at));
    const today = this.k.today();
    const decidedOn = input.outcome === 'pending' ? null : (input.decidedOn ?? today);
    if (decidedOn && (decidedOn < appliedOn || decidedOn > today)) {
      throw new AppError(
        'BAD_INPUT',
        `审核日期 ${decidedOn} 应在提交申请（${appliedOn}）和今天（${today}）之间。`,
        `The review date ${decidedOn} must be between the application (${appliedOn}) and today (${today}).`,
        [
          {
            path: 'decidedOn',
            message: `审核日期应在 ${appliedOn} 到 ${today} 之间`,
            messageEn: `The review date must be between ${appliedOn} and ${today}`,
          },
        ],
      );
    }
    // Arrival: 3 to 5 Chinese working days after approval, holidays and 调休 counted as the platform does.
    const window = input.outcome === 'approved' ? arrivalWindowAfter(decidedOn!) : null;
    const note = input.note ?? null;
    // An approval recorded once the refund has arrived (a date or note corrected, or the approval
    // written down late) does not move the case back: the money is there, so it stays refunded and
    // the arrival reminder is not armed again.
    const arrived = r0.status === 'refunded' && input.outcome === 'approved';
    const status: DepositStatus = arrived ? 'refunded' : input.outcome === 'rejected' ? 'refundable' : 'refunding';
    // The outcome recorded again as it stands keeps the case as it is: no second entry, the arrival
    // reminder is not sent again, and a refund already confirmed stays refunded.
    const saved = r0.review_outcome === input.outcome && r0.decided_on === decidedOn && r0.review_note === note;
    return this.k.changeUnlessSaved(r0, saved, (r) => {
      this.app.db
        .prepare(
          'UPDATE deposit_case SET review_outcome = ?, decided_on = ?, review_note = ?, window_from = ?, window_to = ?, reminder_sent_at = ?, status = ? WHERE id = ?',
        )
        .run(input.outcome, decidedOn, note, window?.from ?? null, window?.to ?? null, arrived ? r.reminder_sent_at : null, status, r.id);
      const detail = { outcome: input.outcome, decidedOn, window };
      if (arrived && r.review_outcome === 'approved') {
        const before = { decidedOn: r.decided_on, note: r.review_note };
        this.k.event(r.id, 'review.edit', reviewEditWords(before, { decidedOn, note }), { ...detail, before });
      } else {
        this.k.event(r.id, 'review', reviewWords(input.outcome, decidedOn, window, input.note), detail);
      }
    });
  }

  remind(): number {
    return this.arrival.remind();
  }
}
