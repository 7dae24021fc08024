/**
 * 退店 (store exit): one case per store, saved as the seller goes, resumable, with a timeline.
 * Steps follow the source: 准备 → 提交申请 → 平台审核 → 办理退店手续 → 退店成功 → 退店后.
 */
import { z } from 'zod';
import { channel, empty } from '../channel';
import type { Bilingual, FitVerdict, SellerType } from './fit';

export type { Bilingual } from './fit';

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
/** ok: nothing to do; warn: handle before the exit completes; block: the exit cannot complete; asked: not answered. */
export type ReadinessLevel = 'ok' | 'warn' | 'block' | 'asked';

export const DISPOSAL_METHODS = ['sell_through', 'return_factory', 'liquidate', 'other'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

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
  note?: string;
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
  text: string;
  textEn: string;
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
    /** Why no due date could be computed (e.g. a year the holiday library does not know). */
    dueError: Bilingual | null;
    outcome: ExitReviewOutcome | null;
    decidedOn: string | null;
    note: string | null;
    remindedAt: string | null;
    overdue: boolean;
  };
  procedures: {
    deposit: DepositLink;
    disposal: DisposalItem[];
    /** SKUs with stock on hand (from the app) that the plan does not cover yet. */
    unplannedSkus: string[];
    disposalComplete: boolean;
    partners: ExitPartner[];
    questions: ExitQuestion[];
  };
  done: { confirmedOn: string | null; storeStatus: string | null };
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
  title: string;
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
  /** Export ZIPs still inside the data folder: they hold personal data, so the seller is told where. */
  exportsLeft: string[];
}

export interface WorkdaysResult {
  date: string;
  n: number;
  result: string;
  knownYears: { first: number; last: number };
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const shortText = z.string().trim().max(200);
const qty = z.number().int().min(0).max(100_000_000);

export const disposalPlanSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            sku: z.string().trim().min(1).max(100),
            /** Required when the app has no stock data for this SKU. */
            onHand: qty.optional(),
            lines: z
              .array(
                z.object({ method: z.enum(DISPOSAL_METHODS), quantity: qty, note: shortText.optional() }).strict(),
              )
              .min(1)
              .max(10),
          })
          .strict(),
      )
      .max(5000),
  })
  .strict();
export type DisposalPlanInput = z.infer<typeof disposalPlanSchema>;

export const exitChannels = {
  /** The store's case, or null before it is opened. */
  'exit.get': channel(empty).returns<{ case: ExitCaseView | null }>(),
  /** Opens the store's case (or returns it), optionally noting the fit result that led here. */
  'exit.open': channel(z.object({ fitResultId: z.number().int().positive().optional() }).strict()).returns<ExitCaseView>(),
  'exit.setReason': channel(
    z.object({ reason: z.enum(EXIT_REASONS), reasonText: z.string().trim().max(500).optional() }).strict(),
  ).returns<ExitCaseView>(),
  'exit.confirmAgreement': channel(z.object({ key: z.enum(AGREEMENT_KEYS), confirmed: z.boolean() }).strict()).returns<ExitCaseView>(),
  'exit.answerReadiness': channel(
    z
      .object({ key: z.enum(ASKED_KEYS), answer: z.enum(['clear', 'open', 'unknown']), note: z.string().trim().max(500).optional() })
      .strict(),
  ).returns<ExitCaseView>(),
  /** Records the submission: the text sent, the date and the platform's application number. */
  'exit.submit': channel(
    z
      .object({
        submittedOn: date,
        applicationNo: z.string().trim().min(1).max(80),
        applicationText: z.string().trim().min(1).max(5000).optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.review': channel(
    z
      .object({ outcome: z.enum(REVIEW_OUTCOMES), decidedOn: date.optional(), note: z.string().trim().max(1000).optional() })
      .strict(),
  ).returns<ExitCaseView>(),
  /** Sends the "review due" notice when it is due and not yet sent (hosts call it hourly). */
  'exit.remind': channel(empty).returns<{ reminded: boolean }>(),
  /** Links step ④① to the deposit refund case, opening that case when none exists. */
  'exit.linkDeposit': channel(empty).returns<ExitCaseView>(),
  'exit.setDisposal': channel(disposalPlanSchema).returns<ExitCaseView>(),
  'exit.savePartner': channel(
    z
      .object({
        id: z.number().int().positive().optional(),
        kind: z.enum(PARTNER_KINDS),
        name: z.string().trim().min(1).max(100),
        status: z.enum(PARTNER_STATUSES),
        statusOn: date.optional(),
        reference: shortText.optional(),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.removePartner': channel(z.object({ id: z.number().int().positive() }).strict()).returns<ExitCaseView>(),
  'exit.addQuestion': channel(z.object({ question: z.string().trim().min(1).max(1000) }).strict()).returns<ExitCaseView>(),
  'exit.answerQuestion': channel(
    z.object({ id: z.number().int().positive(), answer: z.string().trim().min(1).max(2000) }).strict(),
  ).returns<ExitCaseView>(),
  'exit.confirmDone': channel(
    z.object({ confirmedOn: date, storeStatus: z.string().trim().min(1).max(60) }).strict(),
  ).returns<ExitCaseView>(),
  'exit.setAfter': channel(z.object({ key: z.enum(AFTER_KEYS), done: z.boolean() }).strict()).returns<ExitCaseView>(),
  /** The print-ready documents (HTML, Chinese, A4). */
  'exit.paperwork': channel(empty).returns<{ documents: ExitDocument[] }>(),
  /**
   * A ZIP of everything the app holds for the store. `download`: return it as base64 for the
   * screen to save, keeping no copy; otherwise written to `outFile` (default: exports/ in the data
   * folder). `pdfDir`: a folder of PDFs a host printed from the paperwork, added under documents/.
   */
  'exit.export': channel(
    z
      .object({
        outFile: z.string().trim().min(1).max(1000).optional(),
        pdfDir: z.string().trim().min(1).max(1000).optional(),
        download: z.boolean().optional(),
        /** Print each document to PDF with a local browser for the ZIP, when there is one. */
        pdf: z.boolean().optional(),
      })
      .strict(),
  ).returns<ExitExportResult>(),
  /** Wipes credentials and personal data after the seller typed the confirmation text. */
  'exit.wipe': channel(z.object({ confirm: z.string().max(200) }).strict()).returns<ExitWipeResult>(),
  /** The date `n` Chinese working days after `date`. */
  'exit.workdaysAdd': channel(z.object({ date, n: z.number().int().min(0).max(365) }).strict()).returns<WorkdaysResult>(),
};
