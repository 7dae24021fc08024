/**
 * The store's answer to each platform precondition (纠纷 disputes, 未完成订单 orders, 欠款 debts),
 * shared by the deposit refund and the store exit: one table, the latest answer wins, so a seller
 * who answered in one wizard finds it answered in the other. An answer kept in a case from before
 * the shared table still counts until a new answer replaces it.
 */
import type { App } from '../app';
import type { DepositCheckAnswer, DepositCheckKey } from '../../../src-shared/types/deposit';

export const PREREQUISITE_KEYS = ['disputes', 'orders', 'debts'] as const satisfies readonly DepositCheckKey[];
export type PrerequisiteKey = (typeof PREREQUISITE_KEYS)[number];

export interface PrerequisiteAnswer {
  answer: DepositCheckAnswer;
  note: string | null;
  at: string;
  answeredIn: 'deposit' | 'exit';
}

export const isPrerequisite = (key: string): key is PrerequisiteKey => (PREREQUISITE_KEYS as readonly string[]).includes(key);

export function readPrerequisites(app: App): Partial<Record<PrerequisiteKey, PrerequisiteAnswer>> {
  const rows = app.db.prepare('SELECT key, answer, note, answered_at, answered_in FROM store_prerequisites').all() as {
    key: PrerequisiteKey;
    answer: DepositCheckAnswer;
    note: string | null;
    answered_at: string;
    answered_in: 'deposit' | 'exit';
  }[];
  return Object.fromEntries(rows.map((r) => [r.key, { answer: r.answer, note: r.note, at: r.answered_at, answeredIn: r.answered_in }]));
}

export function writePrerequisite(
  app: App,
  key: PrerequisiteKey,
  answer: DepositCheckAnswer,
  note: string | null,
  answeredIn: 'deposit' | 'exit',
): void {
  app.db
    .prepare(
      `INSERT INTO store_prerequisites (key, answer, note, answered_at, answered_in) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET answer = excluded.answer, note = excluded.note, answered_at = excluded.answered_at, answered_in = excluded.answered_in`,
    )
    .run(key, answer, note, new Date(app.clock.now()).toISOString(), answeredIn);
}

/** The case's own answers with the shared ones laid over them, the newer of the two winning. */
export function withShared<T extends { answer: DepositCheckAnswer; note?: string | null; at?: string }>(
  app: App,
  local: Partial<Record<string, T>>,
): Partial<Record<string, T | (T & PrerequisiteAnswer)>> {
  const shared = readPrerequisites(app);
  const out: Partial<Record<string, T | (T & PrerequisiteAnswer)>> = { ...local };
  for (const key of PREREQUISITE_KEYS) {
    const s = shared[key];
    const mine = local[key];
    if (s && (!mine?.at || s.at >= mine.at)) out[key] = { ...(mine ?? ({} as T)), ...s };
  }
  return out;
}
