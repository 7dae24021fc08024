/** Plain data of the store exit (退店) domain that crosses the process boundary. */
import type { FitVerdict, SellerType } from '../channels/fit';
import type { Bilingual } from '../bilingual';
import { uploadMaxBase64, uploadMaxBytes } from '../uploads';
export type { Bilingual } from '../bilingual';

/** The source's four reasons, or the seller's own words. */
export const EXIT_REASONS = ['competition', 'life_pressure', 'career_change', 'platform_policy', 'own'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const EXIT_STAGES = ['prepare', 'submit', 'review', 'procedures', 'done', 'after'] as const;
export type ExitStage = (typeof EXIT_STAGES)[number];

export const AGREEMENT_KEYS = ['agreement', 'process', 'notes'] as const;
export type AgreementKey = (typeof AGREEMENT_KEYS)[number];

export const READINESS_KEYS = ['stock', 'listings', 'orders', 'disputes', 'debts', 'deposit', 'partners'] as const;
export type ReadinessKey = (typeof READINESS_KEYS)[number];
/** The keys the seller can answer by hand (the others come from the app's data when it has it). */
export const ASKED_KEYS = ['stock', 'listings', 'orders', 'disputes', 'debts'] as const;
export type AskedKey = (typeof ASKED_KEYS)[number];
/**
 * ok: nothing to do; warn: to handle, before the exit completes or (orders, disputes, debts) before
 * the deposit refund; asked: not answered. None holds the application: the source asks only a
 * reason for it, and the seller records a submission made in Seller Center whatever is open.
 */
export type ReadinessLevel = 'ok' | 'warn' | 'asked';

export const DISPOSAL_METHODS = ['sell_through', 'return_factory', 'liquidate', 'other'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

/**
 * The largest plan workbook taken back, as the upload table (src-shared/uploads) sets it: above the
 * web host's limit for plain calls, so exit.importPlan is an upload channel.
 */
export const PLAN_UPLOAD_MAX_BYTES = uploadMaxBytes('exit.importPlan');
export const PLAN_UPLOAD_MAX_BASE64 = uploadMaxBase64('exit.importPlan');

export const PARTNER_KINDS = ['logistics', 'payment', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_STATUSES = ['active', 'notified', 'terminated', 'not_needed'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const REVIEW_OUTCOMES = ['pending', 'approved', 'rejected'] as const;
export type ExitReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const AFTER_KEYS = ['stock', 'deposit', 'partners', 'privacy'] as const;
export type AfterKey = (typeof AFTER_KEYS)[number];

export interface ReadinessRow {
  sku: string;
  warehouse: string | null;
  quantity: number;
  /** Shown in the seller's language: both are kept, never joined into one string. */
  note?: Bilingual;
}

export interface ReadinessItem {
  key: ReadinessKey;
  title: Bilingual;
  level: ReadinessLevel;
  /** app: computed from the app's own data; seller: answered by the seller; none: not answered. */
  source: 'app' | 'seller' | 'none';
  /** What was found. */
  detail: Bilingual;
  /** What to do about it. */
  todo: Bilingual;
  rows: ReadinessRow[];
  /** Whether the seller may answer it by hand (no app data). */
  askable: boolean;
  note: string | null;
}

export interface AgreementItem {
  key: AgreementKey;
  text: Bilingual;
  confirmed: boolean;
  confirmedAt: string | null;
}

export interface DisposalLine {
  method: DisposalMethod;
  quantity: number;
  note: string | null;
}

export interface DisposalItem {
  sku: string;
  onHand: number;
  /** app: from the stock tables; seller: typed in the plan. */
  onHandSource: 'app' | 'seller';
  lines: DisposalLine[];
  planned: number;
}

export interface ExitPartner {
  id: number;
  kind: PartnerKind;
  name: string;
  status: PartnerStatus;
  /** YYYY-MM-DD: when notified / terminated. */
  statusOn: string | null;
  reference: string | null;
  note: string | null;
  updatedAt: string;
}

export interface ExitQuestion {
  id: number;
  askedAt: string;
  question: string;
  answer: string | null;
  answeredAt: string | null;
}

export interface ExitEvent {
  id: number;
  at: string;
  kind: string;
  text: Bilingual;
}

export interface DepositLink {
  caseId: number | null;
  /** not_started: no deposit case yet; unavailable: the deposit wizard is not in this build. */
  state: 'not_started' | 'linked' | 'unavailable';
  stage: string | null;
  statusLabel: string | null;
  refundableFen: number | null;
  done: boolean;
  text: Bilingual;
}

export interface AfterReminder {
  key: AfterKey;
  text: Bilingual;
  done: boolean;
}

export interface ExitCaseView {
  id: number;
  storeName: string;
  createdAt: string;
  updatedAt: string;
  /** The first step not yet finished. */
  stage: ExitStage;
  fit: { id: number; sellerType: SellerType; verdict: FitVerdict; typeLabel: Bilingual } | null;
  prepare: {
    reason: ExitReason | null;
    reasonText: string | null;
    reasonLabel: Bilingual | null;
    sellerCenterPath: Bilingual;
    agreement: AgreementItem[];
    readiness: ReadinessItem[];
    /**
     * The deposit refund's preconditions (orders, disputes, debts) not answered "没有", one line each
     * saying what they will cost the deposit refund. Advice: the submission is recorded all the same.
     */
    depositAdvice: Bilingual[];
  };
  submit: {
    /** The saved text, or the draft from the reason when nothing is saved yet. */
    applicationText: string;
    drafted: boolean;
    submittedOn: string | null;
    applicationNo: string | null;
  };
  review: {
    dueOn: string | null;
    /**
     * The due date was counted into a year the holiday library does not know yet: an estimate, to be
     * shown as one (src-shared/estimatedDate.ts), never as the platform's date.
     */
    dueEstimated: boolean;
    /** Why no due date could be computed (e.g. a year the holiday library does not know). */
    dueError: Bilingual | null;
    outcome: ExitReviewOutcome | null;
    decidedOn: string | null;
    note: string | null;
    remindedAt: string | null;
    overdue: boolean;
    /** After a rejection: the reason the seller recorded and what to do next; null otherwise. */
    rejectedNext: Bilingual | null;
  };
  procedures: {
    deposit: DepositLink;
    disposal: DisposalItem[];
    /** SKUs with stock on hand (from the app) that the plan does not cover yet. */
    unplannedSkus: string[];
    disposalComplete: boolean;
    /** Plan rows by state (the rows themselves are read a page at a time: exit.disposalRows). */
    disposalCounts: Record<DisposalRowState, number>;
    /** Unbinding every listing SKU for the exit, through the auto engine's outbox. */
    unbind: ExitUnbindState | null;
    partners: ExitPartner[];
    questions: ExitQuestion[];
  };
  done: {
    confirmedOn: string | null;
    storeStatus: string | null;
    /**
     * Listing SKUs the app still holds as bound (bound, unbind in review, unbind refused): while any
     * is, 确认退店成功 needs the seller's confirmation that Seller Center shows the store as exited.
     * Empty when none is, or when the app has no listings.
     */
    stillBound: ReadinessRow[];
  };
  after: {
    reminders: AfterReminder[];
    exportedAt: string | null;
    /** The ZIP's path, or its file name when it was downloaded. */
    exportFile: string | null;
    /** Export ZIPs kept in the data folder (from the CLI's default location). */
    exportsInDataFolder: string[];
    wipedAt: string | null;
    /** What the seller must type to confirm the wipe. */
    wipeConfirmText: string;
  };
  /** What is still open before the exit can complete. */
  openItems: Bilingual[];
  timeline: ExitEvent[];
}

export interface ExitDocument {
  /** File name without extension, e.g. '01-退店申请'. */
  name: string;
  /** The document is Chinese in either language; the title is in both for the button that opens it. */
  title: Bilingual;
  html: string;
}

export interface ExitExportResult {
  /** Where the ZIP was written; null when it went to the seller as a download (no copy kept). */
  file: string | null;
  fileName: string;
  entries: string[];
  bytes: number;
  /** The ZIP itself, when `download` was asked (the screen saves it through the browser). */
  contentBase64?: string;
  /** When `pdf` was asked and no PDFs could be made: why, and that the documents are in as HTML. */
  pdfNote?: Bilingual | null;
}

export interface ExitWipeResult {
  at: string;
  removedSecrets: string[];
  cleared: string[];
  /** What was removed, in the seller's words. */
  removed: Bilingual[];
  /** Export ZIPs still inside the data folder: they hold personal data, so the seller is told where. */
  exportsLeft: string[];
}

export interface WorkdaysResult {
  date: string;
  n: number;
  /** The exact date; null when the count runs into a year the holiday library does not know (see `estimate`). */
  result: string | null;
  /**
   * Only then: the date counted Monday to Friday less the fixed-date statutory days off, and why it is
   * an estimate. Kept apart from `result`, so a script reading `result` never takes it for exact.
   */
  estimate: { date: string; note: Bilingual } | null;
  knownYears: { first: number; last: number };
}

/** A disposal plan row as the seller typed it (quantities as text: full-width digits are read). */
export interface DisposalRowInput {
  sku: string;
  /** Only for SKUs the app has no stock figure for. */
  onHand?: string;
  cells: Partial<Record<DisposalMethod, string>>;
  note?: string;
}

/**
 * unplanned: no row yet; draft: saved but does not add up or holds a figure that is not a
 * quantity; ok: adds up to the stock on hand; changed: added up when saved, the stock moved since.
 */
export type DisposalRowState = 'unplanned' | 'draft' | 'ok' | 'changed';

export interface DisposalRowView {
  sku: string;
  /** Live stock on hand (app) or what the seller typed; null when neither is known. */
  onHand: number | null;
  onHandSource: 'app' | 'seller';
  /** What was on hand when the row was saved (app SKUs), so a change names both figures. */
  savedOnHand: number | null;
  category: string | null;
  warehouses: { name: string; quantity: number }[];
  cells: Record<DisposalMethod, string>;
  note: string | null;
  planned: number;
  state: DisposalRowState;
  /** What is wrong with the row, at the row. */
  errors: Bilingual[];
}

export interface DisposalRowsPage {
  rows: DisposalRowView[];
  total: number;
  counts: Record<DisposalRowState, number>;
  /** Whether the app has stock data (bulk choices need it). */
  fromApp: boolean;
  categories: string[];
  warehouses: string[];
}

export interface DisposalSaveResult {
  saved: number;
  ok: number;
  /** Rows saved as drafts, with what is wrong (line: the Excel line, for an import). */
  problems: { sku: string; line?: number; errors: Bilingual[] }[];
  /** Lines of an import that could not be read as a row at all. */
  skipped: { line: number; error: Bilingual }[];
}

export interface ExitUnbindAllResult {
  /** The held run the seller confirms once (null when nothing is bound). */
  runId: number | null;
  unbinds: number;
  pinned: number;
}

export interface ExitUnbindState {
  /** Listing SKUs still bound on the platform (bound, unbind in review, unbind refused). */
  bound: number;
  boundSkus: string[];
  /** The exit's held run waiting for the seller's one confirmation. */
  heldRunId: number | null;
  heldCount: number;
  /** Exit unbinds in the outbox (queued, sent, in review). */
  pending: number;
  refused: number;
  switchOn: boolean;
}
