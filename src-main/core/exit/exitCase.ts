/**
 * The store exit case (退店), one per store, kept in SQLite as the seller goes so it survives
 * restarts. The step shown is derived from what is filled in; every change writes a timeline event
 * and an audit row.
 */
import dayjs from 'dayjs';
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type {
  AfterKey,
  AgreementKey,
  AskedKey,
  Bilingual,
  ExitCaseView,
  ExitReason,
  ExitReviewOutcome,
  PartnerKind,
  PartnerStatus,
} from '../../../src-shared/channels/exit';
import { CaseService } from '../case/kernel';
import { addWorkdaysOrEstimate, type WorkdayDate } from '../calendar/workdays';
import { latestFit } from '../fit/results';
import {
  AFTER,
  AGREEMENT,
  PARTNER_STATUS_LABEL,
  READINESS_TITLES,
  REASONS,
  STILL_BOUND,
  draftApplication,
  partnerListed,
  reviewDueWords,
  reviewReminder,
  reviewWords,
} from './texts';
import { boundListings, tableExists } from './storeData';
import type { StoredAnswer } from './readiness';
import { isPrerequisite, withShared, writePrerequisite } from '../deposit/prerequisites';
import { openDepositLink } from './depositLink';
import { setSwitch } from '../auto/switch';
import type { ExitChildren, ExitRow } from './exitView';
import { EXIT_CASE, readPartners } from './exitChildren';
import { DisposalPlan } from './disposalPlan';
import { foldSku } from '../stock/folding';

/** The source: 审核时间约为3个工作日. */
export const REVIEW_WORKDAYS = 3;

function checkDate(s: string, field: Bilingual): string {
  const d = dayjs(s, 'YYYY-MM-DD');
  if (!d.isValid() || d.format('YYYY-MM-DD') !== s) {
    throw new AppError(
      'BAD_INPUT',
      `${field.zh}“${s}”不是有效日期，请用 年-月-日，例如 2026-10-08。`,
      `${field.en} "${s}" is not a valid date; use YYYY-MM-DD, e.g. 2026-10-08.`,
    );
  }
  return s;
}

/**
 * Two partner names the seller means as one: spaces around them and full-width characters (from a
 * Chinese input method) do not make another partner, nor letter case (SF Express and sf express
 * are one forwarder). Folded as SKUs are.
 */
function samePartnerName(a: string, b: string): boolean {
  return foldSku(a, 'insensitive') === foldSku(b, 'insensitive');
}

/** A checklist kept as JSON, key → when it was ticked: ticked now, or unticked. */
function stamped(json: string, key: string, at: string | null): string {
  const a = JSON.parse(json) as Record<string, string>;
  if (at) a[key] = at;
  else delete a[key];
  return JSON.stringify(a);
}

export class ExitCases extends CaseService<ExitRow, ExitChildren, ExitCaseView> {
  /** ④② the disposal plan and the unbinds for the exit. */
  readonly plan = new DisposalPlan(this.k);

  constructor(app: App) {
    super(app, EXIT_CASE);
  }

  /** The case, when the step this one follows is done; otherwise a CONFLICT that says which step to do first. */
  private requireStep<R extends ExitRow>(done: ((r: ExitRow) => r is R) | ((r: ExitRow) => boolean), first: Bilingual): R {
    const r = this.k.require();
    if (!done(r)) throw new AppError('CONFLICT', first.zh, first.en);
    return r as R;
  }

  /** Runs `fn` and its timeline entry in one transaction on the store's case (opened if need be), then returns the fresh view. */
  private change(fn: (r: ExitRow) => void): ExitCaseView {
    return this.k.change(this.k.ensure(), fn);
  }

  /** `change`, unless the store's case already holds what the step would save (`CaseKernel.changeUnlessSaved`). */
  private changeUnlessSaved(saved: (r: ExitRow) => boolean, fn: (r: ExitRow) => void): ExitCaseView {
    const r = this.k.ensure();
    return this.k.changeUnlessSaved(r, saved(r), fn);
  }

