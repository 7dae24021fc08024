/**
 * 到账核对, the arrival check: the seller imports an Alipay bill, the app points at the row that
 * looks like the refund, the seller confirms it (or takes a confirmation back), and once the
 * window has passed with nothing confirmed the seller is reminded, once per approval.
 */
import { AppError } from '../../../src-shared/errors';
import type { DepositCaseView, DepositMatchReport } from '../../../src-shared/channels/deposit';
import { beijingDate } from '../calendar/workdays';
import { formatFen } from './money';
import { maskAlipayAccount } from './account';
import { parseAlipayBill } from './alipay';
import { findRefund } from './refundMatch';
import { arrivalReminder, arrivalTail, IMPORT_VERDICT, matchMessage, supportText } from './texts';
import { activeApplication, arrivalWindowOf, arrivedFen, type DepositKernel } from './depositView';
import { readArrivals } from './depositChildren';

export class ArrivalCheck {
  constructor(private readonly k: DepositKernel) {}

  private get db() {
    return this.k.app.db;
  }

  async matchAlipay(input: { caseId?: number; fileName: string; contentBase64: string }): Promise<DepositMatchReport> {
    const r = this.k.require(input.caseId);
    if (!activeApplication(r) || r.amount_fen === null || !r.applied_at) {
      throw new AppError(
        'CONFLICT',
        '还没有提交退保证金申请，不知道要找多少钱的退款。请先完成“提交申请”，审核通过后再导入支付宝账单。',
        'No application has been sent, so there is no refund amount to look for. Apply first, and import the Alipay bill after approval.',
      );
    }
    const bill = await parseAlipayBill(Buffer.from(input.contentBase64, 'base64'));
    const window = arrivalWindowOf(r);
    const appliedOn = beijingDate(Date.parse(r.applied_at));
    const result = findRefund({ rows: bill.rows, expectedFen: r.amount_fen, appliedOn, window });
    const { today, storeName } = this.k.context();
    const overdue = window !== null && today > window.to;
    const message = matchMessage(result, r.amount_fen, window, overdue);
    const nothingInTime = result.verdict === 'not_found' || !result.match;
    const support =
      nothingInTime && overdue
        ? supportText({
            storeName,
            appliedOn,
            amountFen: r.amount_fen,
            approvedOn: r.decided_on,
            windowTo: r.window_to,
            windowEstimated: r.window_estimated === 1,
            today,
            alipayMasked: r.alipay_account ? maskAlipayAccount(r.alipay_account) : '',
          })
        : null;
    const report: DepositMatchReport = {
      importId: 0,
      fileName: input.fileName,
      shape: bill.shape,
      encoding: bill.encoding,
      rowsRead: bill.rows.length,
      considered: result.considered,
      apart: result.apart,
      appliedOn,
      counts: result.counts,
      expectedFen: r.amount_fen,
      window,
      match: result.match,
      verdict: result.verdict,
      differenceFen: result.differenceFen,
      message,
      supportText: support,
    };
    const now = this.k.now();
    this.k.write(r, () => {
      const id = Number(
        this.db
          .prepare(
            'INSERT INTO deposit_bill_import (case_id, at, file_name, shape, encoding, rows_read, verdict, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(r.id, now, input.fileName, bill.shape, bill.encoding, bill.rows.length, result.verdict, '{}').lastInsertRowid,
      );
      report.importId = id;
      this.db.prepare('UPDATE deposit_bill_import SET report = ? WHERE id = ?').run(JSON.stringify(report), id);
      const words = IMPORT_VERDICT[result.verdict];
      const m = result.match;
      this.k.event(
        r.id,
        'import',
        {
          zh: `导入支付宝账单“${input.fileName}”（${bill.rows.length} 行）：${words.zh}`,
          en: `Imported Alipay bill "${input.fileName}" (${bill.rows.length} rows): ${words.en}`,
        },
        { importId: id, rows: bill.rows.length, verdict: result.verdict, matchLine: m?.row.line ?? null, score: m?.score ?? null },
      );
    });
    return report;
  }

  confirmArrival(input: { caseId?: number; importId: number; line: number }): DepositCaseView {
    const r = this.k.require(input.caseId);
    const imp = this.db.prepare('SELECT report FROM deposit_bill_import WHERE id = ? AND case_id = ?').get(input.importId, r.id) as
      { report: string } | undefined;
    if (!imp)
      throw new AppError(
        'NOT_FOUND',
        `找不到这次账单导入（编号 ${input.importId}）。请重新导入支付宝账单。`,
        `Bill import ${input.importId} was not found. Import the Alipay bill again.`,
      );
    const report = JSON.parse(imp.report) as DepositMatchReport;
    const cand = report.considered.find((c) => c.row.line === input.line);
    const apart = (report.apart ?? []).find((a) => a.row.line === input.line);
    if (!cand) {
      throw new AppError(
        'BAD_INPUT',
        apart
          ? `账单第 ${input.line} 行不能算作到账：${apart.why.zh}`
          : `账单第 ${input.line} 行不是一笔可能的退款（只能确认来自速卖通或写明保证金的收入行）。`,
        apart
          ? `Bill line ${input.line} cannot count as arrived: ${apart.why.en}`
          : `Bill line ${input.line} is not a possible refund (only income rows from AliExpress or mentioning the deposit can be confirmed).`,
      );
    }
    const row = cand.row;
    // Against the application date as it stands now: the seller may have corrected it since the import.
    const appliedOn = r.applied_at ? beijingDate(Date.parse(r.applied_at)) : null;
    if (row.direction !== 'income' || row.amountFen <= 0 || (appliedOn && row.time.slice(0, 10) < appliedOn)) {
      throw new AppError(
        'BAD_INPUT',
        `账单第 ${row.line} 行（${row.time}）早于提交申请的日期 ${appliedOn}，不能是这次的退款。如果申请其实更早就提交了，请先把申请日期改为实际日期。`,
        `Bill line ${row.line} (${row.time}) is before the application date ${appliedOn}, so it cannot be this refund. If you really applied earlier, set the application date to the real one first.`,
      );
    }
    const key = row.tradeNo ?? `${row.time}|${row.amountFen}|${row.counterparty}`;
    // The same bill row imported again and confirmed again: it is counted once, and that is no error.
    if (this.db.prepare('SELECT 1 FROM deposit_arrival WHERE case_id = ? AND row_key = ?').get(r.id, key)) return this.k.view(r);
    const before = arrivedFen(readArrivals(this.k.app, r.id));
    if (r.amount_fen !== null && before >= r.amount_fen) {
      throw new AppError(
        'CONFLICT',
        `已经确认到账 ${formatFen(before)}，达到了申请金额 ${formatFen(r.amount_fen)}，不能再确认另一笔。如果之前确认错了，请先撤销那一笔。`,
        `${formatFen(before)} is already confirmed, the amount applied for (${formatFen(r.amount_fen)}); no other row can be added. If an earlier confirmation was wrong, undo it first.`,
      );
    }
    return this.k.change(r, () => {
      const ins = this.db
        .prepare(
          `INSERT OR IGNORE INTO deposit_arrival (case_id, import_id, row_key, line, row_time, amount_fen, counterparty, description, trade_no, confirmed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.id, input.importId, key, row.line, row.time, row.amountFen, row.counterparty, row.description, row.tradeNo, this.k.now());
      if (ins.changes === 0) return;
      const arrived = before + row.amountFen;
      if (r.amount_fen !== null && arrived >= r.amount_fen)
        this.db.prepare("UPDATE deposit_case SET status = 'refunded' WHERE id = ?").run(r.id);
      const tail = arrivalTail(arrived, r.amount_fen);
      this.k.event(
        r.id,
        'arrival',
        {
          zh: `确认到账 ${formatFen(row.amountFen)}（${row.time}，${row.counterparty}）${tail.zh}`,
          en: `Arrival confirmed: ${formatFen(row.amountFen)} (${row.time}, ${row.counterparty})${tail.en}`,
        },
        { importId: input.importId, line: row.line, amountFen: row.amountFen, arrivedFen: arrived },
      );
    });
  }

  /** Takes back a confirmation made by mistake: the row no longer counts, and a refunded case reopens. */
  undoArrival(input: { caseId?: number; arrivalId: number }): DepositCaseView {
    const r = this.k.require(input.caseId);
    const a = readArrivals(this.k.app, r.id).find((x) => x.id === input.arrivalId);
    if (!a) {
      throw new AppError(
        'NOT_FOUND',
        `找不到这笔已确认的到账（编号 ${input.arrivalId}），可能已经撤销。`,
        `Confirmed arrival ${input.arrivalId} was not found; it may already be undone.`,
      );
    }
    return this.k.change(r, () => {
      this.db.prepare('DELETE FROM deposit_arrival WHERE id = ?').run(a.id);
      const left = arrivedFen(readArrivals(this.k.app, r.id));
      if (r.status === 'refunded' && (r.amount_fen === null || left < r.amount_fen)) {
        this.db.prepare("UPDATE deposit_case SET status = 'refunding' WHERE id = ?").run(r.id);
      }
      this.k.event(
        r.id,
        'arrival.undo',
        {
          zh: `撤销到账确认 ${formatFen(a.amount_fen)}（${a.row_time}，${a.counterparty}），已确认合计 ${formatFen(left)}`,
          en: `Arrival confirmation undone: ${formatFen(a.amount_fen)} (${a.row_time}, ${a.counterparty}); ${formatFen(left)} confirmed in total`,
        },
        { arrivalId: a.id, amountFen: a.amount_fen, arrivedFen: left },
      );
    });
  }

  /** Sends the "window ended, nothing arrived" notice once per approval. */
  remind(): number {
    const r = this.k.row();
    if (!r || r.review_outcome !== 'approved' || !r.window_to || r.reminder_sent_at) return 0;
    if (this.k.today() <= r.window_to) return 0;
    if (readArrivals(this.k.app, r.id).length > 0) return 0;
    const words = arrivalReminder(
      r.amount_fen === null ? '' : formatFen(r.amount_fen),
      r.window_from,
      r.window_to,
      r.window_estimated === 1,
    );
    this.k.remindOnce(r, 'reminder_sent_at', words.text, { windowTo: r.window_to }, words.notice);
    return 1;
  }
}
