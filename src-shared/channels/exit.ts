/**
 * 退店 (store exit): one case per store, saved as the seller goes, resumable, with a timeline.
 * Steps follow the source: 准备 → 提交申请 → 平台审核 → 办理退店手续 → 退店成功 → 退店后.
 */
import { z } from 'zod';
import { channel, empty } from '../channel';
import { EXIT_REASONS, AGREEMENT_KEYS, ASKED_KEYS, DISPOSAL_METHODS, PARTNER_KINDS, PARTNER_STATUSES, REVIEW_OUTCOMES, AFTER_KEYS } from '../types/exit';
import type { DisposalRowsPage, DisposalSaveResult, ExitCaseView, ExitDocument, ExitExportResult, ExitUnbindAllResult, ExitWipeResult, WorkdaysResult } from '../types/exit';

export * from '../types/exit';

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

/** A cell as typed: the core reads full-width digits and refuses negatives and words by row. */
const cellText = z.string().max(40);
export const disposalRowSchema = z
  .object({
    sku: z.string().trim().min(1).max(100),
    onHand: cellText.optional(),
    cells: z.object(Object.fromEntries(DISPOSAL_METHODS.map((m) => [m, cellText.optional()])) as Record<(typeof DISPOSAL_METHODS)[number], z.ZodOptional<z.ZodString>>).strict(),
    note: shortText.optional(),
  })
  .strict();

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
  /** The plan a page at a time, with each row's state against the live stock and its errors. */
  'exit.disposalRows': channel(
    z
      .object({
        page: z.number().int().min(1).max(100_000),
        pageSize: z.number().int().min(1).max(500),
        filter: z.enum(['all', 'open', 'unplanned', 'draft', 'ok', 'changed']).optional(),
        search: z.string().trim().max(100).optional(),
      })
      .strict(),
  ).returns<DisposalRowsPage>(),
  /** Rows saved as typed, each on its own: a row that does not add up is kept as a draft with its error. */
  'exit.saveDisposalRows': channel(z.object({ rows: z.array(disposalRowSchema).min(1).max(5000) }).strict()).returns<DisposalSaveResult>(),
  /** One disposal for all remaining SKUs, or those of one category or one warehouse. */
  'exit.bulkDisposal': channel(
    z
      .object({
        method: z.enum(DISPOSAL_METHODS),
        scope: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('remaining') }).strict(),
          z.object({ kind: z.literal('category'), value: z.string().max(200) }).strict(),
          z.object({ kind: z.literal('warehouse'), value: z.string().min(1).max(200) }).strict(),
        ]),
      })
      .strict(),
  ).returns<DisposalSaveResult>(),
  /** The plan as an Excel workbook (base64), every SKU with its stock, plan and problem. */
  'exit.exportPlan': channel(empty).returns<{ fileName: string; contentBase64: string; rows: number }>(),
  /** An edited plan workbook back in: each line saved like a typed row, errors by Excel line. */
  'exit.importPlan': channel(z.object({ contentBase64: z.string().min(1).max(2_000_000) }).strict()).returns<DisposalSaveResult>(),
  /** 为退店解绑全部SKU: pins every listing SKU 始终解绑 and holds one run with every unbind. */
  'exit.unbindAll': channel(empty).returns<ExitUnbindAllResult>(),
  /** The seller's one confirmation of that run: the unbinds go to the outbox and out. */
  'exit.confirmUnbindAll': channel(z.object({ runId: z.number().int().positive() }).strict()).returns<ExitCaseView>(),
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
   * screen to save, keeping no copy; otherwise written under exports/ in the data folder. No path
   * comes in over the contract: where a file goes is the app's choice (the CLI's --out and the
   * desktop app's save dialog call the core directly).
   */
  'exit.export': channel(
    z
      .object({
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