  open(fitResultId?: number): ExitCaseView {
    const existing = this.k.row();
    if (existing) {
      if (fitResultId && existing.fit_result_id !== fitResultId) {
        this.app.db.prepare('UPDATE exit_case SET fit_result_id = ? WHERE id = ?').run(fitResultId, existing.id);
      }
      return this.k.view(this.k.require());
    }
    const fit = fitResultId ?? latestFit(this.app)?.id ?? null;
    const name = this.k.storeName();
    return this.k.view(this.k.create({ fit_result_id: fit }, { zh: `开始办理退店：${name}`, en: `Store exit started: ${name}` }));
  }

  setReason(reason: ExitReason, reasonText?: string): ExitCaseView {
    if (reason === 'own' && !reasonText) {
      throw new AppError(
        'BAD_INPUT',
        '选择“其他原因”时，请用自己的话写下退店原因。',
        'With "Other reason", write the reason in your own words.',
      );
    }
    return this.changeUnlessSaved(
      (r) => r.reason === reason && r.reason_text === (reasonText || null),
      (r) => {
        this.app.db.prepare('UPDATE exit_case SET reason = ?, reason_text = ? WHERE id = ?').run(reason, reasonText || null, r.id);
        const label = reason === 'own' ? reasonText! : REASONS[reason].zh;
        this.k.event(r.id, 'reason', { zh: `退店原因：${label}`, en: `Reason: ${reason === 'own' ? reasonText : REASONS[reason].en}` });
      },
    );
  }

  confirmAgreement(key: AgreementKey, confirmed: boolean): ExitCaseView {
    return this.tick('agreement', key, confirmed, AGREEMENT[key], ['已确认', '取消确认'], ['Confirmed', 'Unconfirmed']);
  }

  answerReadiness(key: AskedKey, answer: StoredAnswer['answer'], note?: string): ExitCaseView {
    // Against the answer the wizard shows: the disputes, orders and debts answers are shared with
    // the deposit wizard, so the same answer given there first is already this one.
    const saved = (r: ExitRow) => {
      const shown = withShared(this.app, JSON.parse(r.readiness) as Partial<Record<AskedKey, StoredAnswer>>)[key];
      return (shown?.answer ?? 'unknown') === answer && (shown?.note || null) === (note || null);
    };
    return this.changeUnlessSaved(saved, (r) => {
      const a = JSON.parse(r.readiness) as Record<string, StoredAnswer>;
      a[key] = { answer, note: note || null, at: this.k.now() };
      this.app.db.prepare('UPDATE exit_case SET readiness = ? WHERE id = ?').run(JSON.stringify(a), r.id);
      if (isPrerequisite(key)) writePrerequisite(this.app, key, answer, note || null, 'exit');
      const word = answer === 'clear' ? '没有' : answer === 'open' ? '还有' : '未确认';
      this.k.event(r.id, 'readiness', {
        zh: `准备检查“${READINESS_TITLES[key].zh}”：${word}`,
        en: `Readiness "${READINESS_TITLES[key].en}": ${answer}`,
      });
    });
  }

