/**
 * The deposit refund case (退保证金), one per store, kept in SQLite so it survives restarts and
 * is the same row whether the seller reaches it from its own wizard or as step ① of a store exit.
 * Status → checks → apply → review → arrival: each step writes a timeline event and an audit row.
 */
import type { App } from '../app';
import { writeAudit } from '../audit';
import { AppError } from '../../../src-shared/errors';
import type {
  ArrivalVerdict,
  ArrivalWindow,
  DepositCaseView,
  DepositCheckAnswer,
  DepositCheckKey,
  DepositMatchReport,
  DepositStage,
  DepositStatus,
  DepositSummary,
  DepositViolation,
  ReviewOutcome,
} from '../../../src-shared/channels/deposit';
import { addWorkdays, beijingDate } from '../calendar/workdays';
import { formatFen, parseFen } from './money';
import { maskAlipayAccount, normaliseAlipayAccount } from './account';
import { evaluateChecks, type StoredCheck } from './checks';
import { applicationText, PHONE_REMINDER, STATUS_LABELS, supportText, WHERE_TO_FIND } from './texts';
import { parseAlipayBill } from './alipay';
import { findRefund } from './refundMatch';
import { withShared, writePrerequisite } from './prerequisites';

/** The app manages one store; the key leaves room for more without a migration. */
const STORE_KEY = 'default';
/** Review says "3–5 working days" from approval. */
export const WINDOW_WORKDAYS = { from: 3, to: 5 } as const;

interface CaseRow {
  id: number;
  created_at: string;
  updated_at: string;
  status: DepositStatus;
  status_confirmed_at: string | null;
  deposit_fen: number | null;
  checks: string;
  reason: string | null;
  amount_fen: number | null;
  alipay_account: string | null;
  applied_at: string | null;
  application_text: string | null;
  review_outcome: ReviewOutcome | null;
  decided_on: string | null;
  review_note: string | null;
  window_from: string | null;
  window_to: string | null;
  reminder_sent_at: string | null;
}

interface ArrivalRow {
  id: number;
  line: number;
  row_time: string;
  amount_fen: number;
  counterparty: string;
  description: string;
  trade_no: string | null;
}

const DEPOSIT_FIELD = { zh: '保证金金额', en: 'Deposit amount' };
const PENALTY_FIELD = { zh: '扣款金额', en: 'Penalty amount' };
const AMOUNT_FIELD = { zh: '申请金额', en: 'Amount applied for' };

export class DepositCases {

  constructor(private readonly app: App) {}


  private now(): string {
    return new Date(this.app.clock.now()).toISOString();
  }

  private today(): string {
    return beijingDate(this.app.clock.now());
  }

  private row(caseId?: number): CaseRow | null {
    const db = this.app.db;
    const r =
      caseId === undefined
        ? db.prepare('SELECT * FROM deposit_case WHERE store_key = ?').get(STORE_KEY)
        : db.prepare('SELECT * FROM deposit_case WHERE id = ?').get(caseId);
    return (r as CaseRow | undefined) ?? null;
  }

  private require(caseId?: number): CaseRow {
    const r = this.row(caseId);
    if (r) return r;
    throw new AppError(
      'NOT_FOUND',
      caseId === undefined ? '还没有开始退保证金。请先在“退保证金”里开始办理。' : `找不到编号为 ${caseId} 的退保证金记录，可能已被删除。请从“退保证金”重新打开。`,
      caseId === undefined ? 'No deposit refund has been started yet. Start one under "Deposit refund" first.' : `Deposit case ${caseId} does not exist; it may have been removed. Open it again from "Deposit refund".`,
    );
  }

  private event(caseId: number, kind: string, text: string, textEn: string, detail: Record<string, unknown> = {}): void {
    const at = this.now();
    this.app.db.prepare('INSERT INTO deposit_event (case_id, at, kind, text, text_en) VALUES (?, ?, ?, ?, ?)').run(caseId, at, kind, text, textEn);
    this.app.db.prepare('UPDATE deposit_case SET updated_at = ? WHERE id = ?').run(at, caseId);
    writeAudit(this.app.db, this.app.clock, { actor: 'seller', kind: `deposit.${kind}`, subject: `deposit:${caseId}`, detail });
  }

  private changed(): void {
    this.app.events.emit('changed', { topic: 'deposit' });
  }

  private violations(caseId: number): DepositViolation[] {
    return (
      this.app.db
        .prepare('SELECT id, description, penalty_fen, occurred_on FROM deposit_violation WHERE case_id = ? ORDER BY id')
        .all(caseId) as { id: number; description: string; penalty_fen: number; occurred_on: string | null }[]
    ).map((v) => ({ id: v.id, description: v.description, penaltyFen: v.penalty_fen, occurredOn: v.occurred_on }));
  }

  private arrivals(caseId: number): ArrivalRow[] {
    return this.app.db
      .prepare('SELECT id, line, row_time, amount_fen, counterparty, description, trade_no FROM deposit_arrival WHERE case_id = ? ORDER BY row_time, id')
      .all(caseId) as ArrivalRow[];
  }

