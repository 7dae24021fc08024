/**
 * The store exit case as the seller sees it, built from the row and what hangs off it (answers,
 * stock, the disposal plan, partners, the deposit case, questions) without touching the database:
 * the step it is at, the readiness checklist, and what is still open.
 */
import {
  AFTER_KEYS,
  AGREEMENT_KEYS,
  type AskedKey,
  type Bilingual,
  type DepositLink,
  type DisposalItem,
  type DisposalRowState,
  type ExitCaseView,
  type ExitPartner,
  type ExitQuestion,
  type ExitReason,
  type ExitReviewOutcome,
  type ExitStage,
  type ExitUnbindState,
  type ReadinessItem,
  type ReadinessRow,
} from '../../../src-shared/channels/exit';
import type { FitResult } from '../../../src-shared/channels/fit';
import type { CaseContext, CaseEvent, CaseKernel } from '../case/kernel';
import { AFTER, AGREEMENT, OPEN_ITEMS, REASONS, SELLER_CENTER_PATH, draftApplication, rejectedNext } from './texts';
import { computeReadiness, depositAdvice, type StoredAnswer } from './readiness';
import { planGaps } from './disposal';

export interface ExitRow {
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
  /** 1 when review_due was counted into a year the holiday library did not know (an estimate). */
  review_due_estimated: 0 | 1;
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

export interface ExitChildren {
  /** The case's answers with the ones shared with the deposit wizard laid over them. */
  answers: Partial<Record<AskedKey, StoredAnswer>>;
  /** null: the app holds no stock or listing data, so the seller answers. */
  stock: ReadinessRow[] | null;
  listings: ReadinessRow[] | null;
  onHand: Map<string, number> | null;
  plan: DisposalItem[];
  planCounts: Record<DisposalRowState, number>;
  partners: ExitPartner[];
  deposit: DepositLink;
  questions: ExitQuestion[];
  fit: FitResult | null;
  unbind: ExitUnbindState | null;
  exportsInDataFolder: string[];
  timeline: CaseEvent[];
}

export type ExitKernel = CaseKernel<ExitRow, ExitChildren, ExitCaseView>;

/** Whether the disposal plan accounts for every unit on hand. */
export function disposalComplete(c: ExitChildren): boolean {
  const gaps = planGaps(c.plan, c.onHand);
  // Without app data the plan is complete when it exists or the seller said nothing is left.
  return (
    c.planCounts.draft === 0 &&
    (c.onHand ? gaps.unplanned.length === 0 && gaps.changed.length === 0 : c.plan.length > 0 || c.answers.stock?.answer === 'clear')
  );
}

export function exitStage(r: ExitRow, c: ExitChildren): ExitStage {
  const agreement = JSON.parse(r.agreement) as Record<string, string>;
  // The source's preparation: the reason, and the agreement read. Open orders, disputes and debts do
  // not hold the case here: they are the deposit refund's preconditions, shown as advice.
  const prepared = !!r.reason && AGREEMENT_KEYS.every((k) => agreement[k]);
  // No partner recorded is an unanswered question, not "all terminated": every fully-managed
  // store has at least its payment account, so the seller records each one (or marks it 无需处理).
  const proceduresDone =
    disposalComplete(c) &&
    c.deposit.state === 'linked' &&
    c.partners.length > 0 &&
    !c.partners.some((p) => p.status === 'active' || p.status === 'notified');
  if (r.done_on) return 'after';
  if (r.review_outcome === 'approved') return proceduresDone ? 'done' : 'procedures';
  if (r.submitted_on) return 'review';
  return prepared ? 'submit' : 'prepare';
}

export function exitReadiness(c: ExitChildren): ReadinessItem[] {
  const { stock, listings, answers, partners, deposit } = c;
  return computeReadiness({ stock, listings, answers, partners, deposit, disposalComplete: disposalComplete(c) });
}

/** What is still open, in the order the wizard asks for it. */
export function exitOpenItems(r: ExitRow, c: ExitChildren, readiness: ReadinessItem[]): Bilingual[] {
  const agreement = JSON.parse(r.agreement) as Record<string, string>;
  const gaps = planGaps(c.plan, c.onHand);
  const out: Bilingual[] = [];
  if (!r.reason) out.push(OPEN_ITEMS.reason);
  for (const k of AGREEMENT_KEYS) if (!agreement[k]) out.push(OPEN_ITEMS.confirm(AGREEMENT[k]));
  for (const it of readiness) if (it.level !== 'ok') out.push(OPEN_ITEMS.readiness(it.title, it.detail));
  if (r.review_outcome === 'rejected') out.push(OPEN_ITEMS.rejected(r.review_decided_on, r.review_note));
  if (gaps.unplanned.length) out.push(OPEN_ITEMS.unplanned(gaps.unplanned));
  if (gaps.changed.length) out.push(OPEN_ITEMS.changed(gaps.changed));
  if (c.planCounts.draft) out.push(OPEN_ITEMS.drafts(c.planCounts.draft));
  const unanswered = c.questions.filter((q) => !q.answer).length;
  if (unanswered) out.push(OPEN_ITEMS.questions(unanswered));
  return out;
}

export function buildExitView(r: ExitRow, c: ExitChildren, ctx: CaseContext): ExitCaseView {
  const agreement = JSON.parse(r.agreement) as Record<string, string>;
  const afterChecks = JSON.parse(r.after_checks) as Record<string, string>;
  const readiness = exitReadiness(c);
  const pending = !r.review_outcome || r.review_outcome === 'pending';
  return {
    id: r.id,
    storeName: ctx.storeName,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    stage: exitStage(r, c),
    fit: c.fit ? { id: c.fit.id!, sellerType: c.fit.sellerType, verdict: c.fit.verdict, typeLabel: c.fit.typeLabel } : null,
    prepare: {
      reason: r.reason,
      reasonText: r.reason_text,
      reasonLabel: r.reason
        ? r.reason === 'own'
          ? { zh: r.reason_text ?? '', en: r.reason_text ?? '' }
          : { zh: REASONS[r.reason].zh, en: REASONS[r.reason].en }
        : null,
      sellerCenterPath: SELLER_CENTER_PATH,
      agreement: AGREEMENT_KEYS.map((k) => ({ key: k, text: AGREEMENT[k], confirmed: !!agreement[k], confirmedAt: agreement[k] ?? null })),
      readiness,
      depositAdvice: depositAdvice(readiness),
    },
    submit: {
      applicationText: r.application_text ?? draftApplication(ctx.storeName, r.reason, r.reason_text),
      drafted: !r.application_text,
      submittedOn: r.submitted_on,
      applicationNo: r.application_no,
    },
    review: {
      dueOn: r.review_due,
      dueEstimated: !!r.review_due && r.review_due_estimated === 1,
      dueError: r.review_due_error ? (JSON.parse(r.review_due_error) as Bilingual) : null,
      outcome: r.review_outcome,
      decidedOn: r.review_decided_on,
      note: r.review_note,
      remindedAt: r.review_reminded_at,
      overdue: !!r.review_due && pending && ctx.today > r.review_due,
      rejectedNext: r.review_outcome === 'rejected' ? rejectedNext(r.review_decided_on, r.review_note) : null,
    },
    procedures: {
      deposit: c.deposit,
      disposal: c.plan,
      unplannedSkus: planGaps(c.plan, c.onHand).unplanned,
      disposalComplete: disposalComplete(c),
      disposalCounts: c.planCounts,
      unbind: c.unbind,
      partners: c.partners,
      questions: c.questions,
    },
    done: { confirmedOn: r.done_on, storeStatus: r.store_status, stillBound: c.listings ?? [] },
    after: {
      reminders: AFTER_KEYS.map((k) => ({ key: k, text: AFTER[k], done: !!afterChecks[k] })),
      exportedAt: r.exported_at,
      exportFile: r.export_file,
      exportsInDataFolder: c.exportsInDataFolder,
      wipedAt: r.wiped_at,
      wipeConfirmText: ctx.storeName,
    },
    openItems: exitOpenItems(r, c, readiness),
    timeline: c.timeline,
  };
}