  submit(input: { submittedOn: string; applicationNo?: string; applicationText?: string }): ExitCaseView {
    this.requireStep((r) => !!r.reason, {
      zh: '还没有填写退店原因。请先在第 1 步“准备”选择原因。',
      en: 'No exit reason yet. Choose one in step 1 "Prepare" first.',
    });
    // Recording the submission again starts a new review (the last outcome and its note stay in the
    // timeline), so after an approval it would clear the approval and its date: a second click on
    // step 2 must not undo what step 3 recorded. After a rejection it is how the seller applies again.
    this.requireStep((r) => r.review_outcome !== 'approved', {
      zh: '平台已经审核通过了这份退店申请，不能再记录提交：那会清掉审核结果。提交记录保持不变；如果审核结果记错了，请在第 3 步“平台审核”修改。',
      en: 'The platform has approved this exit application, so the submission cannot be recorded again: that would clear the approval. The submission stays as recorded; if the outcome was recorded by mistake, change it in step 3 "Review".',
    });
    checkDate(input.submittedOn, { zh: '提交日期', en: 'Submission date' });
    if (input.submittedOn > this.k.today()) {
      throw new AppError(
        'BAD_INPUT',
        `提交日期 ${input.submittedOn} 晚于今天（${this.k.today()}），请填写实际提交申请的日期。`,
        `The submission date ${input.submittedOn} is after today (${this.k.today()}); enter the day you actually submitted.`,
      );
    }
    // The same submission recorded again while it is in review is the one already recorded: no new
    // review starts (and a reminder already sent is not sent again). Open orders, disputes and debts
    // do not refuse it: the seller has applied in Seller Center already, and the source asks only a
    // reason of the application; they hold the deposit refund, which refuses on its own answers.
    const r1 = this.k.require();
    const saved =
      r1.review_outcome === 'pending' &&
      r1.submitted_on === input.submittedOn &&
      r1.application_no === (input.applicationNo ?? null) &&
      (input.applicationText ?? r1.application_text) === r1.application_text;
    // A due date in a year the holiday library does not know yet is estimated and kept marked as
    // such; only a date the library cannot count at all (before its first year) gives none.
    let due: WorkdayDate | null = null;
    let dueError: Bilingual | null = null;
    try {
      due = addWorkdaysOrEstimate(input.submittedOn, REVIEW_WORKDAYS);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      dueError = { zh: err.messageZh, en: err.messageEn };
    }
    return this.k.changeUnlessSaved(r1, saved, (r) => {
      const text = input.applicationText ?? r.application_text ?? draftApplication(this.k.storeName(), r.reason, r.reason_text);
      this.app.db
        .prepare(
          `UPDATE exit_case SET submitted_on = ?, application_no = ?, application_text = ?, review_due = ?, review_due_estimated = ?,
             review_due_error = ?, review_outcome = 'pending', review_decided_on = NULL, review_note = NULL, review_reminded_at = NULL
           WHERE id = ?`,
        )
        .run(
          input.submittedOn,
          input.applicationNo ?? null,
          text,
          due?.date ?? null,
          due?.estimated ? 1 : 0,
          dueError ? JSON.stringify(dueError) : null,
          r.id,
        );
      const no = input.applicationNo;
      const dueWords = reviewDueWords(due);
      this.k.event(r.id, 'submitted', {
        zh: `${input.submittedOn} 提交退店申请${no ? `，申请编号 ${no}` : ''}；${dueWords.zh}`,
        en: `Application ${no ? `${no} ` : ''}submitted on ${input.submittedOn}; ${dueWords.en}`,
      });
    });
  }

  /**
   * The application text as the seller edits it before sending it: kept, so a reload or another day
   * finds their words, not the draft again. Once the submission is recorded the text is the one
   * sent, and changes go through recording the submission again.
   */
  saveApplicationText(text: string): ExitCaseView {
    this.requireStep((r) => !r.submitted_on, {
      zh: '已经记录了提交，申请内容是当时发出的文字。要改，请修改后再次点击“记录已提交”。',
      en: 'The submission is recorded, and the text is the one sent then. To change it, edit it and click "Record submission" again.',
    });
    return this.change((r) => {
      this.app.db.prepare('UPDATE exit_case SET application_text = ? WHERE id = ?').run(text, r.id);
    });
  }

  review(outcome: ExitReviewOutcome, decidedOn?: string, note?: string): ExitCaseView {
    const r0 = this.requireStep((r): r is ExitRow & { submitted_on: string } => !!r.submitted_on, {
      zh: '还没有记录提交申请。请先在第 2 步填写提交日期。',
      en: 'No submission recorded yet. Record the date in step 2 first.',
    });
    if (outcome !== 'pending') {
      if (!decidedOn)
        throw new AppError('BAD_INPUT', '请填写平台通知审核结果的日期。', 'Enter the date the platform announced the outcome.');
      checkDate(decidedOn, { zh: '审核结果日期', en: 'Outcome date' });
      if (decidedOn < r0.submitted_on) {
        throw new AppError(
          'BAD_INPUT',
          `审核结果日期 ${decidedOn} 早于提交日期 ${r0.submitted_on}，请检查。`,
          `The outcome date ${decidedOn} is before the submission date ${r0.submitted_on}; check it.`,
        );
      }
    }
    const decided = outcome === 'pending' ? null : decidedOn!;
    const saved = r0.review_outcome === outcome && r0.review_decided_on === decided && r0.review_note === (note || null);
    return this.k.changeUnlessSaved(r0, saved, (r) => {
      this.app.db
        .prepare('UPDATE exit_case SET review_outcome = ?, review_decided_on = ?, review_note = ? WHERE id = ?')
        .run(outcome, decided, note || null, r.id);
      this.k.event(r.id, 'review', reviewWords(outcome, decidedOn, note));
    });
  }