  private money(r: CaseRow) {
    const violations = this.violations(r.id);
    const penaltiesFen = violations.reduce((s, v) => s + v.penaltyFen, 0);
    // Penalties above the deposit leave nothing to refund, never a negative refund.
    const refundableFen = r.deposit_fen === null ? null : Math.max(0, r.deposit_fen - penaltiesFen);
    return { violations, penaltiesFen, refundableFen };
  }

  private window(r: CaseRow): ArrivalWindow | null {
    return r.review_outcome === 'approved' && r.decided_on && r.window_from && r.window_to
      ? { approvedOn: r.decided_on, from: r.window_from, to: r.window_to }
      : null;
  }

  private activeApplication(r: CaseRow): boolean {
    return r.applied_at !== null && r.review_outcome !== 'rejected';
  }

  private arrivalVerdict(r: CaseRow, arrivedFen: number): ArrivalVerdict {
    if (!this.activeApplication(r) || r.amount_fen === null) return 'not_applied';
    if (arrivedFen >= r.amount_fen) return arrivedFen === r.amount_fen ? 'arrived' : 'amount_differs';
    if (arrivedFen > 0) return 'partial';
    if (r.review_outcome !== 'approved') return 'in_review';
    return r.window_to && this.today() > r.window_to ? 'overdue' : 'waiting';
  }

  private blockers(r: CaseRow, refundableFen: number | null, checks: ReturnType<typeof evaluateChecks>): { zh: string; en: string }[] {
    const out: { zh: string; en: string }[] = [];
    if (r.deposit_fen === null || r.status_confirmed_at === null) {
      out.push({ zh: '先在全托管服务中心查看并填写保证金金额和状态。', en: 'First look up and enter the deposit amount and status in the fully-managed service centre.' });
    }
    if (r.status === 'frozen') {
      out.push({
        zh: '保证金处于冻结状态，通常是有纠纷、违规处罚或欠款没处理完。请在全托管服务中心查看冻结原因并处理，解冻后再申请。',
        en: 'The deposit is frozen, usually because of a dispute, a penalty or a debt still open. Check the reason in the service centre, resolve it, and apply once it is released.',
      });
    } else if (r.status === 'paid') {
      out.push({
        zh: '服务中心显示的状态还不是“可退还”。等状态变为可退还后，把这里的状态改为“可退还”再申请。',
        en: 'The service centre does not show the deposit as refundable yet. Once it does, set the status here to "Refundable" and apply.',
      });
    } else if (r.status === 'refunded') {
      out.push({ zh: '保证金已经退还，不需要再申请。', en: 'The deposit has already been refunded; there is nothing to apply for.' });
    }
    for (const c of checks) {
      if (c.answer !== 'clear') out.push({ zh: `${c.title}：${c.advice}`, en: `${c.titleEn}: ${c.adviceEn}` });
    }
    if (refundableFen === 0) {
      out.push({
        zh: '违规扣款已经等于或超过保证金，没有可退的金额。如对扣款有异议，请联系速卖通客服申诉。',
        en: 'Penalties equal or exceed the deposit, so nothing is refundable. If you disagree with a penalty, appeal through AliExpress support.',
      });
    }
    return out;
  }

  private storeName(): string {
    return this.app.settings.get('storeName') || '我的全托管店铺';
  }

  private stage(r: CaseRow, blockers: number, checksOk: boolean, arrival: ArrivalVerdict): DepositStage {
    if (r.deposit_fen === null || r.status_confirmed_at === null) return 'status';
    if (!this.activeApplication(r)) return !checksOk ? 'checks' : blockers > 0 && r.status !== 'refundable' ? 'status' : 'apply';
    // The money in the bill settles it, even when the approval itself was never recorded.
    if (arrival === 'arrived') return 'done';
    return r.review_outcome !== 'approved' ? 'review' : 'arrival';
  }

