/**
 * The store exit case (退店), one per store, kept in SQLite as the seller goes so it survives
 * restarts. The step shown is derived from what is filled in; every change writes a timeline event
 * and an audit row.
 */
import dayjs from 'dayjs';
import type { App } from '../app';
import { writeAudit } from '../audit';
import { AppError } from '../../../src-shared/errors';
import {
  AFTER_KEYS,
  AGREEMENT_KEYS,
  type AfterKey,
  type AgreementKey,
  type AskedKey,
  type Bilingual,
  type DisposalItem,
  type DisposalPlanInput,
  type ExitCaseView,
  type ExitEvent,
  type ExitPartner,
  type ExitQuestion,
  type ExitReason,
  type ExitReviewOutcome,
  type ExitStage,
  type PartnerKind,
  type PartnerStatus,
} from '../../../src-shared/channels/exit';
import { addWorkdays, beijingDate } from '../calendar/workdays';
import { fitById, latestFit } from '../fit/results';
import { AFTER, AGREEMENT, DISPOSAL_LABEL, PARTNER_STATUS_LABEL, READINESS_TITLES, REASONS, SELLER_CENTER_PATH, draftApplication } from './texts';
import { boundListings, onHandBySku, stockOnHand } from './storeData';
import { computeReadiness, type StoredAnswer } from './readiness';
import { isPrerequisite, withShared, writePrerequisite } from '../deposit/prerequisites';
import { planGaps, validatePlan } from './disposal';
import { openDepositLink, readDepositLink } from './depositLink';
import { exportsInDataFolder } from './exportZip';
import { bulkRows, countStates, planRows, saveRows, type BulkScope } from './planRows';
import { planWorkbook, readPlanWorkbook } from './planExcel';
import { confirmUnbindAll, requestUnbindAll, unbindState } from './unbindAll';
import { setSwitch } from '../auto/switch';
import { tableExists } from './storeData';
import type { DisposalMethod, DisposalRowInput, DisposalRowsPage, DisposalRowState, DisposalSaveResult, ExitUnbindAllResult } from '../../../src-shared/channels/exit';

const STORE_KEY = 'default';
/** The source: 审核时间约为3个工作日. */
export const REVIEW_WORKDAYS = 3;

export interface CaseRow {
  id: number;
  created_at: string;
  updated_at: string;
  fit_result_id: number | null;
  reason: ExitReason | null;
  reason_text: string | null;
  agreement: string;
  readiness: string;
  application_text: string | null;
  submitted_on: string | null;
  application_no: string | null;
  review_due: string | null;
  review_due_error: string | null;
  review_outcome: ExitReviewOutcome | null;
  review_decided_on: string | null;
  review_note: string | null;
  review_reminded_at: string | null;
  deposit_case_id: number | null;
  done_on: string | null;
  store_status: string | null;
  after_checks: string;
  exported_at: string | null;
  export_file: string | null;
  wiped_at: string | null;
}

function checkDate(s: string, field: Bilingual): string {
  const d = dayjs(s, 'YYYY-MM-DD');
  if (!d.isValid() || d.format('YYYY-MM-DD') !== s) {
    throw new AppError('BAD_INPUT', `${field.zh}“${s}”不是有效日期，请用 年-月-日，例如 2026-10-08。`, `${field.en} "${s}" is not a valid date; use YYYY-MM-DD, e.g. 2026-10-08.`);
  }
  return s;
}

export class ExitCases {

  constructor(private readonly app: App) {}

  private now(): string {
    return new Date(this.app.clock.now()).toISOString();
  }

  today(): string {
    return beijingDate(this.app.clock.now());
  }

  storeName(): string {
    return this.app.settings.get('storeName') || '我的全托管店铺';
  }


  row(): CaseRow | undefined {
    return this.app.db.prepare('SELECT * FROM exit_case WHERE store_key = ?').get(STORE_KEY) as CaseRow | undefined;
  }

  private require(): CaseRow {
    const r = this.row();
    if (!r) throw new AppError('NOT_FOUND', '还没有开始退店。请先在“退店”里点“开始退店”。', 'No store exit has been started. Start one under Store exit first.');
    return r;
  }

  private ensure(): CaseRow {
    if (!this.row()) this.open();
    return this.require();
  }

