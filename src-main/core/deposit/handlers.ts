import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import type { depositChannels } from '../../../src-shared/channels/deposit';
import { depositCases } from './index';

export function depositHandlers(app: App): DomainHandlers<typeof depositChannels> {
  const cases = () => depositCases(app);
  return {
    'deposit.get': ({ caseId }) => ({ case: cases().get(caseId) }),
    'deposit.open': () => cases().open(),
    'deposit.summary': ({ caseId }) => ({ summary: cases().summary(caseId) }),
    'deposit.setStatus': (i) => cases().setStatus(i),
    'deposit.setCheck': (i) => cases().setCheck(i),
    'deposit.addViolation': (i) => cases().addViolation(i),
    'deposit.removeViolation': (i) => cases().removeViolation(i),
    'deposit.draft': (i) => cases().draft(i),
    'deposit.apply': (i) => cases().apply(i),
    'deposit.review': (i) => cases().review(i),
    'deposit.matchAlipay': (i) => cases().arrival.matchAlipay(i),
    'deposit.setAppliedOn': (i) => cases().setAppliedOn(i),
    'deposit.confirmArrival': (i) => cases().arrival.confirmArrival(i),
    'deposit.undoArrival': (i) => cases().arrival.undoArrival(i),
    'deposit.remind': () => ({ sent: cases().remind() }),
  };
}
