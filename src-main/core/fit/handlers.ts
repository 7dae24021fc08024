import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import type { fitChannels } from '../../../src-shared/channels/fit';
import { assessFit } from './assess';
import { latestFit, saveFit } from './results';

export function fitHandlers(app: App): DomainHandlers<typeof fitChannels> {
  return {
    'fit.evaluate': (answers) => assessFit(answers),
    'fit.save': (answers) => saveFit(app, answers),
    'fit.latest': () => ({ result: latestFit(app) }),
  };
}
