/**
 * 退店 (store exit): one case per store, saved as the seller goes, resumable, with a timeline.
 * Steps follow the source: 准备 → 提交申请 → 平台审核 → 办理退店手续 → 退店成功 → 退店后.
 */
import { z } from 'zod';
import { channel, empty, label, says } from '../channel';
import { uploadContent } from '../uploadField';
import {
  EXIT_REASONS,
  AGREEMENT_KEYS,
  ASKED_KEYS,
  DISPOSAL_METHODS,
  PARTNER_KINDS,
  PARTNER_STATUSES,
  REVIEW_OUTCOMES,
  AFTER_KEYS,
} from '../types/exit';
import type {
  DisposalRowsPage,
  DisposalSaveResult,
  ExitCaseView,
  ExitDocument,
  ExitExportResult,
  ExitUnbindAllResult,
  ExitWipeResult,
  WorkdaysResult,
} from '../types/exit';

export * from '../types/exit';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, says('{label}要按“年-月-日”填写，例如 2026-12-02', '{label} must be a date such as 2026-12-02'));
const shortText = z.string().trim().max(200);
const qty = z.number().int().min(0).max(100_000_000);
const note = (max: number) => z.string().trim().max(max).meta(label('备注', 'Note'));
const sku = z.string().trim().min(1).max(100).meta(label('SKU'));

export const disposalPlanSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            sku,
            /** Required when the app has no stock data for this SKU. */
            onHand: qty.meta(label('现有库存', 'On hand')).optional(),
            lines: z
              .array(
                z
                  .object({
                    method: z.enum(DISPOSAL_METHODS).meta(label('处置方式', 'Disposal')),
                    quantity: qty.meta(label('数量', 'Quantity')),
                    note: note(200).optional(),
                  })
                  .strict(),
              )
              .min(1)
              .max(10)
              .meta(label('处置方式', 'Disposals')),
          })
          .strict(),
      )
      .max(5000)
      .meta(label('处置计划', 'Disposal plan')),
  })
  .strict();
export type DisposalPlanInput = z.infer<typeof disposalPlanSchema>;

/** A cell as typed: the core reads full-width digits and refuses negatives and words by row. */
const cellText = z.string().max(40);
/** The plan's columns as the disposal table heads them. */
const METHOD_LABELS: Record<(typeof DISPOSAL_METHODS)[number], ReturnType<typeof label>> = {
  sell_through: label('继续销售的数量', 'Sell through'),
  return_factory: label('退回工厂的数量', 'Return to factory'),
  liquidate: label('清仓的数量', 'Liquidate'),
  other: label('其他处置的数量', 'Other'),
};
export const disposalRowSchema = z
  .object({
    sku,
    onHand: cellText.meta(label('现有库存', 'On hand')).optional(),
    cells: z
      .object(
        Object.fromEntries(DISPOSAL_METHODS.map((m) => [m, cellText.meta(METHOD_LABELS[m]).optional()])) as Record<
          (typeof DISPOSAL_METHODS)[number],
          z.ZodOptional<z.ZodString>
        >,
      )
      .strict()
      .meta(label('各处置方式的数量', 'Quantities by disposal')),
    note: note(200).optional(),
  })
  .strict();