  event(caseId: number, kind: string, text: string, textEn: string, detail: Record<string, unknown> = {}): void {
    this.app.db.prepare('INSERT INTO exit_event (case_id, at, kind, text, text_en) VALUES (?, ?, ?, ?, ?)').run(caseId, this.now(), kind, text, textEn);
    writeAudit(this.app.db, this.app.clock, { actor: 'seller', kind: `exit.${kind}`, subject: `exit:${caseId}`, detail: { text, ...detail } });
  }

  private touch(id: number): void {
    this.app.db.prepare('UPDATE exit_case SET updated_at = ? WHERE id = ?').run(this.now(), id);
    this.app.events.emit('changed', { topic: 'exit' });
  }

  /** Runs `fn` and the timeline entry in one transaction, then returns the fresh view. */
  private change(fn: (r: CaseRow) => void): ExitCaseView {
    const r = this.ensure();
    this.app.db.transaction(() => {
      fn(r);
      this.touch(r.id);
    })();
    return this.view(this.require());
  }

  get(): ExitCaseView | null {
    const r = this.row();
    return r ? this.view(r) : null;
  }

  open(fitResultId?: number): ExitCaseView {
    const existing = this.row();
    if (existing) {
      if (fitResultId && existing.fit_result_id !== fitResultId) {
        this.app.db.prepare('UPDATE exit_case SET fit_result_id = ? WHERE id = ?').run(fitResultId, existing.id);
      }
      return this.view(this.require());
    }
    const now = this.now();
    const fit = fitResultId ?? latestFit(this.app)?.id ?? null;
    const id = Number(
      this.app.db.prepare('INSERT INTO exit_case (store_key, created_at, updated_at, fit_result_id) VALUES (?, ?, ?, ?)').run(STORE_KEY, now, now, fit)
        .lastInsertRowid,
    );
    this.event(id, 'opened', `开始办理退店：${this.storeName()}`, `Store exit started: ${this.storeName()}`);
    this.app.events.emit('changed', { topic: 'exit' });
    return this.view(this.require());
  }

  setReason(reason: ExitReason, reasonText?: string): ExitCaseView {
    if (reason === 'own' && !reasonText) {
      throw new AppError('BAD_INPUT', '选择“其他原因”时，请用自己的话写下退店原因。', 'With "Other reason", write the reason in your own words.');
    }
    return this.change((r) => {
      this.app.db.prepare('UPDATE exit_case SET reason = ?, reason_text = ? WHERE id = ?').run(reason, reasonText || null, r.id);
      const label = reason === 'own' ? reasonText! : REASONS[reason].zh;
      this.event(r.id, 'reason', `退店原因：${label}`, `Reason: ${reason === 'own' ? reasonText : REASONS[reason].en}`);
    });
  }

  confirmAgreement(key: AgreementKey, confirmed: boolean): ExitCaseView {
    return this.change((r) => {
      const a = JSON.parse(r.agreement) as Record<string, string>;
      if (confirmed) a[key] = this.now();
      else delete a[key];
      this.app.db.prepare('UPDATE exit_case SET agreement = ? WHERE id = ?').run(JSON.stringify(a), r.id);
      this.event(r.id, 'agreement', `${confirmed ? '已确认' : '取消确认'}：${AGREEMENT[key].zh}`, `${confirmed ? 'Confirmed' : 'Unconfirmed'}: ${AGREEMENT[key].en}`);
    });
  }

  answerReadiness(key: AskedKey, answer: StoredAnswer['answer'], note?: string): ExitCaseView {
    return this.change((r) => {
      const a = JSON.parse(r.readiness) as Record<string, StoredAnswer>;
      a[key] = { answer, note: note || null, at: this.now() };
      this.app.db.prepare('UPDATE exit_case SET readiness = ? WHERE id = ?').run(JSON.stringify(a), r.id);
      if (isPrerequisite(key)) writePrerequisite(this.app, key, answer, note || null, 'exit');
      const word = answer === 'clear' ? '没有' : answer === 'open' ? '还有' : '未确认';
      this.event(r.id, 'readiness', `准备检查“${READINESS_TITLES[key].zh}”：${word}`, `Readiness "${READINESS_TITLES[key].en}": ${answer}`);
    });
  }

