/** Reads what hangs off a deposit case (penalties, confirmed arrivals, the last bill import) for its view and its rules. */
import type { App } from '../app';
import type { DepositCaseView, DepositCheckKey, DepositMatchReport, DepositViolation } from '../../../src-shared/channels/deposit';
import type { CaseEvent, CaseSpec } from '../case/kernel';
import { evaluateChecks, type StoredCheck } from './checks';
import { withShared } from './prerequisites';
import { buildDepositView, type ArrivalRow, type DepositChildren, type DepositRow } from './depositView';
import { caseNotFound } from './texts';

export function readViolations(app: App, caseId: number): DepositViolation[] {
  // Read straight into the view's names: the columns are the fields, snake_case aside.
  return app.db
    .prepare(
      'SELECT id, description, penalty_fen AS penaltyFen, occurred_on AS occurredOn FROM deposit_violation WHERE case_id = ? ORDER BY id',
    )
    .all(caseId) as DepositViolation[];
}

export function readArrivals(app: App, caseId: number): ArrivalRow[] {
  return app.db
    .prepare(
      'SELECT id, line, row_time, amount_fen, counterparty, description, trade_no FROM deposit_arrival WHERE case_id = ? ORDER BY row_time, id',
    )
    .all(caseId) as ArrivalRow[];
}

function readLastMatch(app: App, caseId: number): DepositMatchReport | null {
  const row = app.db.prepare('SELECT report FROM deposit_bill_import WHERE case_id = ? ORDER BY id DESC LIMIT 1').get(caseId) as
    { report: string } | undefined;
  if (!row) return null;
  // Reports stored before the one bilingual shape hold message (Chinese) and messageEn.
  const m = JSON.parse(row.report) as DepositMatchReport | (Omit<DepositMatchReport, 'message'> & { message: string; messageEn?: string });
  if (typeof m.message !== 'string') return m as DepositMatchReport;
  const { messageEn, ...rest } = m as Omit<DepositMatchReport, 'message'> & { message: string; messageEn?: string };
  return { ...rest, message: { zh: rest.message, en: messageEn ?? rest.message } };
}

export function readChildren(app: App, r: DepositRow, timeline: CaseEvent[]): DepositChildren {
  // The exit wizard answers the same preconditions: the newer answer, from either, counts.
  const stored = withShared(app, JSON.parse(r.checks) as Partial<Record<DepositCheckKey, StoredCheck>>);
  return {
    checks: evaluateChecks(stored),
    violations: readViolations(app, r.id),
    arrivals: readArrivals(app, r.id),
    lastMatch: readLastMatch(app, r.id),
    timeline,
  };
}

export const DEPOSIT_CASE: CaseSpec<DepositRow, DepositChildren, DepositCaseView> = {
  domain: 'deposit',
  read: readChildren,
  build: buildDepositView,
  notFound: caseNotFound,
};