export const exitChannels = {
  /** The store's case, or null before it is opened. */
  'exit.get': channel(empty).returns<{ case: ExitCaseView | null }>(),
  /** Opens the store's case (or returns it), optionally noting the fit result that led here. */
  'exit.open': channel(
    z.object({ fitResultId: z.number().int().positive().meta(label('适合度评估结果', 'Fit check result')).optional() }).strict(),
  ).returns<ExitCaseView>(),
  'exit.setReason': channel(
    z
      .object({
        reason: z.enum(EXIT_REASONS).meta(label('退店原因', 'Exit reason')),
        reasonText: z.string().trim().max(500).meta(label('补充说明', 'Details')).optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.confirmAgreement': channel(
    z
      .object({
        key: z.enum(AGREEMENT_KEYS).meta(label('协议条款', 'Agreement item')),
        confirmed: z.boolean().meta(label('已确认', 'Confirmed')),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.answerReadiness': channel(
    z
      .object({
        key: z.enum(ASKED_KEYS).meta(label('检查项', 'Check')),
        answer: z.enum(['clear', 'open', 'unknown']).meta(label('回答', 'Answer')),
        note: note(500).optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  /** Keeps the application text the seller is editing, before the submission is recorded. */
  'exit.saveApplicationText': channel(
    z.object({ applicationText: z.string().trim().min(1).max(5000).meta(label('申请内容', 'Application text')) }).strict(),
  ).returns<ExitCaseView>(),
  /**
   * Records the submission: the text sent, the date, and the platform's application number when it
   * showed one (the source names none, and the review's 3 working days count from the date alone).
   */
  'exit.submit': channel(
    z
      .object({
        submittedOn: date.meta(label('提交日期', 'Date submitted')),
        applicationNo: z.string().trim().min(1).max(80).meta(label('申请编号', 'Application number')).optional(),
        applicationText: z.string().trim().min(1).max(5000).meta(label('申请内容', 'Application text')).optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.review': channel(
    z
      .object({
        outcome: z.enum(REVIEW_OUTCOMES).meta(label('审核结果', 'Review outcome')),
        decidedOn: date.meta(label('审核日期', 'Review date')).optional(),
        note: note(1000).optional(),
      })
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
        page: z.number().int().min(1).max(100_000).meta(label('页码', 'Page')),
        pageSize: z.number().int().min(1).max(500).meta(label('每页条数', 'Rows per page')),
        filter: z.enum(['all', 'open', 'unplanned', 'draft', 'ok', 'changed']).meta(label('显示范围', 'Show')).optional(),
        search: z.string().trim().max(100).meta(label('搜索', 'Search')).optional(),
      })
      .strict(),
  ).returns<DisposalRowsPage>(),
  /** Rows saved as typed, each on its own: a row that does not add up is kept as a draft with its error. */
  'exit.saveDisposalRows': channel(
    z.object({ rows: z.array(disposalRowSchema).min(1).max(5000).meta(label('处置计划', 'Disposal plan')) }).strict(),
  ).returns<DisposalSaveResult>(),
  /** One disposal for all remaining SKUs, or those of one category or one warehouse. */
  'exit.bulkDisposal': channel(
    z
      .object({
        method: z.enum(DISPOSAL_METHODS).meta(label('处置方式', 'Disposal')),
        scope: z
          .discriminatedUnion('kind', [
            z.object({ kind: z.literal('remaining') }).strict(),
            z.object({ kind: z.literal('category'), value: z.string().max(200).meta(label('类目', 'Category')) }).strict(),
            z.object({ kind: z.literal('warehouse'), value: z.string().min(1).max(200).meta(label('仓库', 'Warehouse')) }).strict(),
          ])
          .meta(label('批量范围', 'Which SKUs')),
      })
      .strict(),
  ).returns<DisposalSaveResult>(),
  /** The plan as an Excel workbook (base64), every SKU with its stock, plan and problem. */
  'exit.exportPlan': channel(empty).returns<{ fileName: string; contentBase64: string; rows: number }>(),
  /** An edited plan workbook back in: each line saved like a typed row, errors by Excel line. */
  'exit.importPlan': channel(
    z
      .object({
        contentBase64: uploadContent('exit.importPlan'),
      })
      .strict(),
  ).returns<DisposalSaveResult>(),
  /** 为退店解绑全部SKU: pins every listing SKU 始终解绑 and holds one run with every unbind. */
  'exit.unbindAll': channel(empty).returns<ExitUnbindAllResult>(),
  /** The seller's one confirmation of that run: the unbinds go to the outbox and out. */
  'exit.confirmUnbindAll': channel(
    z.object({ runId: z.number().int().positive().meta(label('批量解绑运行', 'Mass unbind run')) }).strict(),
  ).returns<ExitCaseView>(),
  /**
   * Adds a partner (no id) or saves one (id). Saving keeps what the call does not carry: a date,
   * reference or note left out stays as stored, and only null (or an empty reference or note)
   * clears it, so a screen that edits one column cannot wipe another it never showed.
   */
  'exit.savePartner': channel(
    z
      .object({
        id: z.number().int().positive().meta(label('合作伙伴', 'Partner')).optional(),
        kind: z.enum(PARTNER_KINDS).meta(label('合作类型', 'Partner kind')),
        name: z.string().trim().min(1).max(100).meta(label('合作伙伴名称', 'Partner name')),
        status: z.enum(PARTNER_STATUSES).meta(label('合作状态', 'Partner status')),
        statusOn: date.meta(label('状态日期', 'Status date')).nullable().optional(),
        reference: shortText.meta(label('凭证号', 'Reference')).nullable().optional(),
        note: note(500).nullable().optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.removePartner': channel(
    z.object({ id: z.number().int().positive().meta(label('合作伙伴', 'Partner')) }).strict(),
  ).returns<ExitCaseView>(),
  'exit.addQuestion': channel(
    z.object({ question: z.string().trim().min(1).max(1000).meta(label('问题', 'Question')) }).strict(),
  ).returns<ExitCaseView>(),
  'exit.answerQuestion': channel(
    z
      .object({
        id: z.number().int().positive().meta(label('问题', 'Question')),
        answer: z.string().trim().min(1).max(2000).meta(label('客服答复', 'Answer')),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  /**
   * Records the exit as complete. Refused while listing SKUs still show bound in the app, unless
   * `stillBound` is given: the seller's confirmation that Seller Center shows the store as exited
   * (店铺状态显示已退店) although that many listing SKUs still show bound here (an unbind the
   * platform refused, a copy not refreshed before the store closed). It must be the count the app
   * holds now, so a confirmation given for another list is refused, not stretched to cover it.
   */
  'exit.confirmDone': channel(
    z
      .object({
        confirmedOn: date.meta(label('退店成功日期', 'Exit date')),
        storeStatus: z.string().trim().min(1).max(60).meta(label('卖家中心店铺状态', 'Store status in Seller Center')),
        stillBound: z
          .number()
          .int()
          .min(1)
          .max(100_000_000)
          .meta(label('确认时仍显示绑定的线上SKU数', 'Listing SKUs still shown bound, as confirmed'))
          .optional(),
      })
      .strict(),
  ).returns<ExitCaseView>(),
  'exit.setAfter': channel(
    z
      .object({ key: z.enum(AFTER_KEYS).meta(label('退店后事项', 'After-exit item')), done: z.boolean().meta(label('已完成', 'Done')) })
      .strict(),
  ).returns<ExitCaseView>(),
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
        download: z.boolean().meta(label('下载', 'Download')).optional(),
        /** Print each document to PDF with a local browser for the ZIP, when there is one. */
        pdf: z.boolean().meta(label('生成 PDF', 'Make PDFs')).optional(),
      })
      .strict(),
  ).returns<ExitExportResult>(),
  /** Wipes credentials and personal data after the seller typed the confirmation text. */
  'exit.wipe': channel(
    z.object({ confirm: z.string().max(200).meta(label('确认文字', 'Confirmation text')) }).strict(),
  ).returns<ExitWipeResult>(),
  /** The date `n` Chinese working days after `date`. */
  'exit.workdaysAdd': channel(
    z
      .object({
        date: date.meta(label('起始日期', 'Start date')),
        n: z.number().int().min(0).max(365).meta(label('工作日天数', 'Working days')),
      })
      .strict(),
  ).returns<WorkdaysResult>(),
};
