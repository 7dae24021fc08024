import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import type { exitChannels } from '../../../src-shared/channels/exit';
import { addWorkdays, KNOWN_YEARS } from '../calendar/workdays';
import { exitCases } from './exitCase';
import { buildPaperwork } from './paperwork';
import { exportStore } from './exportZip';
import { wipeStore } from './wipe';

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
      const r = exportStore(app, cases().get(), paperwork(), opts);
      cases().markExported(r.file);
      return r;
    },
    'exit.wipe': ({ confirm }) => {
      const c = cases();
      const v = c.get();
      const r = wipeStore(app, confirm, c.storeName(), !!v?.after.exportedAt);
      const at = v ? c.markWiped({ removedSecretNames: r.removedSecrets, cleared: r.cleared }) : new Date(app.clock.now()).toISOString();
      app.notices.add('success', '已清除账号凭证和个人信息 Credentials and personal data wiped', `共删除 ${r.removedSecrets.length} 项凭证；清除：${r.cleared.join('、') || '无'}。`);
      return { at, ...r };
    },
    'exit.workdaysAdd': ({ date, n }) => ({ date, n, result: addWorkdays(date, n), knownYears: { ...KNOWN_YEARS } }),
  };
}
