/** Plain data of the deposit refund (退保证金) domain that crosses the process boundary. */
import type { Bilingual } from '../bilingual';

export const DEPOSIT_STATUSES = ['paid', 'refundable', 'frozen', 'refunding', 'refunded'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const DEPOSIT_CHECKS = ['disputes', 'orders', 'debts'] as const;
/** 纠纷 disputes, 未完成订单 unfinished orders, 欠款 unpaid debts. */
export type DepositCheckKey = (typeof DEPOSIT_CHECKS)[number];
/** clear: none left; open: some remain; unknown: not yet answered. */
export type DepositCheckAnswer = 'clear' | 'open' | 'unknown';

export type DepositStage = 'status' | 'checks' | 'apply' | 'review' | 'arrival' | 'done';
export type ReviewOutcome = 'pending' | 'approved' | 'rejected';

/** What the arrival looks like now: before approval there is nothing to wait for. */
/** partial: less than applied for has come in; amount_differs: more than applied for. */
export type ArrivalVerdict = 'not_applied' | 'in_review' | 'waiting' | 'overdue' | 'arrived' | 'partial' | 'amount_differs';
/** What one imported bill says: a likely refund of the amount, less (partial), more, or none. */
export type BillVerdict = 'arrived' | 'partial' | 'amount_differs' | 'not_found';

export interface DepositCheck {
  key: DepositCheckKey;
  title: Bilingual;
  answer: DepositCheckAnswer;
  /** 'app': the app's own data answered; 'seller': the seller answered. */
  source: 'app' | 'seller' | 'none';
  note: string | null;
  /** What to do when it fails or is unanswered. */
  advice: Bilingual;
}

export interface DepositViolation {
  id: number;
  description: string;
  penaltyFen: number;
  occurredOn: string | null;
}

export interface DepositEvent {
  id: number;
  at: string;
  kind: string;
  text: Bilingual;
}

export interface ArrivalWindow {
  approvedOn: string;
  /** 3 and 5 Chinese working days after approval (YYYY-MM-DD, Beijing). */
  from: string;
  to: string;
  /**
   * Counted into a year the holiday calendar does not know yet: an estimate, to be shown as one
   * (src-shared/estimatedDate.ts). Absent in bill reports saved before estimates existed: exact.
   */
  estimated: boolean;
}

export interface DepositCaseView {
  id: number;
  createdAt: string;
  updatedAt: string;
  stage: DepositStage;
  status: DepositStatus;
  statusLabel: Bilingual;
  /** Where the seller reads the figures on the platform. */
  whereToFind: Bilingual;
  statusConfirmedAt: string | null;
  depositFen: number | null;
  penaltiesFen: number;
  /** deposit − penalties, never below zero; null until the deposit is entered. */
  refundableFen: number | null;
  checks: DepositCheck[];
  violations: DepositViolation[];
  /** Why the application cannot be sent yet (empty when it can). */
  blockers: Bilingual[];
  application: {
    reason: string;
    amountFen: number;
    alipayMasked: string;
    appliedAt: string;
    /** The day it was sent (Beijing), which the seller may set to an earlier real date. */
    appliedOn: string;
    text: string;
  } | null;
  phoneReminder: Bilingual;
  review: { outcome: ReviewOutcome; decidedOn: string | null; note: string | null } | null;
  window: ArrivalWindow | null;
  arrival: {
    verdict: ArrivalVerdict;
    arrivedFen: number;
    /** Confirmed bill rows; id undoes a confirmation. */
    rows: { id: number; at: string; amountFen: number; counterparty: string; description: string; tradeNo: string | null; line: number }[];
    supportText: string | null;
  };
  lastMatch: DepositMatchReport | null;
  timeline: DepositEvent[];
}

/** The small view the store exit wizard (退店 step ④①) shows of the same case. */
export interface DepositSummary {
  caseId: number;
  stage: DepositStage;
  status: DepositStatus;
  statusLabel: string;
  depositFen: number | null;
  penaltiesFen: number;
  refundableFen: number | null;
  appliedFen: number | null;
  arrivedFen: number;
  arrival: ArrivalVerdict;
  window: ArrivalWindow | null;
  done: boolean;
}

export interface BillRow {
  /** 1-based line in the file, to point the seller at it. */
  line: number;
  /** Beijing local time as written, "YYYY-MM-DD HH:mm:ss". */
  time: string;
  direction: 'income' | 'expense' | 'neutral';
  directionText: string;
  /** As the bill writes it, sign included: a negative 收入 is money taken back, never a refund. */
  amountFen: number;
  counterparty: string;
  description: string;
  /** 备注 */
  remarks: string;
  status: string;
  tradeNo: string | null;
}

export interface MatchCandidate {
  row: BillRow;
  score: number;
  confidence: 'high' | 'medium' | 'low';
  reasons: Bilingual[];
  /** Dated before the application: shown, flagged, never matched or confirmed. */
  beforeApplication: boolean;
  /** Less than the amount applied for. */
  partial: boolean;
}

/** A row that looks like the deposit but is not money coming back (不计收支, 支出, a negative 收入). */
export interface ApartRow {
  row: BillRow;
  why: Bilingual;
}

export interface DepositMatchReport {
  importId: number;
  fileName: string;
  shape: 'web' | 'app';
  encoding: string;
  /** Data rows read from the file. */
  rowsRead: number;
  /** Rows that could be the refund (income, not closed), each with why it was or was not picked. */
  considered: MatchCandidate[];
  /** Related-looking rows that are not income, shown apart and never counted. */
  apart: ApartRow[];
  /** The application day the rows were compared with. */
  appliedOn: string;
  /** Rows per 收/支; closed: incoming rows skipped because the trade was closed or failed. */
  counts: { income: number; expense: number; neutral: number; closed: number };
  expectedFen: number;
  window: ArrivalWindow | null;
  match: MatchCandidate | null;
  verdict: BillVerdict;
  /** Amount found minus amount expected, when a match was found. */
  differenceFen: number | null;
  message: Bilingual;
  /** Ready to send to AliExpress support (速卖通客服) when the amount differs or nothing came in time. */
  supportText: string | null;
}
