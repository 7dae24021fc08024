/**
 * Deposit refund (退保证金): the case a seller walks through (status → checks → apply → review →
 * arrival), and the Alipay bill reconciliation. Amounts cross the boundary as integer fen; what
 * the seller types travels as text ("1,234.56") and is parsed strictly in main.
 */
import { z } from 'zod';
import { channel } from '../channel';
import { DEPOSIT_STATUSES, DEPOSIT_CHECKS } from '../types/deposit';
import type { DepositCaseView, DepositSummary, DepositMatchReport } from '../types/deposit';

export * from '../types/deposit';

const caseRef = { caseId: z.number().int().positive().optional() };
/** Amounts as typed by the seller (parsed strictly in main) or as plain numbers. */
const yuan = z.union([z.string().max(40), z.number()]);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const depositChannels = {
  /** The store's case (one per store); `case` is null before it is opened. */
  'deposit.get': channel(z.object(caseRef).strict()).returns<{ case: DepositCaseView | null }>(),
  /** Opens the store's case, or returns it when it already exists. */
  'deposit.open': channel(z.object({}).strict()).returns<DepositCaseView>(),
  'deposit.summary': channel(z.object(caseRef).strict()).returns<{ summary: DepositSummary | null }>(),
  'deposit.setStatus': channel(
    z.object({ ...caseRef, status: z.enum(DEPOSIT_STATUSES), depositYuan: yuan }).strict(),
  ).returns<DepositCaseView>(),
  'deposit.setCheck': channel(
    z
      .object({
        ...caseRef,
        key: z.enum(DEPOSIT_CHECKS),
        answer: z.enum(['clear', 'open', 'unknown']),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  'deposit.addViolation': channel(
    z
      .object({
        ...caseRef,
        description: z.string().trim().min(1).max(200),
        penaltyYuan: yuan,
        occurredOn: date.optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  'deposit.removeViolation': channel(z.object({ ...caseRef, id: z.number().int().positive() }).strict()).returns<DepositCaseView>(),
  /** Drafts the application text without sending anything, so the form can preview it. */
  'deposit.draft': channel(
    z.object({ ...caseRef, reason: z.string().trim().min(2).max(300), amountYuan: yuan }).strict(),
  ).returns<{ amountFen: number; text: string }>(),
  'deposit.apply': channel(
    z
      .object({
        ...caseRef,
        reason: z.string().trim().min(2).max(300),
        amountYuan: yuan,
        alipayAccount: z.string().trim().min(5).max(100),
        /** The day it was really sent (Beijing), when the seller records it afterwards; today when left out. */
        appliedOn: date.optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  /** Corrects the application's date to the day it was really sent (in the past, not after its review). */
  'deposit.setAppliedOn': channel(z.object({ ...caseRef, appliedOn: date }).strict()).returns<DepositCaseView>(),
  'deposit.review': channel(
    z
      .object({
        ...caseRef,
        outcome: z.enum(['pending', 'approved', 'rejected']),
        /** The day the platform approved or refused (Beijing); today when left out. */
        decidedOn: date.optional(),
        note: z.string().trim().max(500).optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  /** Imports an Alipay bill export (base64 of the file bytes) and looks for the refund in it. */
  'deposit.matchAlipay': channel(
    z
      .object({
        ...caseRef,
        fileName: z.string().trim().min(1).max(260),
        // 20 MB of CSV in base64: a year of a busy account's bill is far smaller.
        contentBase64: z.string().min(1).max(28_000_000),
      })
      .strict(),
  ).returns<DepositMatchReport>(),
  /** The seller confirms that a bill row (by its line in an import) is the refund. */
  'deposit.confirmArrival': channel(
    z.object({ ...caseRef, importId: z.number().int().positive(), line: z.number().int().positive() }).strict(),
  ).returns<DepositCaseView>(),
  /** Takes back a confirmation made by mistake (by the confirmed row's id). */
  'deposit.undoArrival': channel(z.object({ ...caseRef, arrivalId: z.number().int().positive() }).strict()).returns<DepositCaseView>(),
  /** Runs the arrival-window reminder now (it also runs hourly in the desktop and web hosts). */
  'deposit.remind': channel(z.object({}).strict()).returns<{ sent: number }>(),
};
