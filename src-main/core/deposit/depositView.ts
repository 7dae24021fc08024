/**
 * The deposit refund case as the seller sees it, built from the row and what hangs off it (checks,
 * penalties, confirmed arrivals, the last bill import, the timeline) without touching the
 * database: where the case stands, what the money says, and what still stands in the way.
 */
import type {
  ArrivalVerdict,
  ArrivalWindow,
  DepositCaseView,
  DepositCheck,
  DepositMatchReport,
  DepositStage,
  DepositStatus,
  DepositSummary,
  DepositViolation,
  ReviewOutcome,
} from '../../../src-shared/channels/deposit';
import type { Bilingual } from '../../../src-shared/bilingual';
import type { CaseContext, CaseEvent, CaseKernel } from '../case/kernel';
import { beijingDate } from '../calendar/workdays';
import { maskAlipayAccount } from './account';
import { BLOCKERS, PHONE_REMINDER, STATUS_LABELS, supportText, WHERE_TO_FIND } from './texts';

export interface DepositRow {
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
  /** 1 when the window was counted into a year the holiday calendar did not know (an estimate). */
  window_estimated: 0 | 1;
  reminder_sent_at: string | null;
}

/** A bill row the seller confirmed as (part of) the refund. */
export interface ArrivalRow {
  id: number;
  line: number;
  row_time: string;
  amount_fen: number;
  counterparty: string;
  description: string;
  trade_no: string | null;
}

export interface DepositChildren {
  /** Evaluated, with the answers shared with the exit wizard laid over the case's own. */
  checks: DepositCheck[];
  violations: DepositViolation[];
  arrivals: ArrivalRow[];
  lastMatch: DepositMatchReport | null;
  timeline: CaseEvent[];
}

export type DepositKernel = CaseKernel<DepositRow, DepositChildren, DepositCaseView>;

export function depositMoney(r: DepositRow, violations: DepositViolation[]): { penaltiesFen: number; refundableFen: number | null } {
  const penaltiesFen = violations.reduce((s, v) => s + v.penaltyFen, 0);
  // Penalties above the deposit leave nothing to refund, never a negative refund.
  const refundableFen = r.deposit_fen === null ? null : Math.max(0, r.deposit_fen - penaltiesFen);
  return { penaltiesFen, refundableFen };
}

/** An application sent and not turned down: it is in review, approved or paid out. */
export function activeApplication(r: DepositRow): boolean {
  return r.applied_at !== null && r.review_outcome !== 'rejected';
}

export function arrivalWindowOf(r: DepositRow): ArrivalWindow | null {
  return r.review_outcome === 'approved' && r.decided_on && r.window_from && r.window_to
    ? { approvedOn: r.decided_on, from: r.window_from, to: r.window_to, estimated: r.window_estimated === 1 }
    : null;
}

export function arrivedFen(arrivals: ArrivalRow[]): number {
  return arrivals.reduce((s, a) => s + a.amount_fen, 0);
}

export function arrivalVerdict(r: DepositRow, arrived: number, today: string): ArrivalVerdict {
  if (!activeApplication(r) || r.amount_fen === null) return 'not_applied';
  if (arrived >= r.amount_fen) return arrived === r.amount_fen ? 'arrived' : 'amount_differs';
  if (arrived > 0) return 'partial';
  if (r.review_outcome !== 'approved') return 'in_review';
  return r.window_to && today > r.window_to ? 'overdue' : 'waiting';
}

