/**
 * 为退店解绑全部SKU: a store that is leaving must stop selling, so every listing SKU still bound
 * is unbound — through the auto engine's outbox and sender (the same retries, review polling and
 * audit as every other unbind), never by calls of its own. The request is one held run: the
 * mass-unbind gate's question, asked once with the count, answered here or on the auto dashboard.
 * Every listing SKU is pinned 始终解绑 first, so no later pass binds any of them back.
 */
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type { ExitUnbindAllResult, ExitUnbindState } from '../../../src-shared/channels/exit';
import { writeAudit } from '../audit';
import { setPins } from '../auto/pins';
import { answerHeldRun } from '../auto/runs';
import { stockHealth } from '../auto/engine';
import { emptyCounts } from '../auto/planCounts';
import { massUnbindGate } from '../auto/gates';
import { readAutoSettings } from '../auto/settings';
import { autoService } from '../auto/service';
import { tableExists } from './storeData';
import { BOUND_NOW, STILL_TIED, bindStatusSql } from '../../../src-shared/bindStatus';
import { OPEN_STATES, RETRYABLE_STATES, SENDABLE_STATES, statesSql, type ActionState } from '../../../src-shared/actionStates';

/** The trigger that marks the exit's runs in auto_runs. */
export const EXIT_TRIGGER = 'exit';

function ready(app: App): boolean {
  return tableExists(app.db, 'stock_listing_skus') && tableExists(app.db, 'auto_runs');
}

export function unbindState(app: App): ExitUnbindState | null {
  if (!ready(app)) return null;
  const db = app.db;
  const bound = db
    .prepare(`SELECT seller_sku FROM stock_listing_skus WHERE bind_status IN (${bindStatusSql(STILL_TIED)}) ORDER BY seller_sku`)
    .pluck()
    .all() as string[];
  const held = db
    .prepare("SELECT id FROM auto_runs WHERE trigger = ? AND status = 'held' ORDER BY id DESC LIMIT 1")
    .pluck()
    .get(EXIT_TRIGGER) as number | undefined;
  const count = (states: readonly ActionState[]) =>
    db
      .prepare(
        `SELECT count(*) FROM auto_actions a JOIN auto_runs r ON r.id = a.run_id WHERE r.trigger = ? AND a.state IN (${statesSql(states)})`,
      )
      .pluck()
      .get(EXIT_TRIGGER) as number;
  return {
    bound: bound.length,
    boundSkus: bound.slice(0, 200),
    heldRunId: held ?? null,
    heldCount: held ? (db.prepare("SELECT count(*) FROM auto_actions WHERE run_id = ? AND state = 'held'").pluck().get(held) as number) : 0,
    pending: count(SENDABLE_STATES),
    refused: count(RETRYABLE_STATES),
    switchOn: readAutoSettings(db).enabled,
  };
}

/**
 * Pins every listing SKU 始终解绑 and puts one unbind per SKU still bound (and not already being
 * unbound) into the outbox as a held run, for the seller to confirm once.
 */
export function requestUnbindAll(app: App): ExitUnbindAllResult {
  if (!ready(app)) {
    throw new AppError(
      'CONFLICT',
      '应用里还没有线上商品数据，无法批量解绑。请先连接速卖通并同步商品。',
      'The app has no listings yet, so there is nothing to unbind. Connect AliExpress and sync the listings first.',
    );
  }
  const db = app.db;
  const existing = unbindState(app);
  if (existing?.heldRunId) return { runId: existing.heldRunId, unbinds: existing.heldCount, pinned: 0 };
  const all = db.prepare('SELECT id FROM stock_listing_skus').pluck().all() as number[];
  const { updated } = setPins(app, all, 'always_unbound', '退店：解绑全部SKU');
  const todo = db
    .prepare(
      `SELECT s.id, s.product_id, s.sku_id, s.sc_item_id FROM stock_listing_skus s
        WHERE s.bind_status IN (${bindStatusSql(BOUND_NOW)})
          AND NOT EXISTS (SELECT 1 FROM auto_actions a WHERE a.listing_sku_id = s.id AND a.kind = 'unbind' AND a.state IN (${statesSql(OPEN_STATES)}))
        ORDER BY s.seller_sku`,
    )
    .all() as { id: number; product_id: string; sku_id: string; sc_item_id: string | null }[];
  if (!todo.length) return { runId: null, unbinds: 0, pinned: updated };
  const settings = readAutoSettings(db);
  const bound = db
    .prepare(`SELECT count(*) FROM stock_listing_skus WHERE bind_status IN (${bindStatusSql(STILL_TIED)})`)
    .pluck()
    .get() as number;
  // Asked whatever the limits: an exit unbinds the whole store, the one run the seller must see.
  const gate = massUnbindGate(settings, todo.length, bound) ?? {
    unbinds: todo.length,
    bound,
    share: bound ? todo.length / bound : 1,
    limitShare: settings.massUnbindShare,
    limitCount: settings.massUnbindCount,
  };
  const counts = { ...emptyCounts(), considered: todo.length, heldUnbind: todo.length };
  const nowMs = app.clock.now();
  const now = new Date(nowMs).toISOString();
  const runId = db.transaction(() => {
    const id = Number(
      db
        .prepare(
          "INSERT INTO auto_runs (at, trigger, switch_on, stock_run_id, status, counts, gate, note) VALUES (?, ?, ?, ?, 'held', ?, ?, ?)",
        )
        .run(
          now,
          EXIT_TRIGGER,
          settings.enabled ? 1 : 0,
          stockHealth(db).stockRunId,
          JSON.stringify(counts),
          JSON.stringify(gate),
          '退店：解绑全部SKU',
        ).lastInsertRowid,
    );
    // Seller actions: the sender sends them as asked instead of re-deciding them from the stock.
    const ins = db.prepare(
      `INSERT INTO auto_actions (decision_id, run_id, listing_sku_id, product_id, sku_id, sc_item_id, kind, actor, state, next_try_at, created_at, updated_at)
       VALUES (NULL, ?, ?, ?, ?, ?, 'unbind', 'seller', 'held', ?, ?, ?)`,
    );
    for (const t of todo) ins.run(id, t.id, t.product_id, t.sku_id, t.sc_item_id ?? '', nowMs, now, now);
    writeAudit(db, app.clock, { actor: 'seller', kind: 'auto.run.held', subject: String(id), detail: { runId: id, exit: true, ...gate } });
    return id;
  })();
  app.events.emit('changed', { topic: 'auto' });
  return { runId, unbinds: todo.length, pinned: updated };
}

/** The seller's one answer: the unbinds go to the sender (sent at once when the switch is on). */
export function confirmUnbindAll(app: App, runId: number): void {
  const run = app.db.prepare('SELECT trigger FROM auto_runs WHERE id = ?').pluck().get(runId) as string | undefined;
  if (run !== EXIT_TRIGGER) {
    throw new AppError(
      'NOT_FOUND',
      `运行 #${runId} 不是退店的批量解绑。请刷新后重试。`,
      `Run #${runId} is not the exit's unbind-all. Reload and try again.`,
    );
  }
  answerHeldRun(app, runId, 'confirm', '退店：解绑全部SKU');
  if (readAutoSettings(app.db).enabled) autoService(app).kick();
}
