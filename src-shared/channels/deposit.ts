/**
 * Deposit refund (退保证金): the case a seller walks through (status → checks → apply → review →
 * arrival), and the Alipay bill reconciliation. Amounts cross the boundary as integer fen; what
 * the seller types travels as text ("1,234.56") and is parsed strictly in main.
 */
import { z } from 'zod';
import { channel, label, says } from '../channel';
import { uploadContent } from '../uploadField';
import { DEPOSIT_STATUSES, DEPOSIT_CHECKS } from '../types/deposit';
import type { DepositCaseView, DepositSummary, DepositMatchReport } from '../types/deposit';

export * from '../types/deposit';

const caseRef = { caseId: z.number().int().positive().meta(label('退保证金记录', 'Deposit refund case')).optional() };
/** Amounts as typed by the seller (parsed strictly in main) or as plain numbers. */
const yuan = z.union([z.string().max(40), z.number()]);
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, says('{label}要按“年-月-日”填写，例如 2026-12-02', '{label} must be a date such as 2026-12-02'));
const reason = z.string().trim().min(2).max(300).meta(label('退款原因', 'Reason'));
const amount = yuan.meta(label('申请金额', 'Amount'));
const appliedOn = date.meta(label('实际提交申请的日期', 'Day the application was really sent'));

export const depositChannels = {
  /** The store's case (one per store); `case` is null before it is opened. */
  'deposit.get': channel(z.object(caseRef).strict()).returns<{ case: DepositCaseView | null }>(),
  /** Opens the store's case, or returns it when it already exists. */
  'deposit.open': channel(z.object({}).strict()).returns<DepositCaseView>(),
  'deposit.summary': channel(z.object(caseRef).strict()).returns<{ summary: DepositSummary | null }>(),
  'deposit.setStatus': channel(
    z
      .object({
        ...caseRef,
        status: z.enum(DEPOSIT_STATUSES).meta(label('保证金状态', 'Deposit status')),
        depositYuan: yuan.meta(label('保证金金额', 'Deposit amount')),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  'deposit.setCheck': channel(
    z
      .object({
        ...caseRef,
        key: z.enum(DEPOSIT_CHECKS).meta(label('检查项', 'Check')),
        answer: z.enum(['clear', 'open', 'unknown']).meta(label('回答', 'Answer')),
        note: z.string().trim().max(500).meta(label('备注', 'Note')).optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  'deposit.addViolation': channel(
    z
      .object({
        ...caseRef,
        description: z.string().trim().min(1).max(200).meta(label('违规说明', 'Violation')),
        penaltyYuan: yuan.meta(label('扣款金额', 'Penalty')),
        occurredOn: date.meta(label('违规日期', 'Date')).optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  'deposit.removeViolation': channel(
    z.object({ ...caseRef, id: z.number().int().positive().meta(label('违规记录', 'Penalty record')) }).strict(),
  ).returns<DepositCaseView>(),
  /** Drafts the application text without sending anything, so the form can preview it. */
  'deposit.draft': channel(z.object({ ...caseRef, reason: reason, amountYuan: amount }).strict()).returns<{
    amountFen: number;
    text: string;
  }>(),
  'deposit.apply': channel(
    z
      .object({
        ...caseRef,
        reason,
        amountYuan: amount,
        alipayAccount: z.string().trim().min(5).max(100).meta(label('支付宝账号', 'Alipay account')),
        /** The day it was really sent (Beijing), when the seller records it afterwards; today when left out. */
        appliedOn: appliedOn.optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  /** Corrects the application's date to the day it was really sent (in the past, not after its review). */
  'deposit.setAppliedOn': channel(z.object({ ...caseRef, appliedOn }).strict()).returns<DepositCaseView>(),
  'deposit.review': channel(
    z
      .object({
        ...caseRef,
        outcome: z.enum(['pending', 'approved', 'rejected']).meta(label('审核结果', 'Review outcome')),
        /** The day the platform approved or refused (Beijing); today when left out. */
        decidedOn: date.meta(label('审核日期', 'Review date')).optional(),
        note: z.string().trim().max(500).meta(label('备注', 'Note')).optional(),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  /** Imports an Alipay bill export (base64 of the file bytes) and looks for the refund in it. */
  'deposit.matchAlipay': channel(
    z
      .object({
        ...caseRef,
        fileName: z.string().trim().min(1).max(260).meta(label('支付宝账单文件名', 'Alipay bill file name')),
        contentBase64: uploadContent('deposit.matchAlipay'),
      })
      .strict(),
  ).returns<DepositMatchReport>(),
  /** The seller confirms that a bill row (by its line in an import) is the refund. */
  'deposit.confirmArrival': channel(
    z
      .object({
        ...caseRef,
        importId: z.number().int().positive().meta(label('导入的账单', 'Imported bill')),
        line: z.number().int().positive().meta(label('账单行号', 'Bill line')),
      })
      .strict(),
  ).returns<DepositCaseView>(),
  /** Takes back a confirmation made by mistake (by the confirmed row's id). */
  'deposit.undoArrival': channel(
    z.object({ ...caseRef, arrivalId: z.number().int().positive().meta(label('已确认的到账', 'Confirmed arrival')) }).strict(),
  ).returns<DepositCaseView>(),
  /** Runs the arrival-window reminder now (it also runs hourly in the desktop and web hosts). */
  'deposit.remind': channel(z.object({}).strict()).returns<{ sent: number }>(),
};
