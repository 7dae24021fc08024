/**
 * Seller overrides: pin a listing SKU 始终绑定 / 始终解绑 (the engine never touches it) or back to 自动,
 * and send a failed or refused action again. Each one is an audit row with the seller as actor.
 */
import type { App } from '../app';
import type { ActionRow, PinMode } from '../../../src-shared/channels/auto';
import { AppError } from '../../../src-shared/errors';
import { RETRYABLE_STATES, isIn } from '../../../src-shared/actionStates';
import { writeAudit } from '../audit';
import { getAction, toActionRow, updateAction, type ActionRecord } from './outbox';

export function setPins(app: App, ids: number[], mode: PinMode, note = ''): { updated: number } {
  const db = app.db;
  const now = new Date(app.clock.now()).toISOString();
  const sku = db.prepare('SELECT seller_sku FROM stock_listing_skus WHERE id = ?').pluck();
  const put = db.prepare(
    `INSERT INTO auto_pins (listing_sku_id, mode, note, pinned_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(listing_sku_id) DO UPDATE SET mode = excluded.mode, note = excluded.note, pinned_at = excluded.pinned_at WHERE mode != excluded.mode`,
  );
  const del = db.prepare('DELETE FROM auto_pins WHERE listing_sku_id = ?');
  const audit = db.prepare("INSERT INTO audit_log (at, actor, kind, subject, detail) VALUES (?, 'seller', 'auto.pin', ?, ?)");
  let updated = 0;
  db.transaction(() => {
    for (const id of new Set(ids)) {
      const s = sku.get(id) as string | undefined;
      if (s === undefined) continue;
      const n = mode === 'auto' ? del.run(id).changes : put.run(id, mode, note, now).changes;
      if (n) {
        updated++;
        audit.run(now, s, JSON.stringify({ listingSkuId: id, mode, note }));
      }
    }
  })();
  if (
    !updated &&
    ids.length &&
    !db.prepare(`SELECT 1 FROM stock_listing_skus WHERE id IN (${ids.slice(0, 1000).map(Number).join(',')}) LIMIT 1`).get()
  )
    throw new AppError(
      'NOT_FOUND',
      '选中的线上SKU不存在。请刷新列表后重选。',
      'The chosen listing SKUs do not exist. Reload the list and choose again.',
    );
  app.events.emit('changed', { topic: 'auto' });
  return { updated };
}

/**
 * Sends a failed or refused action again, now or at a time the seller picks (a refused unbind is
 * usually refused for a campaign: retry when it ends). Until then it waits in the outbox, and the
 * risk model shows it as 排队中.
 */
export function retryAction(app: App, id: number, atMs?: number): ActionRow {
  const a = getAction(app.db, id);
  if (!a) throw new AppError('NOT_FOUND', `操作 #${id} 不存在。`, `Action #${id} does not exist.`);
  if (!isIn(RETRYABLE_STATES, a.state))
    throw new AppError(
      'CONFLICT',
      `操作 #${id} 当前是“${a.state}”，只有失败或被拒绝的操作可以重试。`,
      `Action #${id} is ${a.state}; only failed or refused actions can be retried.`,
    );
  const nowMs = app.clock.now();
  const now = new Date(nowMs).toISOString();
  app.db.transaction(() => {
    // The seller's word: sent even where the table would not (e.g. an unbind the platform refused).
    app.db.prepare("UPDATE auto_actions SET actor = 'seller' WHERE id = ?").run(id);
    const at = Math.max(nowMs, atMs ?? nowMs);
    updateAction(app.db, id, { state: 'queued', attempts: 0, next_try_at: at, last_error: null, finished_at: null }, now);
    writeAudit(app.db, app.clock, {
      actor: 'seller',
      kind: 'auto.action.retry',
      subject: `${a.product_id}/${a.sku_id}`,
      detail: { actionId: id, kind: a.kind, was: a.state, at: new Date(at).toISOString() },
    });
  })();
  app.events.emit('changed', { topic: 'auto' });
  return toActionRow(getAction(app.db, id) as ActionRecord);
}
