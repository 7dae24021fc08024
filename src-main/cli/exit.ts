/**
 * `cli workdays add DATE N`, `cli exit status`, `cli exit paperwork --out DIR` and
 * `cli exit export`: the store exit case from a terminal, through the same contract channels as
 * the wizard.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ExitCaseView } from '../../src-shared/channels/exit';
import type { Bilingual } from '../../src-shared/bilingual';
import { approxDate, estimateNote } from '../../src-shared/estimatedDate';
import { appAction, call } from './run';
import { caseStatusCommand } from './caseStatus';
import { openPdfRenderer } from '../core/exit/pdf';
import { exportCase } from '../core/exit/handlers';

const LEVEL: Record<string, string> = { ok: '✓', warn: '!', asked: '?' };
const STAGE: Record<string, string> = {
  prepare: '1 准备 Prepare',
  submit: '2 提交申请 Submit',
  review: '3 平台审核 Review',
  procedures: '4 办理退店手续 Procedures',
  done: '5 退店成功 Done',
  after: '6 退店后 After',
};

function statusText(c: ExitCaseView | null): string {
  if (!c) return '还没有开始退店。No store exit has been started.';
  return [
    `退店 Store exit #${c.id} · ${c.storeName} · 当前步骤 step: ${STAGE[c.stage]}`,
    `原因 Reason: ${c.prepare.reasonLabel ? `${c.prepare.reasonLabel.zh} ${c.prepare.reasonLabel.en}` : '—'}`,
    '准备检查 Readiness:',
    ...c.prepare.readiness.map(
      (r) => `  [${LEVEL[r.level]}] ${r.title.zh}：${r.detail.zh}${r.level === 'ok' ? '' : `\n        → ${r.todo.zh}`}`,
    ),
    `提交 Submitted: ${c.submit.submittedOn ?? '—'}  申请编号 No.: ${c.submit.applicationNo ?? '—'}`,
    `审核 Review: ${c.review.outcome ?? '—'}  到期 due: ${c.review.dueOn ? approxDate(c.review.dueOn, c.review.dueEstimated).zh : '—'}${c.review.overdue ? ' (已到期 overdue)' : ''}`,
    ...(c.review.dueOn && c.review.dueEstimated
      ? [`  ! ${estimateNote(c.review.dueOn).zh}`, `    ${estimateNote(c.review.dueOn).en}`]
      : []),
    ...(c.review.dueError ? [`  ! ${c.review.dueError.zh}`, `    ${c.review.dueError.en}`] : []),
    `保证金 Deposit: ${c.procedures.deposit.text.zh}`,
    `库存处理 Disposal: ${c.procedures.disposal.length} SKU${c.procedures.disposalComplete ? ' ✓' : ''}${c.procedures.unplannedSkus.length ? `，未计划 unplanned: ${c.procedures.unplannedSkus.join(', ')}` : ''}`,
    `合作伙伴 Partners: ${c.procedures.partners.map((p) => `${p.name}(${p.status})`).join(', ') || '—'}`,
    `退店成功 Done: ${c.done.confirmedOn ?? '—'} ${c.done.storeStatus ?? ''}`,
    ...(c.openItems.length ? ['待办 Open items:', ...c.openItems.map((o) => `  - ${o.zh}`)] : []),
  ].join('\n');
}

export function registerExit(program: Command): void {
  program
    .command('workdays')
    .description('中国工作日（节假日休、调休上班） / Chinese working days')
    .command('add')
    .argument('<date>', '起始日期 YYYY-MM-DD（不计当天） / start date, not counted')
    .argument('<n>', '工作日天数 / number of working days')
    .description(
      'DATE 之后第 N 个工作日；节假日库还没有的年份按周一至周五估算并注明 / the date N Chinese working days after DATE; estimated (and said so) in a year the holiday library does not know yet',
    )
    .action(
      appAction(
        (app, date: string, n: string) => call(app, 'exit.workdaysAdd', { date, n: /^\d+$/.test(n) ? Number(n) : Number.NaN }),
        (r) =>
          r.estimate
            ? `${r.date} 之后第 ${r.n} 个工作日约是 ${r.estimate.date}（${r.estimate.note.zh}）\n${r.n} working days after ${r.date}: about ${r.estimate.date} (${r.estimate.note.en})`
            : `${r.date} 之后第 ${r.n} 个工作日是 ${r.result}\n${r.n} working days after ${r.date}: ${r.result}`,
      ),
    );

  const exit = program.command('exit').description('退店 / store exit');

  caseStatusCommand(
    exit,
    'exit',
    '退店案件的步骤、准备检查、审核到期日和待办 / the exit case: step, readiness, review due date, open items',
    ({ case: c }) => statusText(c),
  );

  exit
    .command('paperwork')
    .description('生成退店文书（HTML，有浏览器时另存 PDF） / write the exit documents as HTML, and PDF when a browser is available')
    .requiredOption('--out <dir>', '输出文件夹 / output folder')
    .option('--no-pdf', '只生成 HTML / HTML only')
    .action(
      appAction(
        async (app, o: { out: string; pdf: boolean }) => {
          const { documents } = await call(app, 'exit.paperwork', {});
          const out = resolve(o.out);
          mkdirSync(out, { recursive: true });
          const files: { name: string; html: string; pdf: string | null }[] = [];
          let pdfNote: Bilingual | null = null;
          const opened = o.pdf && documents.length ? await openPdfRenderer() : null;
          if (opened && 'reason' in opened) pdfNote = opened.reason;
          if (!o.pdf) pdfNote = { zh: '按 --no-pdf 只生成了 HTML。', en: 'HTML only, as --no-pdf asked.' };
          try {
            for (const d of documents) {
              const html = join(out, `${d.name}.html`);
              writeFileSync(html, d.html);
              let pdf: string | null = null;
              if (opened && 'renderer' in opened) {
                pdf = join(out, `${d.name}.pdf`);
                writeFileSync(pdf, await opened.renderer.pdf(d.html));
              }
              files.push({ name: d.name, html, pdf });
            }
          } finally {
            if (opened && 'renderer' in opened) await opened.renderer.close();
          }
          return { out, files, pdf: !pdfNote, pdfNote };
        },
        (r) =>
          r.files.length === 0
            ? '还没有开始退店，没有文书可生成。No store exit has been started; there is nothing to print.'
            : [
                `已生成 ${r.files.length} 份文书到 ${r.out}：`,
                ...r.files.map((f) => `  ${f.name}.html${f.pdf ? ` + ${f.name}.pdf` : ''}`),
                ...(r.pdfNote ? [`注意：${r.pdfNote.zh}`, `Note: ${r.pdfNote.en}`] : []),
              ].join('\n'),
      ),
    );

  exit
    .command('export')
    .description('导出店铺全部数据为 ZIP（案件、文书、库存和审计数据） / export everything for the store as a ZIP')
    .option('--out <file>', 'ZIP 文件路径（默认在数据文件夹的 exports 下） / ZIP path (default: exports/ in the data folder)')
    .option('--no-pdf', '不打印 PDF / without PDFs')
    .action(
      appAction(
        async (app, o: { out?: string; pdf: boolean }) => {
          let pdfDir: string | undefined;
          let pdfNote: string | null = null;
          if (o.pdf) {
            const { documents } = await call(app, 'exit.paperwork', {});
            const opened = documents.length ? await openPdfRenderer() : null;
            if (opened && 'renderer' in opened) {
              pdfDir = mkdtempSync(join(tmpdir(), 'exit-pdf-'));
              try {
                for (const d of documents) writeFileSync(join(pdfDir, `${d.name}.pdf`), await opened.renderer.pdf(d.html));
              } finally {
                await opened.renderer.close();
              }
            } else if (opened) pdfNote = `${opened.reason.zh} / ${opened.reason.en}`;
          }
          try {
            // The CLI's own call into the core: only a host may name where the ZIP goes.
            const r = await exportCase(app, { ...(o.out ? { outFile: resolve(o.out) } : {}), ...(pdfDir ? { pdfDir } : {}) });
            return { ...r, pdfNote };
          } finally {
            if (pdfDir) rmSync(pdfDir, { recursive: true, force: true });
          }
        },
        (r) =>
          [
            `已导出 ${r.entries.length} 个文件到 ${r.file}（${r.bytes} 字节） Exported ${r.entries.length} files`,
            ...(r.pdfNote ? [r.pdfNote] : []),
          ].join('\n'),
      ),
    );
}
