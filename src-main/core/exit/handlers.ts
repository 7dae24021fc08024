import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import type { exitChannels } from '../../../src-shared/channels/exit';
import { addWorkdaysOrEstimate, KNOWN_YEARS } from '../calendar/workdays';
import { estimateNote } from '../../../src-shared/estimatedDate';
import { exitCases } from './exitCase';
import { buildPaperwork } from './paperwork';
import { exportStore, exportsInDataFolder } from './exportZip';
import { removedInWords, wipeStore } from './wipe';
import { connectors } from '../connectors/service';
import { readAutoSettings } from '../auto/settings';
import { tableExists } from './storeData';
import { openPdfRenderer } from './pdf';
import type { Bilingual, ExitDocument, ExitExportResult } from '../../../src-shared/channels/exit';
import { AppError } from '../../../src-shared/errors';

/** Each document printed to PDF with a local browser, or why there is none. */
async function printPdfs(documents: ExitDocument[]): Promise<{ pdfs: Record<string, Uint8Array> } | { note: Bilingual }> {
  const opened = await openPdfRenderer();
  if (!('renderer' in opened)) {
    return {
      note: {
        zh: `${opened.reason.zh} ZIP 里的文书是 HTML：用浏览器打开或在“退店文书”里逐份打印即可得到 PDF。`,
        en: `${opened.reason.en} The documents in the ZIP are HTML: open them in a browser, or print each one under "Exit paperwork", to get PDFs.`,
      },
    };
  }
  try {
    const pdfs: Record<string, Uint8Array> = {};
    for (const d of documents) pdfs[d.name] = await opened.renderer.pdf(d.html);
    return { pdfs };
  } catch (err) {
    // The export matters more than its PDFs: keep the HTML and say why.
    return {
      note: {
        zh: `打印 PDF 失败（${String(err).slice(0, 160)}），ZIP 里的文书是 HTML，可在“退店文书”里逐份打印。`,
        en: `Printing the PDFs failed (${String(err).slice(0, 160)}); the documents in the ZIP are HTML, print each one under "Exit paperwork".`,
      },
    };
  } finally {
    await opened.renderer.close();
  }
}

function paperworkOf(app: App): ExitDocument[] {
  const c = exitCases(app);
  const v = c.get();
  return v ? buildPaperwork(v, c.today()) : [];
}

/**
 * The export, for the channel (a download, or exports/ in the data folder) and for the hosts'
 * own callers, which alone may name a place: the CLI's --out and PDFs it printed (`pdfDir`), the
 * desktop app's save dialog. Never reached with a path from the renderer.
 */
export async function exportCase(
  app: App,
  opts: { download?: boolean; pdf?: boolean; outFile?: string; pdfDir?: string },
): Promise<ExitExportResult> {
  if (opts.download && opts.outFile) {
    throw new AppError('BAD_INPUT', '下载和保存到文件只能选一个。', 'Choose either a download or a file to write, not both.');
  }
  const cases = exitCases(app);
  const documents = paperworkOf(app);
  const printed = opts.pdf && !opts.pdfDir && documents.length ? await printPdfs(documents) : null;
  const r = exportStore(app, cases.get(), documents, {
    download: opts.download,
    outFile: opts.outFile,
    pdfDir: opts.pdfDir,
    ...(printed && 'pdfs' in printed ? { pdfs: printed.pdfs } : {}),
  });
  cases.markExported(r.file ?? r.fileName, !r.file);
  return { ...r, ...(printed ? { pdfNote: 'note' in printed ? printed.note : null } : {}) };
}