  view(r: CaseRow): DepositCaseView {
    const { violations, penaltiesFen, refundableFen } = this.money(r);
    // The exit wizard answers the same preconditions: the newer answer, from either, counts.
    const checks = evaluateChecks(withShared(this.app, JSON.parse(r.checks) as Partial<Record<DepositCheckKey, StoredCheck>>));
    const blockers = this.activeApplication(r) ? [] : this.blockers(r, refundableFen, checks);
    const arrivals = this.arrivals(r.id);
    const arrivedFen = arrivals.reduce((s, a) => s + a.amount_fen, 0);
    const verdict = this.arrivalVerdict(r, arrivedFen);
    const masked = r.alipay_account ? maskAlipayAccount(r.alipay_account) : '';
    const lastImport = this.app.db
      .prepare('SELECT report FROM deposit_bill_import WHERE case_id = ? ORDER BY id DESC LIMIT 1')
      .get(r.id) as { report: string } | undefined;
    // The letter is written from the same confirmed rows and sum the summary and the verdict show.
    const support =
      r.amount_fen !== null && r.applied_at && (verdict === 'overdue' || verdict === 'partial' || verdict === 'amount_differs')
        ? supportText({
            storeName: this.storeName(),
            appliedOn: beijingDate(Date.parse(r.applied_at)),
            amountFen: r.amount_fen,
            approvedOn: r.decided_on,
            windowTo: r.window_to,
            today: this.today(),
            alipayMasked: masked,
            received: arrivals.length ? arrivals.map((a) => ({ fen: a.amount_fen, time: a.row_time, counterparty: a.counterparty, tradeNo: a.trade_no })) : null,
          })
        : null;
    const timeline = (
      this.app.db.prepare('SELECT id, at, kind, text, text_en FROM deposit_event WHERE case_id = ? ORDER BY id').all(r.id) as {
        id: number;
        at: string;
        kind: string;
        text: string;
        text_en: string;
      }[]
    ).map((e) => ({ id: e.id, at: e.at, kind: e.kind, text: e.text, textEn: e.text_en }));
    return {
      id: r.id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      stage: this.stage(r, blockers.length, checks.every((c) => c.answer === 'clear'), verdict),
      status: r.status,
      statusLabel: STATUS_LABELS[r.status][0],
      statusLabelEn: STATUS_LABELS[r.status][1],
      whereToFind: WHERE_TO_FIND[0],
      whereToFindEn: WHERE_TO_FIND[1],
      statusConfirmedAt: r.status_confirmed_at,
      depositFen: r.deposit_fen,
      penaltiesFen,
      refundableFen,
      checks,
      violations,
      blockers,
      application:
        r.applied_at && r.amount_fen !== null
          ? {
              reason: r.reason ?? '',
              amountFen: r.amount_fen,
              alipayMasked: masked,
              appliedAt: r.applied_at,
              appliedOn: beijingDate(Date.parse(r.applied_at)),
              text: r.application_text ?? '',
            }
          : null,
      phoneReminder: PHONE_REMINDER[0],
      phoneReminderEn: PHONE_REMINDER[1],
      review: r.review_outcome ? { outcome: r.review_outcome, decidedOn: r.decided_on, note: r.review_note } : null,
      window: this.window(r),
      arrival: {
        verdict,
        arrivedFen,
        rows: arrivals.map((a) => ({ id: a.id, at: a.row_time, amountFen: a.amount_fen, counterparty: a.counterparty, description: a.description, tradeNo: a.trade_no, line: a.line })),
        supportText: support,
      },
      lastMatch: lastImport ? (JSON.parse(lastImport.report) as DepositMatchReport) : null,
      timeline,
    };
  }

  get(caseId?: number): DepositCaseView | null {
    const r = this.row(caseId);
    return r ? this.view(r) : null;
  }

  open(): DepositCaseView {
    const existing = this.row();
    if (existing) return this.view(existing);
    const now = this.now();
    const id = Number(
      this.app.db
        .prepare('INSERT INTO deposit_case (store_key, created_at, updated_at) VALUES (?, ?, ?)')
        .run(STORE_KEY, now, now).lastInsertRowid,
    );
    this.event(id, 'opened', '开始办理退保证金', 'Deposit refund started');
    this.changed();
    return this.view(this.require(id));
  }

  summary(caseId?: number): DepositSummary | null {
    const v = this.get(caseId);
    if (!v) return null;
    return {
      caseId: v.id,
      stage: v.stage,
      status: v.status,
      statusLabel: v.statusLabel,
      depositFen: v.depositFen,
      penaltiesFen: v.penaltiesFen,
      refundableFen: v.refundableFen,
      appliedFen: v.application?.amountFen ?? null,
      arrivedFen: v.arrival.arrivedFen,
      arrival: v.arrival.verdict,
      window: v.window,
      done: v.stage === 'done',
    };
  }

  /** Opens the case on first use so each step can be taken without a separate "start". */
  private ensure(caseId?: number): CaseRow {
    if (caseId === undefined && !this.row()) this.open();
    return this.require(caseId);
  }