  /** The "review due" notice, sent once when the due day has come and no outcome is recorded. */
  remind(): boolean {
    const r = this.k.row();
    if (!r || !r.review_due || r.review_reminded_at || (r.review_outcome && r.review_outcome !== 'pending')) return false;
    if (this.k.today() < r.review_due) return false;
    const words = reviewReminder(r.application_no, r.submitted_on, r.review_due, r.review_due_estimated === 1);
    this.k.remindOnce(r, 'review_reminded_at', words.text, {}, words.notice);
    return true;
  }

  linkDeposit(): ExitCaseView {
    const depositId = openDepositLink(this.app);
    return this.changeUnlessSaved(
      (r) => r.deposit_case_id === depositId,
      (r) => {
        this.app.db.prepare('UPDATE exit_case SET deposit_case_id = ? WHERE id = ?').run(depositId, r.id);
        this.k.event(r.id, 'deposit', { zh: `关联退保证金案件 #${depositId}`, en: `Linked deposit refund case #${depositId}` });
      },
    );
  }

  savePartner(input: {
    id?: number;
    kind: PartnerKind;
    name: string;
    status: PartnerStatus;
    statusOn?: string | null;
    reference?: string | null;
    note?: string | null;
  }): ExitCaseView {
    const r0 = this.k.ensure();
    const partners = readPartners(this.app, r0.id);
    const stored = input.id === undefined ? undefined : partners.find((x) => x.id === input.id);
    if (input.id !== undefined && !stored)
      throw new AppError(
        'NOT_FOUND',
        '找不到这个合作伙伴，可能已被删除。请刷新后重试。',
        'That partner was not found; it may have been removed. Reload and try again.',
      );
    // One record per partner: a name added again, or a partner renamed to another's, is refused. A
    // save that keeps its own name is not checked, so two records left by an older version can
    // still each be saved.
    if (!stored || !samePartnerName(stored.name, input.name)) {
      const listed = partners.find((x) => samePartnerName(x.name, input.name));
      if (listed) {
        const m = partnerListed(listed.name, listed.kind);
        throw new AppError('CONFLICT', m.zh, m.en);
      }
    }
    // A save keeps what it does not carry: the partners table saves a status or a reference on its
    // own, and a note stored on the partner must survive it. Only null (or an empty text) clears.
    const kept = (given: string | null | undefined, was: string | null | undefined) =>
      given === undefined ? (was ?? null) : given || null;
    const p = {
      kind: input.kind,
      name: input.name,
      status: input.status,
      statusOn: kept(input.statusOn, stored?.statusOn),
      reference: kept(input.reference, stored?.reference),
      note: kept(input.note, stored?.note),
    };
    if (p.statusOn) checkDate(p.statusOn, { zh: '日期', en: 'Date' });
    if (p.status === 'terminated' && !p.statusOn) {
      throw new AppError('BAD_INPUT', `请填写与“${p.name}”终止合作的日期。`, `Enter the date cooperation with "${p.name}" ended.`);
    }
    const fields = [p.kind, p.name, p.status, p.statusOn, p.reference, p.note];
    // A partner saved as it stands keeps its "updated" time; a new one is always something the seller did.
    const saved =
      !!stored &&
      [stored.kind, stored.name, stored.status, stored.statusOn, stored.reference, stored.note].every((v, i) => v === fields[i]);
    return this.k.changeUnlessSaved(r0, saved, (r) => {
      const vals = [...fields, this.k.now()];
      if (stored) {
        this.app.db
          .prepare(
            'UPDATE exit_partner SET kind = ?, name = ?, status = ?, status_on = ?, reference = ?, note = ?, updated_at = ? WHERE id = ? AND case_id = ?',
          )
          .run(...vals, stored.id, r.id);
      } else {
        this.app.db
          .prepare(
            'INSERT INTO exit_partner (kind, name, status, status_on, reference, note, updated_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(...vals, r.id);
      }
      const s = PARTNER_STATUS_LABEL[p.status];
      this.k.event(r.id, 'partner', {
        zh: `合作伙伴 ${p.name}：${s.zh}${p.statusOn ? `（${p.statusOn}）` : ''}${p.reference ? `，凭证 ${p.reference}` : ''}`,
        en: `Partner ${p.name}: ${s.en}${p.statusOn ? ` (${p.statusOn})` : ''}`,
      });
    });
  }

  removePartner(id: number): ExitCaseView {
    return this.change((r) => {
      const p = this.app.db.prepare('SELECT name FROM exit_partner WHERE id = ? AND case_id = ?').get(id, r.id) as
        { name: string } | undefined;
      if (!p)
        throw new AppError('NOT_FOUND', '找不到这个合作伙伴，可能已被删除。', 'That partner was not found; it may already be removed.');
      this.app.db.prepare('DELETE FROM exit_partner WHERE id = ?').run(id);
      this.k.event(r.id, 'partner', { zh: `删除合作伙伴 ${p.name}`, en: `Removed partner ${p.name}` });
    });
  }

  addQuestion(question: string): ExitCaseView {
    return this.change((r) => {
      this.app.db.prepare('INSERT INTO exit_question (case_id, asked_at, question) VALUES (?, ?, ?)').run(r.id, this.k.now(), question);
      this.k.event(r.id, 'question', { zh: `记录要问平台客服的问题：${question}`, en: `Question for platform support: ${question}` });
    });
  }

  answerQuestion(id: number, answer: string): ExitCaseView {
    // The same answer saved again keeps when it was first given.
    const saved = (r: ExitRow) =>
      (this.app.db.prepare('SELECT answer FROM exit_question WHERE id = ? AND case_id = ?').pluck().get(id, r.id) ?? null) === answer;
    return this.changeUnlessSaved(saved, (r) => {
      const res = this.app.db
        .prepare('UPDATE exit_question SET answer = ?, answered_at = ? WHERE id = ? AND case_id = ?')
        .run(answer, this.k.now(), id, r.id);
      if (res.changes === 0)
        throw new AppError('NOT_FOUND', '找不到这个问题。请刷新后重试。', 'That question was not found. Reload and try again.');
      this.k.event(r.id, 'answer', { zh: `客服答复：${answer}`, en: `Support answered: ${answer}` });
    });
  }

  /**
   * `stillBound`: the seller's confirmation that Seller Center shows the store as exited although
   * that many listing SKUs still show bound here. Without it a bound SKU refuses, as recording the
   * exit while the store still sells is the usual mistake; with it the exit is recorded as usual,
   * the SKUs named in the timeline, and what follows (the switch-off) runs as on the normal path.
   */
  confirmDone(confirmedOn: string, storeStatus: string, stillBound?: number): ExitCaseView {
    const r0 = this.requireStep((r) => r.review_outcome === 'approved', {
      zh: '平台审核通过后才能确认退店成功。请先在第 3 步记录审核结果。',
      en: 'An exit can only be confirmed after the platform approved it. Record the review outcome in step 3 first.',
    });
    checkDate(confirmedOn, { zh: '退店成功日期', en: 'Exit date' });
    const bound = boundListings(this.app.db) ?? [];
    if (bound.length) {
      // The confirmation covers the list the seller saw: another count is another list.
      const m =
        stillBound === undefined ? STILL_BOUND.refused(bound) : stillBound !== bound.length ? STILL_BOUND.changed(stillBound, bound) : null;
      if (m) {
        throw new AppError(
          'CONFLICT',
          m.zh,
          m.en,
          bound.slice(0, 200).map((b) => ({ path: b.sku, message: b.note?.zh ?? '', messageEn: b.note?.en ?? '' })),
        );
      }
    }
    if (r0.review_decided_on && confirmedOn < r0.review_decided_on) {
      throw new AppError(
        'BAD_INPUT',
        `退店成功日期 ${confirmedOn} 早于审核通过日期 ${r0.review_decided_on}，请检查。`,
        `The exit date ${confirmedOn} is before the approval date ${r0.review_decided_on}; check it.`,
      );
    }
    return this.k.changeUnlessSaved(r0, r0.done_on === confirmedOn && r0.store_status === storeStatus, (r) => {
      this.app.db.prepare('UPDATE exit_case SET done_on = ?, store_status = ? WHERE id = ?').run(confirmedOn, storeStatus, r.id);
      const note = bound.length ? STILL_BOUND.note(bound) : { zh: '', en: '' };
      this.k.event(
        r.id,
        'done',
        {
          zh: `${confirmedOn} 退店成功，卖家中心店铺状态：${storeStatus}${note.zh}`,
          en: `Exit complete on ${confirmedOn}; store status in Seller Center: ${storeStatus}${note.en}`,
        },
        // The audit keeps the list the confirmation covered, up to 5,000 SKUs (the timeline names 20).
        bound.length ? { stillBound: bound.length, skus: bound.slice(0, 5000).map((b) => ({ sku: b.sku, state: b.note?.zh ?? '' })) } : {},
      );
      // Nothing is to be bound or unbound for a store that has left.
      if (tableExists(this.app.db, 'auto_settings')) setSwitch(this.app, false, '退店成功');
    });
  }

  setAfter(key: AfterKey, done: boolean): ExitCaseView {
    return this.tick('after_checks', key, done, AFTER[key], ['已完成', '取消完成'], ['Done', 'Undone']);
  }

  /**
   * Ticks or unticks one line of a checklist kept on the case (the agreement, the after-exit
   * reminders), with its timeline entry: the checklist's own words for ticked and unticked. A line
   * already as asked is left alone.
   */
  private tick(
    column: 'agreement' | 'after_checks',
    key: string,
    on: boolean,
    line: Bilingual,
    zh: [ticked: string, unticked: string],
    en: [ticked: string, unticked: string],
  ): ExitCaseView {
    // A line ticked again keeps the time it was first ticked.
    const ticked = (r: ExitRow) => key in (JSON.parse(r[column]) as Record<string, string>);
    return this.changeUnlessSaved(
      (r) => ticked(r) === on,
      (r) => {
        this.app.db.prepare(`UPDATE exit_case SET ${column} = ? WHERE id = ?`).run(stamped(r[column], key, on ? this.k.now() : null), r.id);
        this.k.event(r.id, column === 'agreement' ? 'agreement' : 'after', {
          zh: `${on ? zh[0] : zh[1]}：${line.zh}`,
          en: `${on ? en[0] : en[1]}: ${line.en}`,
        });
      },
    );
  }

  markExported(file: string, downloaded: boolean): void {
    const r = this.k.row();
    if (!r) return;
    this.k.write(r, () => {
      this.app.db.prepare('UPDATE exit_case SET exported_at = ?, export_file = ? WHERE id = ?').run(this.k.now(), file, r.id);
      const text = downloaded
        ? { zh: `导出店铺全部数据并下载：${file}`, en: `Exported all store data as a download: ${file}` }
        : { zh: `导出店铺全部数据：${file}`, en: `Exported all store data: ${file}` };
      this.k.event(r.id, 'export', text);
    });
  }

  markWiped(detail: Record<string, unknown>): string {
    const r = this.k.require();
    const at = this.k.now();
    this.k.write(r, () => {
      this.app.db.prepare('UPDATE exit_case SET wiped_at = ? WHERE id = ?').run(at, r.id);
      this.k.event(r.id, 'wipe', { zh: '已清除店铺的账号凭证和个人信息', en: 'Store credentials and personal data wiped' }, detail);
    });
    return at;
  }
}

/** The per-app exit service. */
export function exitCases(app: App): ExitCases {
  return app.services.exit;
}

/** The exit domain's background work in a long-running host: the hourly "review due" check (the CLI runs it on demand). */
export function startExit(app: App): void {
  app.hourly('exit reminder', () => exitCases(app).remind());
}