export function exitHandlers(app: App): DomainHandlers<typeof exitChannels> {
  const cases = () => exitCases(app);
  const paperwork = () => paperworkOf(app);
  return {
    'exit.get': () => ({ case: cases().get() }),
    'exit.open': ({ fitResultId }) => cases().open(fitResultId),
    'exit.setReason': ({ reason, reasonText }) => cases().setReason(reason, reasonText),
    'exit.confirmAgreement': ({ key, confirmed }) => cases().confirmAgreement(key, confirmed),
    'exit.answerReadiness': ({ key, answer, note }) => cases().answerReadiness(key, answer, note),
    'exit.submit': (input) => cases().submit(input),
    'exit.saveApplicationText': ({ applicationText }) => cases().saveApplicationText(applicationText),
    'exit.review': ({ outcome, decidedOn, note }) => cases().review(outcome, decidedOn, note),
    'exit.remind': () => ({ reminded: cases().remind() }),
    'exit.linkDeposit': () => cases().linkDeposit(),
    'exit.setDisposal': (plan) => cases().plan.setDisposal(plan),
    'exit.disposalRows': (q) => cases().plan.disposalRows(q),
    'exit.saveDisposalRows': ({ rows }) => cases().plan.saveDisposalRows(rows),
    'exit.bulkDisposal': ({ method, scope }) => cases().plan.bulkDisposal(method, scope),
    'exit.exportPlan': () => cases().plan.exportPlan(),
    'exit.importPlan': ({ contentBase64 }) => cases().plan.importPlan(contentBase64),
    'exit.unbindAll': () => cases().plan.unbindAll(),
    'exit.confirmUnbindAll': ({ runId }) => cases().plan.confirmUnbindAll(runId),
    'exit.savePartner': (input) => cases().savePartner(input),
    'exit.removePartner': ({ id }) => cases().removePartner(id),
    'exit.addQuestion': ({ question }) => cases().addQuestion(question),
    'exit.answerQuestion': ({ id, answer }) => cases().answerQuestion(id, answer),
    'exit.confirmDone': ({ confirmedOn, storeStatus, stillBound }) => cases().confirmDone(confirmedOn, storeStatus, stillBound),
    'exit.setAfter': ({ key, done }) => cases().setAfter(key, done),
    'exit.paperwork': () => ({ documents: paperwork() }),
    'exit.export': ({ download, pdf }) => exportCase(app, { download, pdf }),
    'exit.wipe': async ({ confirm }) => {
      const c = cases();
      const v = c.get();
      const switchWasOn = tableExists(app.db, 'auto_settings') && readAutoSettings(app.db).enabled;
      const demo = app.settings.get('mode') !== 'live';
      const r = await wipeStore(app, confirm, c.storeName(), !!v?.after.exportedAt);
      // Connections held in memory (a running demo store, clients built with the old keys) go too.
      await connectors(app).forget();
      const removed = removedInWords(r.removedSecrets, r.cleared, { switchWasOn, demo });
      const exportsLeft = exportsInDataFolder(app);
      const at = v
        ? c.markWiped({ removedSecretNames: r.removedSecrets, cleared: r.cleared, exportsLeft })
        : new Date(app.clock.now()).toISOString();
      const left = exportsLeft.length
        ? ` 数据文件夹里还有 ${exportsLeft.length} 个导出文件（含个人信息），请移到安全的地方或删除：${exportsLeft.join('；')}`
        : '';
      const leftEn = exportsLeft.length
        ? ` ${exportsLeft.length} export ZIP(s) with personal data remain in the data folder; move them somewhere safe or delete them: ${exportsLeft.join('; ')}`
        : '';
      app.notices.add(
        exportsLeft.length ? 'warning' : 'success',
        { title: '已清除账号凭证和个人信息', body: `已删除：${removed.map((x) => x.zh).join('；') || '无'}。${left}` },
        { title: 'Credentials and personal data wiped', body: `Removed: ${removed.map((x) => x.en).join('; ') || 'nothing'}.${leftEn}` },
      );
      app.events.emit('changed', { topic: 'auto' });
      return { at, ...r, removed, exportsLeft };
    },
    'exit.workdaysAdd': ({ date, n }) => {
      const counted = addWorkdaysOrEstimate(date, n);
      return {
        date,
        n,
        result: counted.estimated ? null : counted.date,
        estimate: counted.estimated ? { date: counted.date, note: estimateNote(counted.date) } : null,
        knownYears: { ...KNOWN_YEARS },
      };
    },
  };
}