/** Why the application cannot be sent yet; empty once it has been sent. */
export function depositBlockers(r: DepositRow, refundableFen: number | null, checks: DepositCheck[]): Bilingual[] {
  if (activeApplication(r)) return [];
  const out: Bilingual[] = [];
  if (r.deposit_fen === null || r.status_confirmed_at === null) out.push(BLOCKERS.noStatus);
  if (r.status === 'frozen') out.push(BLOCKERS.frozen);
  else if (r.status === 'paid') out.push(BLOCKERS.paid);
  else if (r.status === 'refunded') out.push(BLOCKERS.refunded);
  for (const c of checks) {
    if (c.answer !== 'clear') out.push({ zh: `${c.title.zh}：${c.advice.zh}`, en: `${c.title.en}: ${c.advice.en}` });
  }
  if (refundableFen === 0) out.push(BLOCKERS.nothingRefundable);
  return out;
}

export function depositStage(r: DepositRow, blockers: number, checksOk: boolean, arrival: ArrivalVerdict): DepositStage {
  if (r.deposit_fen === null || r.status_confirmed_at === null) return 'status';
  if (!activeApplication(r)) return !checksOk ? 'checks' : blockers > 0 && r.status !== 'refundable' ? 'status' : 'apply';
  // The money in the bill settles it, even when the approval itself was never recorded.
  if (arrival === 'arrived') return 'done';
  return r.review_outcome !== 'approved' ? 'review' : 'arrival';
}

/** The letter to AliExpress support, when the refund is overdue, short or more than applied for. */
function supportLetter(r: DepositRow, c: DepositChildren, verdict: ArrivalVerdict, masked: string, ctx: CaseContext): string | null {
  if (r.amount_fen === null || !r.applied_at || !(verdict === 'overdue' || verdict === 'partial' || verdict === 'amount_differs'))
    return null;
  // Written from the same confirmed rows and sum the summary and the verdict show.
  return supportText({
    storeName: ctx.storeName,
    appliedOn: beijingDate(Date.parse(r.applied_at)),
    amountFen: r.amount_fen,
    approvedOn: r.decided_on,
    windowTo: r.window_to,
    windowEstimated: r.window_estimated === 1,
    today: ctx.today,
    alipayMasked: masked,
    received: c.arrivals.length
      ? c.arrivals.map((a) => ({ fen: a.amount_fen, time: a.row_time, counterparty: a.counterparty, tradeNo: a.trade_no }))
      : null,
  });
}

export function buildDepositView(r: DepositRow, c: DepositChildren, ctx: CaseContext): DepositCaseView {
  const { penaltiesFen, refundableFen } = depositMoney(r, c.violations);
  const blockers = depositBlockers(r, refundableFen, c.checks);
  const arrived = arrivedFen(c.arrivals);
  const verdict = arrivalVerdict(r, arrived, ctx.today);
  const masked = r.alipay_account ? maskAlipayAccount(r.alipay_account) : '';
  return {
    id: r.id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    stage: depositStage(
      r,
      blockers.length,
      c.checks.every((x) => x.answer === 'clear'),
      verdict,
    ),
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    whereToFind: WHERE_TO_FIND,
    statusConfirmedAt: r.status_confirmed_at,
    depositFen: r.deposit_fen,
    penaltiesFen,
    refundableFen,
    checks: c.checks,
    violations: c.violations,
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
    phoneReminder: PHONE_REMINDER,
    review: r.review_outcome ? { outcome: r.review_outcome, decidedOn: r.decided_on, note: r.review_note } : null,
    window: arrivalWindowOf(r),
    arrival: {
      verdict,
      arrivedFen: arrived,
      rows: c.arrivals.map((a) => ({
        id: a.id,
        at: a.row_time,
        amountFen: a.amount_fen,
        counterparty: a.counterparty,
        description: a.description,
        tradeNo: a.trade_no,
        line: a.line,
      })),
      supportText: supportLetter(r, c, verdict, masked, ctx),
    },
    lastMatch: c.lastMatch,
    timeline: c.timeline,
  };
}

/** The small view the exit wizard's step ④① shows of the same case. */
export function depositSummaryOf(v: DepositCaseView): DepositSummary {
  return {
    caseId: v.id,
    stage: v.stage,
    status: v.status,
    statusLabel: v.statusLabel.zh,
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
