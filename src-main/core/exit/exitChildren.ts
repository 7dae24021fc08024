/** Reads what hangs off an exit case (the plan, partners, questions, the deposit case, store data) for its view. */
import type { App } from '../app';
import type { AskedKey, DisposalItem, ExitCaseView, ExitPartner, ExitQuestion } from '../../../src-shared/channels/exit';
import type { CaseEvent, CaseSpec } from '../case/kernel';
import { fitById } from '../fit/results';
import { withShared } from '../deposit/prerequisites';
import { boundListings, onHandBySku, stockOnHand } from './storeData';
import { countStates, planRows } from './planRows';
import { readDepositLink } from './depositLink';
import { unbindState } from './unbindAll';
import { exportsInDataFolder } from './exportZip';
import type { StoredAnswer } from './readiness';
import { buildExitView, type ExitChildren, type ExitRow } from './exitView';
import { CASE_NOT_FOUND } from './texts';

export function readDisposal(app: App, caseId: number): DisposalItem[] {
  const rows = app.db
    .prepare('SELECT sku, on_hand, on_hand_source, method, quantity, note FROM exit_disposal WHERE case_id = ? ORDER BY id')
    .all(caseId) as {
    sku: string;
    on_hand: number;
    on_hand_source: 'app' | 'seller';
    method: DisposalItem['lines'][number]['method'];
    quantity: number;
    note: string | null;
  }[];
  const bySku = new Map<string, DisposalItem>();
  for (const r of rows) {
    const it = bySku.get(r.sku) ?? { sku: r.sku, onHand: r.on_hand, onHandSource: r.on_hand_source, lines: [], planned: 0 };
    it.lines.push({ method: r.method, quantity: r.quantity, note: r.note });
    it.planned += r.quantity;
    bySku.set(r.sku, it);
  }
  return [...bySku.values()];
}

export function readPartners(app: App, caseId: number): ExitPartner[] {
  // Read straight into the view's names: the columns are the fields, snake_case aside.
  return app.db
    .prepare(
      `SELECT id, kind, name, status, status_on AS statusOn, reference, note, updated_at AS updatedAt
         FROM exit_partner WHERE case_id = ? ORDER BY id`,
    )
    .all(caseId) as ExitPartner[];
}

function readQuestions(app: App, caseId: number): ExitQuestion[] {
  return (
    app.db.prepare('SELECT * FROM exit_question WHERE case_id = ? ORDER BY id').all(caseId) as {
      id: number;
      asked_at: string;
      question: string;
      answer: string | null;
      answered_at: string | null;
    }[]
  ).map((q) => ({ id: q.id, askedAt: q.asked_at, question: q.question, answer: q.answer, answeredAt: q.answered_at }));
}

export function readChildren(app: App, r: ExitRow, timeline: CaseEvent[]): ExitChildren {
  const db = app.db;
  return {
    // Disputes, orders and debts are the deposit refund's preconditions too: one shared answer.
    answers: withShared(app, JSON.parse(r.readiness) as Partial<Record<AskedKey, StoredAnswer>>) as Partial<Record<AskedKey, StoredAnswer>>,
    stock: stockOnHand(db),
    listings: boundListings(db),
    onHand: onHandBySku(db),
    plan: readDisposal(app, r.id),
    planCounts: countStates(planRows(db, r.id)),
    partners: readPartners(app, r.id),
    deposit: readDepositLink(app, r.deposit_case_id),
    questions: readQuestions(app, r.id),
    fit: r.fit_result_id ? fitById(app, r.fit_result_id) : null,
    unbind: unbindState(app),
    exportsInDataFolder: exportsInDataFolder(app),
    timeline,
  };
}

export const EXIT_CASE: CaseSpec<ExitRow, ExitChildren, ExitCaseView> = {
  domain: 'exit',
  read: readChildren,
  build: buildExitView,
  notFound: () => CASE_NOT_FOUND,
};