  setStatus(input: { caseId?: number; status: DepositStatus; depositYuan: string | number }): DepositCaseView {
    const depositFen = parseFen(input.depositYuan, DEPOSIT_FIELD);
    const r = this.ensure(input.caseId);
    this.app.db.transaction(() => {
      this.app.db
        .prepare('UPDATE deposit_case SET status = ?, deposit_fen = ?, status_confirmed_at = ? WHERE id = ?')
        .run(input.status, depositFen, this.now(), r.id);
      const [label, labelEn] = STATUS_LABELS[input.status];
      this.event(r.id, 'status', `确认保证金 ${formatFen(depositFen)}，状态：${label}`, `Deposit ${formatFen(depositFen)} confirmed, status: ${labelEn}`, {
        status: input.status,
        depositFen,
        before: { status: r.status, depositFen: r.deposit_fen },
      });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  setCheck(input: { caseId?: number; key: DepositCheckKey; answer: DepositCheckAnswer; note?: string }): DepositCaseView {
    const r = this.ensure(input.caseId);
    this.rejectAfterApply(r, '条件检查', 'the preconditions');
    const checks = JSON.parse(r.checks) as Record<string, StoredCheck>;
    checks[input.key] = { answer: input.answer, note: input.note ?? null, at: this.now() };
    const title = evaluateChecks({}).find((c) => c.key === input.key)!;
    const word = { clear: ['没有', 'none'], open: ['有', 'some remain'], unknown: ['未确认', 'not known'] }[input.answer];
    this.app.db.transaction(() => {
      this.app.db.prepare('UPDATE deposit_case SET checks = ? WHERE id = ?').run(JSON.stringify(checks), r.id);
      writePrerequisite(this.app, input.key, input.answer, input.note ?? null, 'deposit');
      this.event(r.id, 'check', `条件检查 · ${title.title}：${word[0]}`, `Precondition · ${title.titleEn}: ${word[1]}`, { key: input.key, answer: input.answer });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  private rejectAfterApply(r: CaseRow, what: string, whatEn: string): void {
    if (this.activeApplication(r)) {
      throw new AppError(
        'CONFLICT',
        `申请已经提交，不能再修改${what}。如需更正，请联系速卖通客服；申请被驳回后可以修改重新提交。`,
        `The application has been sent, so ${whatEn} can no longer be changed. Contact AliExpress support to correct it; after a rejection you can change it and apply again.`,
      );
    }
  }

  addViolation(input: { caseId?: number; description: string; penaltyYuan: string | number; occurredOn?: string }): DepositCaseView {
    const penaltyFen = parseFen(input.penaltyYuan, PENALTY_FIELD);
    const r = this.ensure(input.caseId);
    this.rejectAfterApply(r, '违规扣款', 'penalties');
    this.app.db.transaction(() => {
      this.app.db
        .prepare('INSERT INTO deposit_violation (case_id, description, penalty_fen, occurred_on, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(r.id, input.description, penaltyFen, input.occurredOn ?? null, this.now());
      this.event(r.id, 'violation.add', `记录违规：${input.description}，扣款 ${formatFen(penaltyFen)}`, `Violation recorded: ${input.description}, penalty ${formatFen(penaltyFen)}`, {
        description: input.description,
        penaltyFen,
      });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  removeViolation(input: { caseId?: number; id: number }): DepositCaseView {
    const r = this.require(input.caseId);
    this.rejectAfterApply(r, '违规扣款', 'penalties');
    const v = this.violations(r.id).find((x) => x.id === input.id);
    if (!v) throw new AppError('NOT_FOUND', `找不到这条违规记录（编号 ${input.id}），可能已经删除。`, `Violation ${input.id} was not found; it may already be removed.`);
    this.app.db.transaction(() => {
      this.app.db.prepare('DELETE FROM deposit_violation WHERE id = ?').run(v.id);
      this.event(r.id, 'violation.remove', `删除违规记录：${v.description}`, `Violation removed: ${v.description}`, { ...v });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  /** Checks the amount against what may be refunded; returns it in fen. */
  private checkAmount(r: CaseRow, amountYuan: string | number): number {
    const amountFen = parseFen(amountYuan, AMOUNT_FIELD);
    const { refundableFen } = this.money(r);
    if (refundableFen === null) {
      throw new AppError('CONFLICT', '还没有填写保证金金额，无法计算可退金额。请先完成“查看保证金状态”。', 'The deposit amount is not entered yet, so the refundable amount is unknown. Complete the status step first.');
    }
    if (amountFen > refundableFen) {
      throw new AppError(
        'BAD_INPUT',
        `申请金额 ${formatFen(amountFen)} 超过了可退金额 ${formatFen(refundableFen)}（保证金 ${formatFen(r.deposit_fen!)} 减去违规扣款）。请改为不超过 ${formatFen(refundableFen)} 的金额。`,
        `The amount ${formatFen(amountFen)} is above the refundable ${formatFen(refundableFen)} (deposit ${formatFen(r.deposit_fen!)} less penalties). Enter at most ${formatFen(refundableFen)}.`,
        [{ path: 'amountYuan', message: `不能超过 ${formatFen(refundableFen)}`, messageEn: `at most ${formatFen(refundableFen)}` }],
      );
    }
    return amountFen;
  }

  private draftFor(r: CaseRow, reason: string, amountFen: number, alipayMasked: string | null): string {
    const { violations, refundableFen } = this.money(r);
    return applicationText({
      storeName: this.storeName(),
      depositFen: r.deposit_fen!,
      violations,
      refundableFen: refundableFen!,
      amountFen,
      reason,
      alipayMasked,
    });
  }

  draft(input: { caseId?: number; reason: string; amountYuan: string | number }): { amountFen: number; text: string } {
    const r = this.require(input.caseId);
    const amountFen = this.checkAmount(r, input.amountYuan);
    return { amountFen, text: this.draftFor(r, input.reason, amountFen, r.alipay_account ? maskAlipayAccount(r.alipay_account) : null) };
  }

  /**
   * The moment an application sent on `appliedOn` (Beijing) is recorded as: now when it is today,
   * else noon of that day. Sellers often record the case after they applied; the refund may even
   * have arrived already, and a later recorded date would hide it.
   */
  private appliedAtFor(appliedOn: string | undefined, notAfter?: string | null): string {
    if (appliedOn === undefined) return this.now();
    const today = this.today();
    const earliest = beijingDate(this.app.clock.now() - 366 * 86_400_000);
    const latest = notAfter && notAfter < today ? notAfter : today;
    const parsed = Date.parse(`${appliedOn}T00:00:00Z`);
    // A day that rolls over (02-30 read as 03-02) is not a real day.
    const real = /^\d{4}-\d{2}-\d{2}$/.test(appliedOn) && !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(appliedOn);
    if (!real || appliedOn > latest || appliedOn < earliest) {
      throw new AppError(
        'BAD_INPUT',
        `提交申请的日期“${appliedOn}”不对：应是 ${earliest} 到 ${latest} 之间实际提交申请的那一天${notAfter && notAfter < today ? `（不能晚于审核日期 ${notAfter}）` : ''}。`,
        `The application date "${appliedOn}" is not valid: it must be the day you really applied, between ${earliest} and ${latest}${notAfter && notAfter < today ? ` (not after the review on ${notAfter})` : ''}.`,
        [{ path: 'appliedOn', message: `应在 ${earliest} 到 ${latest} 之间`, messageEn: `between ${earliest} and ${latest}` }],
      );
    }
    if (appliedOn === today) return this.now();
    // Noon in Beijing is 04:00 UTC: the same Beijing day whatever the host's zone.
    return `${appliedOn}T04:00:00.000Z`;
  }

  /** Corrects the day the application was really sent (only while it stands, and not after its review). */
  setAppliedOn(input: { caseId?: number; appliedOn: string }): DepositCaseView {
    const r = this.require(input.caseId);
    if (!this.activeApplication(r) || !r.applied_at) {
      throw new AppError('CONFLICT', '还没有提交申请，没有申请日期可以修改。', 'No application has been sent, so there is no application date to change.');
    }
    const before = beijingDate(Date.parse(r.applied_at));
    const appliedAt = this.appliedAtFor(input.appliedOn, r.decided_on);
    this.app.db.transaction(() => {
      this.app.db.prepare('UPDATE deposit_case SET applied_at = ? WHERE id = ?').run(appliedAt, r.id);
      this.event(r.id, 'applied.date', `申请日期由 ${before} 改为实际提交的 ${input.appliedOn}`, `Application date changed from ${before} to the real ${input.appliedOn}`, {
        before,
        after: input.appliedOn,
      });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  apply(input: { caseId?: number; reason: string; amountYuan: string | number; alipayAccount: string; appliedOn?: string }): DepositCaseView {
    const r = this.require(input.caseId);
    if (this.activeApplication(r)) {
      throw new AppError('CONFLICT', '已经提交过退保证金申请，正在审核或已通过。请在“审核”一步记录结果。', 'An application has already been sent and is in review or approved. Record the outcome in the review step.');
    }
    const view = this.view(r);
    if (view.blockers.length) {
      const first = view.blockers[0];
      throw new AppError('CONFLICT', `现在还不能申请：${first.zh}`, `You cannot apply yet: ${first.en}`, view.blockers.map((b) => ({ path: 'blockers', message: b.zh, messageEn: b.en })));
    }
    const amountFen = this.checkAmount(r, input.amountYuan);
    const account = normaliseAlipayAccount(input.alipayAccount);
    const masked = maskAlipayAccount(account);
    const text = this.draftFor(r, input.reason, amountFen, masked);
    const now = this.appliedAtFor(input.appliedOn);
    this.app.db.transaction(() => {
      this.app.db
        .prepare(
          `UPDATE deposit_case SET reason = ?, amount_fen = ?, alipay_account = ?, applied_at = ?, application_text = ?,
             review_outcome = 'pending', decided_on = NULL, review_note = NULL, window_from = NULL, window_to = NULL,
             reminder_sent_at = NULL, status = 'refunding' WHERE id = ?`,
        )
        .run(input.reason, amountFen, account, now, text, r.id);
      const on = beijingDate(Date.parse(now));
      this.event(r.id, 'applied', `提交退保证金申请 ${formatFen(amountFen)}（${on}），退到支付宝 ${masked}`, `Applied for ${formatFen(amountFen)} (${on}) to Alipay ${masked}`, {
        amountFen,
        reason: input.reason,
        alipay: masked,
      });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  review(input: { caseId?: number; outcome: ReviewOutcome; decidedOn?: string; note?: string }): DepositCaseView {
    const r = this.require(input.caseId);
    if (!r.applied_at) {
      throw new AppError('CONFLICT', '还没有提交申请，没有审核结果可以记录。请先完成“提交申请”。', 'No application has been sent, so there is no review to record. Apply first.');
    }
    const appliedOn = beijingDate(Date.parse(r.applied_at));
    const today = this.today();
    const decidedOn = input.outcome === 'pending' ? null : (input.decidedOn ?? today);
    if (decidedOn && (decidedOn < appliedOn || decidedOn > today)) {
      throw new AppError(
        'BAD_INPUT',
        `审核日期 ${decidedOn} 应在提交申请（${appliedOn}）和今天（${today}）之间。`,
        `The review date ${decidedOn} must be between the application (${appliedOn}) and today (${today}).`,
        [{ path: 'decidedOn', message: '日期超出范围', messageEn: 'date out of range' }],
      );
    }
    // Arrival: 3 to 5 Chinese working days after approval, holidays and 调休 counted as the platform does.
    const window = input.outcome === 'approved' ? this.arrivalWindow(decidedOn!) : null;
    const status: DepositStatus = input.outcome === 'rejected' ? 'refundable' : 'refunding';
    const words = {
      pending: ['审核中', 'In review'],
      approved: window
        ? [`审核通过（${decidedOn}），预计 ${window.from} 至 ${window.to} 到账`, `Approved (${decidedOn}); expected between ${window.from} and ${window.to}`]
        : [
            `审核通过（${decidedOn}）。节假日库还没有明年的放假安排，无法算出到账期：一般为审核通过后 3–5 个工作日，请按国务院公布的安排自行留意。`,
            `Approved (${decidedOn}). The holiday calendar does not know next year's schedule yet, so the window cannot be computed: usually 3–5 working days after approval.`,
          ],
      rejected: [`申请被驳回（${decidedOn}）${input.note ? `：${input.note}` : ''}，处理后可以重新申请`, `Rejected (${decidedOn})${input.note ? `: ${input.note}` : ''}; fix the cause and apply again`],
    }[input.outcome];
    this.app.db.transaction(() => {
      this.app.db
        .prepare(
          'UPDATE deposit_case SET review_outcome = ?, decided_on = ?, review_note = ?, window_from = ?, window_to = ?, reminder_sent_at = NULL, status = ? WHERE id = ?',
        )
        .run(input.outcome, decidedOn, input.note ?? null, window?.from ?? null, window?.to ?? null, status, r.id);
      this.event(r.id, 'review', words[0], words[1], { outcome: input.outcome, decidedOn, window });
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  /**
   * 3 to 5 Chinese working days after approval, or null when the holiday calendar does not reach
   * that far (late December): a guessed date would be worse than none, and the approval still counts.
   */
  private arrivalWindow(approvedOn: string): { from: string; to: string } | null {
    try {
      return { from: addWorkdays(approvedOn, WINDOW_WORKDAYS.from), to: addWorkdays(approvedOn, WINDOW_WORKDAYS.to) };
    } catch (err) {
      if (err instanceof AppError && err.code === 'BAD_INPUT') return null;
      throw err;
    }
  }

  matchAlipay(input: { caseId?: number; fileName: string; contentBase64: string }): DepositMatchReport {
    const r = this.require(input.caseId);
    if (!this.activeApplication(r) || r.amount_fen === null || !r.applied_at) {
      throw new AppError(
        'CONFLICT',
        '还没有提交退保证金申请，不知道要找多少钱的退款。请先完成“提交申请”，审核通过后再导入支付宝账单。',
        'No application has been sent, so there is no refund amount to look for. Apply first, and import the Alipay bill after approval.',
      );
    }
    const bytes = Buffer.from(input.contentBase64, 'base64');
    const bill = parseAlipayBill(bytes);
    const window = this.window(r);
    const appliedOn = beijingDate(Date.parse(r.applied_at));
    const result = findRefund({ rows: bill.rows, expectedFen: r.amount_fen, appliedOn, window });
    const today = this.today();
    const overdue = window !== null && today > window.to;
    const masked = r.alipay_account ? maskAlipayAccount(r.alipay_account) : '';
    const facts = { storeName: this.storeName(), appliedOn, amountFen: r.amount_fen, approvedOn: r.decided_on, windowTo: r.window_to, today, alipayMasked: masked };
    let message: string;
    let messageEn: string;
    let support: string | null = null;
    const m = result.match;
    if (result.verdict === 'arrived' && m) {
      message = `找到了：${m.row.time} 收到 ${formatFen(m.row.amountFen)}（${m.row.counterparty}），与申请金额一致。请确认这笔就是保证金退款。`;
      messageEn = `Found: ${formatFen(m.row.amountFen)} received ${m.row.time} from ${m.row.counterparty}, equal to the amount applied for. Confirm that this is the deposit refund.`;
    } else if (result.verdict === 'partial' && m) {
      // The letter to support is drafted from confirmed rows only (the case view), so it always
      // states the sum the summary and the verdict show.
      message = `找到部分退款：${m.row.time} 收到 ${formatFen(m.row.amountFen)}（${m.row.counterparty}），比申请金额 ${formatFen(r.amount_fen)} 少 ${formatFen(-result.differenceFen!)}，可能扣了违规罚款或欠款。请确认这笔是保证金退款；确认后会写好发给速卖通客服核实差额的文字。`;
      messageEn = `A partial refund was found: ${formatFen(m.row.amountFen)} received ${m.row.time} from ${m.row.counterparty}, ${formatFen(-result.differenceFen!)} less than the ${formatFen(r.amount_fen)} applied for (penalties or debts deducted?). Confirm it is the deposit refund; the text for AliExpress support about the difference is drafted once you do.`;
    } else if (result.verdict === 'amount_differs' && m) {
      message = `找到一笔可能的退款 ${formatFen(m.row.amountFen)}（${m.row.time}，${m.row.counterparty}），比申请金额 ${formatFen(r.amount_fen)} 多 ${formatFen(result.differenceFen!)}。请核对这笔是不是保证金退款。`;
      messageEn = `A possible refund of ${formatFen(m.row.amountFen)} (${m.row.time}, ${m.row.counterparty}) was found, ${formatFen(result.differenceFen!)} more than the ${formatFen(r.amount_fen)} applied for. Check whether it is the deposit refund.`;
    } else if (overdue) {
      message = `账单里没有找到保证金退款，而预计到账期已在 ${window!.to} 结束。请确认导入的账单覆盖了 ${window!.approvedOn} 之后的日期；如果覆盖了，请把下面的文字发给速卖通客服。`;
      messageEn = `No deposit refund in this bill, and the expected window ended on ${window!.to}. Make sure the bill covers the days after ${window!.approvedOn}; if it does, send the text below to AliExpress support.`;
      support = supportText(facts);
    } else {
      message = window
        ? `账单里还没有找到保证金退款。预计 ${window.from} 至 ${window.to} 到账，到期后再导入一次最新账单。`
        : '账单里还没有找到保证金退款。申请还在审核中，审核通过后一般 3–5 个工作日到账。';
      messageEn = window
        ? `No deposit refund in this bill yet. It is expected between ${window.from} and ${window.to}; import a fresh bill after that.`
        : 'No deposit refund in this bill yet. The application is still in review; refunds usually arrive 3–5 working days after approval.';
    }
    const now = this.now();
    const report: DepositMatchReport = {
      importId: 0,
      fileName: input.fileName,
      shape: bill.shape,
      encoding: bill.encoding,
      rowsRead: bill.rows.length,
      considered: result.considered,
      apart: result.apart,
      appliedOn,
      counts: result.counts,
      expectedFen: r.amount_fen,
      window,
      match: result.match,
      verdict: result.verdict,
      differenceFen: result.differenceFen,
      message,
      messageEn,
      supportText: support,
    };
    this.app.db.transaction(() => {
      const id = Number(
        this.app.db
          .prepare('INSERT INTO deposit_bill_import (case_id, at, file_name, shape, encoding, rows_read, verdict, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(r.id, now, input.fileName, bill.shape, bill.encoding, bill.rows.length, result.verdict, '{}').lastInsertRowid,
      );
      report.importId = id;
      this.app.db.prepare('UPDATE deposit_bill_import SET report = ? WHERE id = ?').run(JSON.stringify(report), id);
      const verdictWords = {
        arrived: ['找到金额一致的退款，待确认', 'refund of the amount found, to confirm'],
        partial: ['找到部分退款，待确认', 'partial refund found, to confirm'],
        amount_differs: ['找到金额多于申请的款项，待确认', 'more than applied for found, to confirm'],
        not_found: ['未找到退款', 'no refund found'],
      }[result.verdict];
      this.event(
        r.id,
        'import',
        `导入支付宝账单“${input.fileName}”（${bill.rows.length} 行）：${verdictWords[0]}`,
        `Imported Alipay bill "${input.fileName}" (${bill.rows.length} rows): ${verdictWords[1]}`,
        { importId: id, rows: bill.rows.length, verdict: result.verdict, matchLine: m?.row.line ?? null, score: m?.score ?? null },
      );
    })();
    this.changed();
    return report;
  }

  confirmArrival(input: { caseId?: number; importId: number; line: number }): DepositCaseView {
    const r = this.require(input.caseId);
    const imp = this.app.db.prepare('SELECT report FROM deposit_bill_import WHERE id = ? AND case_id = ?').get(input.importId, r.id) as
      | { report: string }
      | undefined;
    if (!imp) throw new AppError('NOT_FOUND', `找不到这次账单导入（编号 ${input.importId}）。请重新导入支付宝账单。`, `Bill import ${input.importId} was not found. Import the Alipay bill again.`);
    const report = JSON.parse(imp.report) as DepositMatchReport;
    const cand = report.considered.find((c) => c.row.line === input.line);
    const apart = (report.apart ?? []).find((a) => a.row.line === input.line);
    if (!cand) {
      throw new AppError(
        'BAD_INPUT',
        apart
          ? `账单第 ${input.line} 行不能算作到账：${apart.why.zh}`
          : `账单第 ${input.line} 行不是一笔可能的退款（只能确认来自速卖通或写明保证金的收入行）。`,
        apart ? `Bill line ${input.line} cannot count as arrived: ${apart.why.en}` : `Bill line ${input.line} is not a possible refund (only income rows from AliExpress or mentioning the deposit can be confirmed).`,
      );
    }
    const row = cand.row;
    // Against the application date as it stands now: the seller may have corrected it since the import.
    const appliedOn = r.applied_at ? beijingDate(Date.parse(r.applied_at)) : null;
    if (row.direction !== 'income' || row.amountFen <= 0 || (appliedOn && row.time.slice(0, 10) < appliedOn)) {
      throw new AppError(
        'BAD_INPUT',
        `账单第 ${row.line} 行（${row.time}）早于提交申请的日期 ${appliedOn}，不能是这次的退款。如果申请其实更早就提交了，请先把申请日期改为实际日期。`,
        `Bill line ${row.line} (${row.time}) is before the application date ${appliedOn}, so it cannot be this refund. If you really applied earlier, set the application date to the real one first.`,
      );
    }
    const key = row.tradeNo ?? `${row.time}|${row.amountFen}|${row.counterparty}`;
    // The same bill row imported again and confirmed again: it is counted once, and that is no error.
    if (this.app.db.prepare('SELECT 1 FROM deposit_arrival WHERE case_id = ? AND row_key = ?').get(r.id, key)) return this.view(this.require(r.id));
    const before = this.arrivals(r.id).reduce((s, a) => s + a.amount_fen, 0);
    if (r.amount_fen !== null && before >= r.amount_fen) {
      throw new AppError(
        'CONFLICT',
        `已经确认到账 ${formatFen(before)}，达到了申请金额 ${formatFen(r.amount_fen)}，不能再确认另一笔。如果之前确认错了，请先撤销那一笔。`,
        `${formatFen(before)} is already confirmed, the amount applied for (${formatFen(r.amount_fen)}); no other row can be added. If an earlier confirmation was wrong, undo it first.`,
      );
    }
    this.app.db.transaction(() => {
      const ins = this.app.db
        .prepare(
          `INSERT OR IGNORE INTO deposit_arrival (case_id, import_id, row_key, line, row_time, amount_fen, counterparty, description, trade_no, confirmed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.id, input.importId, key, row.line, row.time, row.amountFen, row.counterparty, row.description, row.tradeNo, this.now());
      if (ins.changes === 0) return;
      const arrived = before + row.amountFen;
      const full = r.amount_fen !== null && arrived >= r.amount_fen;
      if (full) this.app.db.prepare("UPDATE deposit_case SET status = 'refunded' WHERE id = ?").run(r.id);
      const tail =
        r.amount_fen === null || arrived === r.amount_fen
          ? ['，保证金已退还', '; deposit refunded']
          : arrived < r.amount_fen
            ? [`，累计 ${formatFen(arrived)}，比申请金额少 ${formatFen(r.amount_fen - arrived)}（部分退款）`, `; ${formatFen(arrived)} in total, ${formatFen(r.amount_fen - arrived)} short (partial refund)`]
            : [`，累计 ${formatFen(arrived)}，比申请金额多 ${formatFen(arrived - r.amount_fen)}`, `; ${formatFen(arrived)} in total, ${formatFen(arrived - r.amount_fen)} more than applied for`];
      this.event(
        r.id,
        'arrival',
        `确认到账 ${formatFen(row.amountFen)}（${row.time}，${row.counterparty}）${tail[0]}`,
        `Arrival confirmed: ${formatFen(row.amountFen)} (${row.time}, ${row.counterparty})${tail[1]}`,
        { importId: input.importId, line: row.line, amountFen: row.amountFen, arrivedFen: arrived },
      );
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  /** Takes back a confirmation made by mistake: the row no longer counts, and a refunded case reopens. */
  undoArrival(input: { caseId?: number; arrivalId: number }): DepositCaseView {
    const r = this.require(input.caseId);
    const a = this.arrivals(r.id).find((x) => x.id === input.arrivalId);
    if (!a) {
      throw new AppError('NOT_FOUND', `找不到这笔已确认的到账（编号 ${input.arrivalId}），可能已经撤销。`, `Confirmed arrival ${input.arrivalId} was not found; it may already be undone.`);
    }
    this.app.db.transaction(() => {
      this.app.db.prepare('DELETE FROM deposit_arrival WHERE id = ?').run(a.id);
      const left = this.arrivals(r.id).reduce((s, x) => s + x.amount_fen, 0);
      if (r.status === 'refunded' && (r.amount_fen === null || left < r.amount_fen)) {
        this.app.db.prepare("UPDATE deposit_case SET status = 'refunding' WHERE id = ?").run(r.id);
      }
      this.event(
        r.id,
        'arrival.undo',
        `撤销到账确认 ${formatFen(a.amount_fen)}（${a.row_time}，${a.counterparty}），已确认合计 ${formatFen(left)}`,
        `Arrival confirmation undone: ${formatFen(a.amount_fen)} (${a.row_time}, ${a.counterparty}); ${formatFen(left)} confirmed in total`,
        { arrivalId: a.id, amountFen: a.amount_fen, arrivedFen: left },
      );
    })();
    this.changed();
    return this.view(this.require(r.id));
  }

  /** Sends the "window ended, nothing arrived" notice once per approval. */
  remind(): number {
    const r = this.row();
    if (!r || r.review_outcome !== 'approved' || !r.window_to || r.reminder_sent_at) return 0;
    if (this.today() <= r.window_to) return 0;
    if (this.arrivals(r.id).length > 0) return 0;
    const amount = r.amount_fen === null ? '' : formatFen(r.amount_fen);
    this.app.db.transaction(() => {
      this.app.db.prepare('UPDATE deposit_case SET reminder_sent_at = ? WHERE id = ?').run(this.now(), r.id);
      this.app.db
        .prepare('INSERT INTO deposit_event (case_id, at, kind, text, text_en) VALUES (?, ?, ?, ?, ?)')
        .run(r.id, this.now(), 'reminder', `预计到账期已于 ${r.window_to} 结束，尚未确认到账`, `Expected window ended ${r.window_to}; arrival not confirmed`);
      writeAudit(this.app.db, this.app.clock, { actor: 'system', kind: 'deposit.reminder', subject: `deposit:${r.id}`, detail: { windowTo: r.window_to } });
    })();
    this.app.notices.add(
      'warning',
      {
        title: '保证金退款还没有确认到账',
        body: `保证金 ${amount} 预计在 ${r.window_from} 至 ${r.window_to} 退到支付宝，现在已过期限。请导出最近的支付宝账单导入“退保证金 → 到账核对”；如果确实没到账，按提示联系速卖通客服。`,
      },
      {
        title: 'Deposit refund not yet confirmed',
        body: `The deposit of ${amount} was expected in Alipay between ${r.window_from} and ${r.window_to}, and that window has passed. Export your latest Alipay bill and import it under Deposit refund → Arrival check; if it really has not arrived, contact AliExpress support as shown.`,
      },
    );
    this.changed();
    return 1;
  }
}
