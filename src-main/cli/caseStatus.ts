/**
 * `deposit status` and `exit status`: a case read from a terminal. The CLI has no hourly timer, so
 * the case's reminder (the arrival window, the review due date) is checked first: a notice that is
 * due is given now, as the app would have.
 */
import type { Command } from 'commander';
import type { Output } from '../../src-shared/contract';
import { appAction, call } from './run';

type CaseDomain = 'deposit' | 'exit';

export function caseStatusCommand<D extends CaseDomain>(
  parent: Command,
  domain: D,
  description: string,
  text: (r: Output<`${D}.get`>) => string,
): void {
  parent
    .command('status')
    .description(description)
    .action(
      appAction(async (app) => {
        await call(app, `${domain}.remind` as `${CaseDomain}.remind`, {});
        return (await call(app, `${domain}.get` as `${CaseDomain}.get`, {})) as Output<`${D}.get`>;
      }, text),
    );
}