  submit(input: { submittedOn: string; applicationNo: string; applicationText?: string }): ExitCaseView {
    const r0 = this.require();
    if (!r0.reason) {
      throw new AppError('CONFLICT', '还没有填写退店原因。请先在第 1 步“准备”选择原因。', 'No exit reason yet. Choose one in step 1 "Prepare" first.');
    }
    checkDate(input.submittedOn, { zh: '提交日期', en: 'Submission date' });
    if (input.submittedOn > this.today()) {
      throw new AppError('BAD_INPUT', `提交日期 ${input.submittedOn} 晚于今天（${this.today()}），请填写实际提交申请的日期。`, `The submission date ${input.submittedOn} is after today (${this.today()}); enter the day you actually submitted.`);
    }
    // A year the holiday library does not know gives no due date rather than a guessed one.
    let due: string | null = null;
    let dueError: Bilingual | null = null;
    try {
      due = addWorkdays(input.submittedOn, REVIEW_WORKDAYS);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      dueError = { zh: err.messageZh, en: err.messageEn };
    }
    return this.change((r) => {
      const text = input.applicationText ?? r.application_text ?? draftApplication(this.storeName(), r.reason, r.reason_text);
      this.app.db
        .prepare(
          `UPDATE exit_case SET submitted_on = ?, application_no = ?, application_text = ?, review_due = ?, review_due_error = ?,
             review_outcome = 'pending', review_decided_on = NULL, review_reminded_at = NULL WHERE id = ?`,
        )
        .run(input.submittedOn, input.applicationNo, text, due, dueError ? JSON.stringify(dueError) : null, r.id);
      this.event(
        r.id,
        'submitted',
        `${input.submittedOn} 提交退店申请，申请编号 ${input.applicationNo}；${due ? `预计 ${due} 前审核完（3个工作日）` : '无法计算审核到期日'}`,
        `Application ${input.applicationNo} submitted on ${input.submittedOn}; ${due ? `review due by ${due} (3 working days)` : 'no review due date could be computed'}`,
      );
    });
  }

  review(outcome: ExitReviewOutcome, decidedOn?: string, note?: string): ExitCaseView {
    const r0 = this.require();
    if (!r0.submitted_on) {
      throw new AppError('CONFLICT', '还没有记录提交申请。请先在第 2 步填写提交日期和申请编号。', 'No submission recorded yet. Record the date and application number in step 2 first.');
    }
    if (outcome !== 'pending') {
      if (!decidedOn) throw new AppError('BAD_INPUT', '请填写平台通知审核结果的日期。', 'Enter the date the platform announced the outcome.');
      checkDate(decidedOn, { zh: '审核结果日期', en: 'Outcome date' });
      if (decidedOn < r0.submitted_on) {
        throw new AppError('BAD_INPUT', `审核结果日期 ${decidedOn} 早于提交日期 ${r0.submitted_on}，请检查。`, `The outcome date ${decidedOn} is before the submission date ${r0.submitted_on}; check it.`);
      }
    }
    return this.change((r) => {
      this.app.db
        .prepare('UPDATE exit_case SET review_outcome = ?, review_decided_on = ?, review_note = ? WHERE id = ?')
        .run(outcome, outcome === 'pending' ? null : decidedOn, note || null, r.id);
      const zh = { pending: '审核中', approved: '审核通过，平台通知办理退店手续', rejected: '审核未通过' }[outcome];
      const en = { pending: 'in review', approved: 'approved; the platform asks for the exit procedures', rejected: 'rejected' }[outcome];
      this.event(r.id, 'review', `平台审核：${zh}${decidedOn ? `（${decidedOn}）` : ''}${note ? `，${note}` : ''}`, `Review: ${en}${decidedOn ? ` (${decidedOn})` : ''}`);
    });
  }

  /** The "review due" notice, sent once when the due day has come and no outcome is recorded. */
  remind(): boolean {
    const r = this.row();
    if (!r || !r.review_due || r.review_reminded_at || (r.review_outcome && r.review_outcome !== 'pending')) return false;
    if (this.today() < r.review_due) return false;
    this.app.db.transaction(() => {
      this.app.db.prepare('UPDATE exit_case SET review_reminded_at = ? WHERE id = ?').run(this.now(), r.id);
      this.event(r.id, 'reminder', `审核到期提醒：申请 ${r.application_no} 应在 ${r.review_due} 前审核完`, `Review due reminder: application ${r.application_no} was due by ${r.review_due}`);
    })();
    this.app.notices.add(
      'warning',
      {
        title: '退店审核已到期',
        body: `退店申请 ${r.application_no ?? ''} 于 ${r.submitted_on} 提交，按3个工作日应在 ${r.review_due} 前审核完。请到卖家中心查看审核结果并在“退店”里记录；没有结果请咨询平台客服。`,
      },
      {
        title: 'Store exit review due',
        body: `Application ${r.application_no ?? ''} submitted ${r.submitted_on} was due for review by ${r.review_due} (3 working days). Check the outcome in Seller Center and record it under Store exit; ask platform support if there is none.`,
      },
    );
    this.app.events.emit('changed', { topic: 'exit' });
    return true;
  }

