/** Saved fit results: the latest one is what the exit wizard's step 0 shows. */
import type { App } from '../app';
import { writeAudit } from '../audit';
import type { FitAnswers, FitResult } from '../../../src-shared/channels/fit';
import { assessFit } from './assess';

export function saveFit(app: App, answers: FitAnswers): FitResult {
  const result = assessFit(answers);
  const at = new Date(app.clock.now()).toISOString();
  const r = app.db
    .prepare('INSERT INTO fit_results (at, answers, seller_type, verdict) VALUES (?, ?, ?, ?)')
    .run(at, JSON.stringify(answers), result.sellerType, result.verdict);
  const id = Number(r.lastInsertRowid);
  writeAudit(app.db, app.clock, {
    actor: 'seller',
    kind: 'fit.save',
    subject: String(id),
    detail: { sellerType: result.sellerType, verdict: result.verdict },
  });
  app.events.emit('changed', { topic: 'fit' });
  return { ...result, id, at };
}

/** Re-assessed from the stored answers, so the wording follows the current version of the app. */
export function latestFit(app: App): FitResult | null {
  const row = app.db.prepare('SELECT id, at, answers FROM fit_results ORDER BY id DESC LIMIT 1').get() as
    { id: number; at: string; answers: string } | undefined;
  if (!row) return null;
  return { ...assessFit(JSON.parse(row.answers) as FitAnswers), id: row.id, at: row.at };
}

export function fitById(app: App, id: number): FitResult | null {
  const row = app.db.prepare('SELECT id, at, answers FROM fit_results WHERE id = ?').get(id) as
    { id: number; at: string; answers: string } | undefined;
  return row ? { ...assessFit(JSON.parse(row.answers) as FitAnswers), id: row.id, at: row.at } : null;
}
