import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import type { exitChannels } from '../../../src-shared/channels/exit';
import { addWorkdays, KNOWN_YEARS } from '../calendar/workdays';
import { exitCases } from './exitCase';
import { buildPaperwork } from './paperwork';
import { exportStore, exportsInDataFolder } from './exportZip';
import { wipeStore } from './wipe';
import { AppError } from '../../../src-shared/errors';

export function exitHandlers(app: App): DomainHandlers<typeof exitChannels> {
  const cases = () => exitCases(app);
  const paperwork = () => {
    const c = cases();
    const v = c.get();
    return v ? buildPaperwork(v, c.today()) : [];
  };
  return {
    'exit.get': () => ({ case: cases().get() }),
    'exit.open': ({ fitResultId }) => cases().open(fitResultId),
    'exit.setReason': ({ reason, reasonText }) => cases().setReason(reason, reasonText),
    'exit.confirmAgreement': ({ key, confirmed }) => cases().confirmAgreement(key, confirmed),
    'exit.answerReadiness': ({ key, answer, note }) => cases().answerReadiness(key, answer, note),
    'exit.submit': (input) => cases().submit(input),
    'exit.review': ({ outcome, decidedOn, note }) => cases().review(outcome, decidedOn, note),
    'exit.remind': () => ({ reminded: cases().remind() }),
    'exit.linkDeposit': () => cases().linkDeposit(),
    'exit.setDisposal': (plan) => cases().setDisposal(plan),
    'exit.savePartner': (input) => cases().savePartner(input),
    'exit.removePartner': ({ id }) => cases().removePartner(id),
    'exit.addQuestion': ({ question }) => cases().addQuestion(question),
    'exit.answerQuestion': ({ id, answer }) => cases().answerQuestion(id, answer),
    'exit.confirmDone': ({ confirmedOn, storeStatus }) => cases().confirmDone(confirmedOn, storeStatus),
    'exit.setAfter': ({ key, done }) => cases().setAfter(key, done),
    'exit.paperwork': () => ({ documents: paperwork() }),
    'exit.export': (opts) => {
      if (opts.download && opts.outFile) {
        throw new AppError('BAD_INPUT', '下载和保存到文件只能选一个。', 'Choose either a download or a file to write, not both.');
      }
      const r = exportStore(app, cases().get(), paperwork(), opts);
      cases().markExported(r.file ?? r.fileName, !r.file);
      return r;
    },
    'exit.wipe': ({ confirm }) => {
      const c = cases();
      const v = c.get();
      const r = wipeStore(app, confirm, c.storeName(), !!v?.after.exportedAt);
      const exportsLeft = exportsInDataFolder(app);
      const at = v ? c.markWiped({ removedSecretNames: r.removedSecrets, cleared: r.cleared, exportsLeft }) : new Date(app.clock.now()).toISOString();
      const left = exportsLeft.length
        ? ` 数据文件夹里还有 ${exportsLeft.length} 个导出文件（含个人信息），请移到安全的地方或删除：${exportsLeft.join('；')} / ${exportsLeft.length} export ZIP(s) with personal data remain in the data folder; move them somewhere safe or delete them.`
        : '';
      app.notices.add(
        exportsLeft.length ? 'warning' : 'success',
        '已清除账号凭证和个人信息 Credentials and personal data wiped',
        `共删除 ${r.removedSecrets.length} 项凭证；清除：${r.cleared.join('、') || '无'}。${left}`,
      );
      return { at, ...r, exportsLeft };
    },
    'exit.workdaysAdd': ({ date, n }) => ({ date, n, result: addWorkdays(date, n), knownYears: { ...KNOWN_YEARS } }),
  };
}