  linkDeposit(): ExitCaseView {
    const depositId = openDepositLink(this.app);
    return this.change((r) => {
      this.app.db.prepare('UPDATE exit_case SET deposit_case_id = ? WHERE id = ?').run(depositId, r.id);
      this.event(r.id, 'deposit', `关联退保证金案件 #${depositId}`, `Linked deposit refund case #${depositId}`);
    });
  }

  setDisposal(plan: DisposalPlanInput): ExitCaseView {
    const items = validatePlan(plan, onHandBySku(this.app.db));
    return this.change((r) => {
      this.app.db.prepare('DELETE FROM exit_disposal WHERE case_id = ?').run(r.id);
      this.app.db.prepare('DELETE FROM exit_disposal_draft WHERE case_id = ?').run(r.id);
      const ins = this.app.db.prepare(
        'INSERT INTO exit_disposal (case_id, sku, on_hand, on_hand_source, method, quantity, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const it of items) for (const l of it.lines) ins.run(r.id, it.sku, it.onHand, it.onHandSource, l.method, l.quantity, l.note);
      const units = items.reduce((n, i) => n + i.onHand, 0);
      this.event(r.id, 'disposal', `保存库存处理计划：${items.length} 个SKU，共 ${units} 件`, `Disposal plan saved: ${items.length} SKUs, ${units} units`);
    });
  }

  /** The plan a page at a time (1,000 SKUs and more), optionally only the rows that need the seller. */
  disposalRows(q: { page: number; pageSize: number; filter?: 'all' | 'open' | DisposalRowState; search?: string }): DisposalRowsPage {
    const r = this.ensure();
    const all = planRows(this.app.db, r.id);
    const search = q.search?.trim().toLowerCase();
    const rows = all.filter(
      (x) =>
        (!q.filter || q.filter === 'all' || (q.filter === 'open' ? x.state !== 'ok' : x.state === q.filter)) &&
        (!search || x.sku.toLowerCase().includes(search)),
    );
    const fromApp = all.some((x) => x.onHandSource === 'app');
    return {
      rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: rows.length,
      counts: countStates(all),
      fromApp,
      categories: [...new Set(all.map((x) => x.category).filter((c): c is string => c !== null))].sort(),
      warehouses: [...new Set(all.flatMap((x) => x.warehouses.map((w) => w.name)))].sort(),
    };
  }

  /** Rows saved as typed, each on its own (drafts keep their text and show their error). */
  saveDisposalRows(rows: DisposalRowInput[], event?: { zh: string; en: string }): DisposalSaveResult {
    let res: ReturnType<typeof saveRows> = { ok: 0, problems: [] };
    this.change((r) => {
      res = saveRows(this.app.db, r.id, rows, this.now());
      if (event) this.event(r.id, 'disposal', event.zh, event.en, { rows: rows.length, ok: res.ok, drafts: res.problems.length });
    });
    return { saved: rows.length, ok: res.ok, problems: res.problems, skipped: [] };
  }

  /** One disposal for all remaining SKUs, or for those of a category or a warehouse. */
  bulkDisposal(method: DisposalMethod, scope: BulkScope): DisposalSaveResult {
    const r = this.ensure();
    if (!planRows(this.app.db, r.id).some((x) => x.onHandSource === 'app')) {
      throw new AppError('CONFLICT', '应用里没有库存数据，无法批量填写。请先同步库存，或逐行填写现有库存和处理方式。', 'The app has no stock data, so there is nothing to fill in bulk. Sync the stock first, or fill in each row.');
    }
    const rows = bulkRows(this.app.db, r.id, method, scope);
    const label = DISPOSAL_LABEL[method];
    const where =
      scope.kind === 'remaining' ? { zh: '所有未处理的SKU', en: 'all remaining SKUs' }
      : scope.kind === 'category' ? { zh: `品类“${scope.value || '未分类'}”的SKU`, en: `SKUs in category "${scope.value || 'none'}"` }
      : { zh: `仓库“${scope.value}”里的库存`, en: `stock in warehouse "${scope.value}"` };
    return this.saveDisposalRows(rows, { zh: `批量处理：${where.zh}（${rows.length} 个SKU）→ ${label.zh}`, en: `Bulk: ${where.en} (${rows.length} SKUs) → ${label.en}` });
  }

  async exportPlan(): Promise<{ fileName: string; contentBase64: string; rows: number }> {
    const r = this.ensure();
    return planWorkbook(planRows(this.app.db, r.id));
  }

  async importPlan(contentBase64: string): Promise<DisposalSaveResult> {
    const read = await readPlanWorkbook(contentBase64);
    const lineOf = new Map(read.rows.map((x) => [x.sku, x.line]));
    const res = this.saveDisposalRows(
      read.rows.map(({ line: _line, ...row }) => row),
      { zh: `从 Excel 导入库存处理计划：${read.rows.length} 行`, en: `Disposal plan imported from Excel: ${read.rows.length} rows` },
    );
    return { ...res, problems: res.problems.map((p) => ({ ...p, line: lineOf.get(p.sku) })), skipped: read.skipped };
  }

  /** 为退店解绑全部SKU: one held run with every unbind, for the seller to confirm once. */
  unbindAll(): ExitUnbindAllResult {
    this.ensure();
    const res = requestUnbindAll(this.app);
    this.change((r) => {
      if (res.runId && res.pinned + res.unbinds > 0) {
        this.event(r.id, 'unbind', `为退店解绑全部SKU：${res.unbinds} 个线上SKU等待确认（运行 #${res.runId}）`, `Unbind all for the exit: ${res.unbinds} listing SKUs await confirmation (run #${res.runId})`);
      }
    });
    return res;
  }

  confirmUnbindAll(runId: number): ExitCaseView {
    confirmUnbindAll(this.app, runId);
    return this.change((r) => {
      this.event(r.id, 'unbind', `已确认解绑全部SKU（运行 #${runId}），解绑经发送队列逐个发送`, `Unbind all confirmed (run #${runId}); the unbinds go out through the outbox`);
    });
  }

  savePartner(input: { id?: number; kind: PartnerKind; name: string; status: PartnerStatus; statusOn?: string; reference?: string; note?: string }): ExitCaseView {
    if (input.statusOn) checkDate(input.statusOn, { zh: '日期', en: 'Date' });
    if (input.status === 'terminated' && !input.statusOn) {
      throw new AppError('BAD_INPUT', `请填写与“${input.name}”终止合作的日期。`, `Enter the date cooperation with "${input.name}" ended.`);
    }
    return this.change((r) => {
      const vals = [input.kind, input.name, input.status, input.statusOn ?? null, input.reference || null, input.note || null, this.now()];
      if (input.id) {
        const res = this.app.db
          .prepare('UPDATE exit_partner SET kind = ?, name = ?, status = ?, status_on = ?, reference = ?, note = ?, updated_at = ? WHERE id = ? AND case_id = ?')
          .run(...vals, input.id, r.id);
        if (res.changes === 0) throw new AppError('NOT_FOUND', '找不到这个合作伙伴，可能已被删除。请刷新后重试。', 'That partner was not found; it may have been removed. Reload and try again.');
      } else {
        this.app.db
          .prepare('INSERT INTO exit_partner (kind, name, status, status_on, reference, note, updated_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(...vals, r.id);
      }
      const s = PARTNER_STATUS_LABEL[input.status];
      this.event(
        r.id,
        'partner',
        `合作伙伴 ${input.name}：${s.zh}${input.statusOn ? `（${input.statusOn}）` : ''}${input.reference ? `，凭证 ${input.reference}` : ''}`,
        `Partner ${input.name}: ${s.en}${input.statusOn ? ` (${input.statusOn})` : ''}`,
      );
    });
  }

  removePartner(id: number): ExitCaseView {
    return this.change((r) => {
      const p = this.app.db.prepare('SELECT name FROM exit_partner WHERE id = ? AND case_id = ?').get(id, r.id) as { name: string } | undefined;
      if (!p) throw new AppError('NOT_FOUND', '找不到这个合作伙伴，可能已被删除。', 'That partner was not found; it may already be removed.');
      this.app.db.prepare('DELETE FROM exit_partner WHERE id = ?').run(id);
      this.event(r.id, 'partner', `删除合作伙伴 ${p.name}`, `Removed partner ${p.name}`);
    });
  }

  addQuestion(question: string): ExitCaseView {
    return this.change((r) => {
      this.app.db.prepare('INSERT INTO exit_question (case_id, asked_at, question) VALUES (?, ?, ?)').run(r.id, this.now(), question);
      this.event(r.id, 'question', `记录要问平台客服的问题：${question}`, `Question for platform support: ${question}`);
    });
  }

  answerQuestion(id: number, answer: string): ExitCaseView {
    return this.change((r) => {
      const res = this.app.db.prepare('UPDATE exit_question SET answer = ?, answered_at = ? WHERE id = ? AND case_id = ?').run(answer, this.now(), id, r.id);
      if (res.changes === 0) throw new AppError('NOT_FOUND', '找不到这个问题。请刷新后重试。', 'That question was not found. Reload and try again.');
      this.event(r.id, 'answer', `客服答复：${answer}`, `Support answered: ${answer}`);
    });
  }

  confirmDone(confirmedOn: string, storeStatus: string): ExitCaseView {
    const r0 = this.require();
    if (r0.review_outcome !== 'approved') {
      throw new AppError('CONFLICT', '平台审核通过后才能确认退店成功。请先在第 3 步记录审核结果。', 'An exit can only be confirmed after the platform approved it. Record the review outcome in step 3 first.');
    }
    checkDate(confirmedOn, { zh: '退店成功日期', en: 'Exit date' });
    // A store that still sells cannot have left: every listing SKU must be unbound first.
    const bound = boundListings(this.app.db);
    if (bound && bound.length) {
      const list = bound.slice(0, 20).map((b) => b.sku).join('、');
      const more = bound.length > 20 ? ` 等 ${bound.length} 个` : '';
      throw new AppError(
        'CONFLICT',
        `还有 ${bound.length} 个线上SKU处于绑定状态，店铺仍在销售，不能确认退店成功：${list}${more}。请先在第 4 步点“为退店解绑全部SKU”，等解绑完成后再确认。`,
        `${bound.length} listing SKU(s) are still bound, so the store still sells and the exit cannot be confirmed: ${bound.slice(0, 20).map((b) => b.sku).join(', ')}${bound.length > 20 ? ` and ${bound.length - 20} more` : ''}. Use "Unbind all SKUs for the exit" in step 4 and confirm once the unbinds are done.`,
        bound.slice(0, 200).map((b) => ({ path: b.sku, message: b.note?.zh ?? '', messageEn: b.note?.en ?? '' })),
      );
    }
    if (r0.review_decided_on && confirmedOn < r0.review_decided_on) {
      throw new AppError('BAD_INPUT', `退店成功日期 ${confirmedOn} 早于审核通过日期 ${r0.review_decided_on}，请检查。`, `The exit date ${confirmedOn} is before the approval date ${r0.review_decided_on}; check it.`);
    }
    return this.change((r) => {
      this.app.db.prepare('UPDATE exit_case SET done_on = ?, store_status = ? WHERE id = ?').run(confirmedOn, storeStatus, r.id);
      this.event(r.id, 'done', `${confirmedOn} 退店成功，卖家中心店铺状态：${storeStatus}`, `Exit complete on ${confirmedOn}; store status in Seller Center: ${storeStatus}`);
      // Nothing is to be bound or unbound for a store that has left.
      if (tableExists(this.app.db, 'auto_settings')) setSwitch(this.app, false, '退店成功');
    });
  }

  setAfter(key: AfterKey, done: boolean): ExitCaseView {
    return this.change((r) => {
      const a = JSON.parse(r.after_checks) as Record<string, string>;
      if (done) a[key] = this.now();
      else delete a[key];
      this.app.db.prepare('UPDATE exit_case SET after_checks = ? WHERE id = ?').run(JSON.stringify(a), r.id);
      this.event(r.id, 'after', `${done ? '已完成' : '取消完成'}：${AFTER[key].zh}`, `${done ? 'Done' : 'Undone'}: ${AFTER[key].en}`);
    });
  }

  markExported(file: string, downloaded: boolean): void {
    const r = this.row();
    if (!r) return;
    this.app.db.transaction(() => {
      this.app.db.prepare('UPDATE exit_case SET exported_at = ?, export_file = ? WHERE id = ?').run(this.now(), file, r.id);
      if (downloaded) this.event(r.id, 'export', `导出店铺全部数据并下载：${file}`, `Exported all store data as a download: ${file}`);
      else this.event(r.id, 'export', `导出店铺全部数据：${file}`, `Exported all store data: ${file}`);
      this.touch(r.id);
    })();
  }

  markWiped(detail: Record<string, unknown>): string {
    const r = this.require();
    const at = this.now();
    this.app.db.transaction(() => {
      this.app.db.prepare('UPDATE exit_case SET wiped_at = ? WHERE id = ?').run(at, r.id);
      this.event(r.id, 'wipe', '已清除店铺的账号凭证和个人信息', 'Store credentials and personal data wiped', detail);
      this.touch(r.id);
    })();
    return at;
  }

  disposal(caseId: number): DisposalItem[] {
    const rows = this.app.db
      .prepare('SELECT sku, on_hand, on_hand_source, method, quantity, note FROM exit_disposal WHERE case_id = ? ORDER BY id')
      .all(caseId) as { sku: string; on_hand: number; on_hand_source: 'app' | 'seller'; method: DisposalItem['lines'][number]['method']; quantity: number; note: string | null }[];
    const bySku = new Map<string, DisposalItem>();
    for (const r of rows) {
      const it = bySku.get(r.sku) ?? { sku: r.sku, onHand: r.on_hand, onHandSource: r.on_hand_source, lines: [], planned: 0 };
      it.lines.push({ method: r.method, quantity: r.quantity, note: r.note });
      it.planned += r.quantity;
      bySku.set(r.sku, it);
    }
    return [...bySku.values()];
  }

  partners(caseId: number): ExitPartner[] {
    return (
      this.app.db.prepare('SELECT * FROM exit_partner WHERE case_id = ? ORDER BY id').all(caseId) as {
        id: number; kind: PartnerKind; name: string; status: PartnerStatus; status_on: string | null; reference: string | null; note: string | null; updated_at: string;
      }[]
    ).map((p) => ({ id: p.id, kind: p.kind, name: p.name, status: p.status, statusOn: p.status_on, reference: p.reference, note: p.note, updatedAt: p.updated_at }));
  }

  private questions(caseId: number): ExitQuestion[] {
    return (
      this.app.db.prepare('SELECT * FROM exit_question WHERE case_id = ? ORDER BY id').all(caseId) as {
        id: number; asked_at: string; question: string; answer: string | null; answered_at: string | null;
      }[]
    ).map((q) => ({ id: q.id, askedAt: q.asked_at, question: q.question, answer: q.answer, answeredAt: q.answered_at }));
  }

  private timeline(caseId: number): ExitEvent[] {
    return (
      this.app.db.prepare('SELECT id, at, kind, text, text_en FROM exit_event WHERE case_id = ? ORDER BY id').all(caseId) as {
        id: number; at: string; kind: string; text: string; text_en: string;
      }[]
    ).map((e) => ({ id: e.id, at: e.at, kind: e.kind, text: e.text, textEn: e.text_en }));
  }

  view(r: CaseRow): ExitCaseView {
    const db = this.app.db;
    const agreement = JSON.parse(r.agreement) as Record<string, string>;
    // Disputes, orders and debts are the deposit refund's preconditions too: one shared answer.
    const answers = withShared(this.app, JSON.parse(r.readiness) as Partial<Record<AskedKey, StoredAnswer>>) as Partial<Record<AskedKey, StoredAnswer>>;
    const afterChecks = JSON.parse(r.after_checks) as Record<string, string>;
    const stock = stockOnHand(db);
    const onHand = onHandBySku(db);
    const plan = this.disposal(r.id);
    const gaps = planGaps(plan, onHand);
    const rowCounts = countStates(planRows(db, r.id));
    // Without app data the plan is complete when it exists or the seller said nothing is left.
    const disposalComplete =
      rowCounts.draft === 0 &&
      (onHand ? gaps.unplanned.length === 0 && gaps.changed.length === 0 : plan.length > 0 || answers.stock?.answer === 'clear');
    const partners = this.partners(r.id);
    const deposit = readDepositLink(this.app, r.deposit_case_id);
    const readiness = computeReadiness({ stock, listings: boundListings(db), answers, partners, deposit, disposalComplete });
    const questions = this.questions(r.id);
    const fit = r.fit_result_id ? fitById(this.app, r.fit_result_id) : null;

    const prepared = !!r.reason && AGREEMENT_KEYS.every((k) => agreement[k]);
    // No partner recorded is an unanswered question, not "all terminated": every fully-managed
    // store has at least its payment account, so the seller records each one (or marks it 无需处理).
    const proceduresDone =
      disposalComplete && deposit.state === 'linked' && partners.length > 0 && !partners.some((p) => p.status === 'active' || p.status === 'notified');
    let stage: ExitStage = 'prepare';
    if (r.done_on) stage = 'after';
    else if (r.review_outcome === 'approved') stage = proceduresDone ? 'done' : 'procedures';
    else if (r.submitted_on) stage = 'review';
    else if (prepared) stage = 'submit';

    const openItems: Bilingual[] = [];
    if (!r.reason) openItems.push({ zh: '填写退店原因', en: 'Give the exit reason' });
    for (const k of AGREEMENT_KEYS) if (!agreement[k]) openItems.push({ zh: `确认：${AGREEMENT[k].zh}`, en: `Confirm: ${AGREEMENT[k].en}` });
    for (const it of readiness) {
      if (it.level !== 'ok') openItems.push({ zh: `${it.title.zh}：${it.detail.zh}`, en: `${it.title.en}: ${it.detail.en}` });
    }
    // A thousand SKUs do not fit in a sentence: the count and the first few, the table has the rest.
    const some = (l: string[], sep: string) => l.slice(0, 10).join(sep) + (l.length > 10 ? (sep === '、' ? ` 等 ${l.length} 个` : ` and ${l.length - 10} more`) : '');
    if (gaps.unplanned.length) openItems.push({ zh: `还没有处理计划的SKU（${gaps.unplanned.length} 个）：${some(gaps.unplanned, '、')}`, en: `SKUs without a disposal plan (${gaps.unplanned.length}): ${some(gaps.unplanned, ', ')}` });
    if (gaps.changed.length) openItems.push({ zh: `库存已变化，请更新这些SKU的处理计划：${some(gaps.changed, '、')}`, en: `Stock changed; update the plan for: ${some(gaps.changed, ', ')}` });
    if (rowCounts.draft) openItems.push({ zh: `库存处理计划里有 ${rowCounts.draft} 行还没填对，请在表格里修改`, en: `${rowCounts.draft} disposal plan rows are not right yet; correct them in the table` });
    const unbind = unbindState(this.app);
    const unanswered = questions.filter((q) => !q.answer).length;
    if (unanswered) openItems.push({ zh: `${unanswered} 个问题等待平台客服答复`, en: `${unanswered} questions await platform support` });

    const today = this.today();
    const pending = !r.review_outcome || r.review_outcome === 'pending';
    return {
      id: r.id,
      storeName: this.storeName(),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      stage,
      fit: fit ? { id: fit.id!, sellerType: fit.sellerType, verdict: fit.verdict, typeLabel: fit.typeLabel } : null,
      prepare: {
        reason: r.reason,
        reasonText: r.reason_text,
        reasonLabel: r.reason ? (r.reason === 'own' ? { zh: r.reason_text ?? '', en: r.reason_text ?? '' } : { zh: REASONS[r.reason].zh, en: REASONS[r.reason].en }) : null,
        sellerCenterPath: SELLER_CENTER_PATH,
        agreement: AGREEMENT_KEYS.map((k) => ({ key: k, text: AGREEMENT[k], confirmed: !!agreement[k], confirmedAt: agreement[k] ?? null })),
        readiness,
      },
      submit: {
        applicationText: r.application_text ?? draftApplication(this.storeName(), r.reason, r.reason_text),
        drafted: !r.application_text,
        submittedOn: r.submitted_on,
        applicationNo: r.application_no,
      },
      review: {
        dueOn: r.review_due,
        dueError: r.review_due_error ? (JSON.parse(r.review_due_error) as Bilingual) : null,
        outcome: r.review_outcome,
        decidedOn: r.review_decided_on,
        note: r.review_note,
        remindedAt: r.review_reminded_at,
        overdue: !!r.review_due && pending && today > r.review_due,
      },
      procedures: {
        deposit,
        disposal: plan,
        unplannedSkus: gaps.unplanned,
        disposalComplete,
        disposalCounts: rowCounts,
        unbind,
        partners,
        questions,
      },
      done: { confirmedOn: r.done_on, storeStatus: r.store_status },
      after: {
        reminders: AFTER_KEYS.map((k) => ({ key: k, text: AFTER[k], done: !!afterChecks[k] })),
        exportedAt: r.exported_at,
        exportFile: r.export_file,
        exportsInDataFolder: exportsInDataFolder(this.app),
        wipedAt: r.wiped_at,
        wipeConfirmText: this.storeName(),
      },
      openItems,
      timeline: this.timeline(r.id),
    };
  }
}

/** The per-app exit service (its reminder timer starts in long-running hosts). */
export function exitCases(app: App): ExitCases {
  return app.service('exit', () => {
    const cases = new ExitCases(app);
    // The hourly "review due" check in long-running hosts; the CLI runs it on demand.
    if (app.host !== 'cli') app.hourly('exit reminder', () => cases.remind());
    return cases;
  });
}
