/**
 * The deposit domain's door for other domains. The store exit wizard (退店, step ④①) links to the
 * same case by id and shows this summary, so both wizards always show one state.
 */
import type { App } from '../app';
import type { DepositSummary } from '../../../src-shared/channels/deposit';
import { DepositCases } from './depositCase';

export { formatFen, parseFen, tryParseFen } from './money';

/** The per-app deposit service. */
export function depositCases(app: App): DepositCases {
  return app.services.deposit;
}

/** The deposit domain's background work in a long-running host: the hourly "has it arrived?" check (the CLI runs it on demand). */
export function startDeposit(app: App): void {
  app.hourly('deposit reminder', () => depositCases(app).remind());
}

/**
 * Status, amounts in fen and the arrival verdict of the store's deposit case (or of `caseId`),
 * or null when no deposit refund has been started.
 */
export function depositSummary(app: App, caseId?: number): DepositSummary | null {
  return depositCases(app).summary(caseId);
}

/** Opens (or returns) the store's case: what the exit wizard calls to link its step ④① to it. */
export function openDepositCase(app: App): DepositSummary {
  const view = depositCases(app).open();
  return depositCases(app).summary(view.id)!;
}
