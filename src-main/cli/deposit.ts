/**
 * `cli deposit status` and `cli deposit match-alipay FILE`: the deposit refund case and the Alipay
 * bill check from a terminal, through the same contract channels as the wizard.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../src-shared/errors';
import { formatFen } from '../core/deposit/money';
import { rangeText } from '../../src-shared/estimatedDate';
import { appAction, call } from './run';
import { caseStatusCommand } from './caseStatus';

const VERDICT: Record<string, string> = {
  not_applied: '未申请 not applied',
  in_review: '审核中 in review',
  waiting: '等待到账 waiting',
  overdue: '已过预计到账期 overdue',
  arrived: '已到账 arrived',
  partial: '部分到账 partial refund',
  amount_differs: '到账多于申请 more than applied for',
  not_found: '未找到 not found',
};

const fen = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatFen(v));

/** The expected window; an estimated one says so in both languages, on a line each. */
function windowLines(w: { from: string; to: string; estimated: boolean }): string[] {
  const text = rangeText(w);
  return w.estimated ? [`预计到账 Expected: ${text.zh}`, `  ${text.en}`] : [`预计到账 Expected: ${text.zh}`];
}

export function registerDeposit(program: Command): void {
  const deposit = program.command('deposit').description('退保证金 / deposit refund');

  caseStatusCommand(
    deposit,
    'deposit',
    '保证金状态、可退金额、申请与到账情况 / deposit status, refundable amount, application and arrival',
    ({ case: c }) =>
      c
        ? [
            `退保证金 Deposit case #${c.id} · 步骤 stage: ${c.stage}`,
            `状态 Status: ${c.statusLabel.zh} ${c.statusLabel.en}`,
            `保证金 Deposit: ${fen(c.depositFen)}  违规扣款 Penalties: ${fen(c.penaltiesFen)}  可退 Refundable: ${fen(c.refundableFen)}`,
            ...c.checks.map((k) => `  [${k.answer === 'clear' ? '✓' : k.answer === 'open' ? '✗' : '?'}] ${k.title.zh} ${k.title.en}`),
            ...c.blockers.map((b) => `  ! ${b.zh}`),
            c.application ? `申请 Applied: ${fen(c.application.amountFen)} → 支付宝 ${c.application.alipayMasked}` : '申请 Application: —',
            ...(c.window ? windowLines(c.window) : []),
            `到账 Arrival: ${VERDICT[c.arrival.verdict]} (${fen(c.arrival.arrivedFen)})`,
            c.arrival.supportText ? `\n发给速卖通客服 For AliExpress support:\n${c.arrival.supportText}` : '',
          ]
            .filter(Boolean)
            .join('\n')
        : '还没有开始退保证金。No deposit refund has been started.',
  );

  deposit
    .command('match-alipay')
    .argument('<file>', '支付宝账单导出的 CSV / the Alipay bill export (CSV)')
    .option('--confirm', '找到的退款直接确认到账 / confirm the match as the refund')
    .description('在支付宝账单里查找保证金退款 / find the deposit refund in an Alipay bill')
    .action(
      appAction(
        async (app, file: string, o: { confirm?: boolean }) => {
          let bytes: Buffer;
          try {
            bytes = readFileSync(file);
          } catch (err) {
            throw new AppError(
              'NOT_FOUND',
              `读不到文件“${file}”：${String(err)}。请检查路径。`,
              `Cannot read "${file}": ${String(err)}. Check the path.`,
            );
          }
          const report = await call(app, 'deposit.matchAlipay', { fileName: basename(file), contentBase64: bytes.toString('base64') });
          const confirmed =
            o.confirm && report.match
              ? await call(app, 'deposit.confirmArrival', { importId: report.importId, line: report.match.row.line })
              : null;
          return { ...report, confirmed: confirmed ? { status: confirmed.status, arrival: confirmed.arrival } : null };
        },
        (r) =>
          [
            `账单 Bill: ${r.fileName} (${r.shape === 'web' ? '网页版 web export' : '手机版 app export'}, ${r.encoding}), ${r.rowsRead} 行 rows`,
            `收入 income ${r.counts.income} · 支出 expense ${r.counts.expense} · 不计收支 neutral ${r.counts.neutral} · 已关闭 closed ${r.counts.closed}`,
            `查找金额 Looking for: ${fen(r.expectedFen)}${r.window ? `  (${rangeText(r.window).zh})` : ''}`,
            `候选 Candidates:`,
            ...r.considered.map(
              (c) =>
                `  第${c.row.line}行 line ${c.row.line}: ${c.row.time} ${fen(c.row.amountFen)} ${c.row.counterparty} · ${c.row.description} — ${c.score} (${c.confidence})`,
            ),
            `结论 Verdict: ${VERDICT[r.verdict]}${r.match ? ` · 第 ${r.match.row.line} 行 line ${r.match.row.line}` : ''}`,
            r.message.zh,
            r.message.en,
            r.supportText ? `\n发给速卖通客服 For AliExpress support:\n${r.supportText}` : '',
            r.confirmed ? `已确认到账 Confirmed: ${VERDICT[r.confirmed.arrival.verdict]} (${fen(r.confirmed.arrival.arrivedFen)})` : '',
          ]
            .filter(Boolean)
            .join('\n'),
      ),
    );
}
