/**
 * The outbox of bind/unbind actions. Actions are written in the transaction of the decision that
 * made them, and leave only through the sender; every state change is kept on the row (attempts,
 * next try, last error, the marketplace's message) so a restart resumes exactly where it stopped.
 */
import type { Db } from '../db/open';
import { ACTION_STATES, type ActionKind, type ActionRow, type ActionState } from '../../../src-shared/channels/auto';
import { OPEN_STATES, SENDABLE_STATES, UNTAKEN_STATES, statesSql } from '../../../src-shared/actionStates';

export interface ActionRecord {
  id: number;
  decision_id: number | null;
  run_id: number | null;
  listing_sku_id: number;
  product_id: string;
  sku_id: string;
  sc_item_id: string;
  kind: ActionKind;
  actor: string;
  state: ActionState;
  attempts: number;
  next_try_at: number;
  last_error: string | null;
  market_message: string | null;
  sends: number;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  finished_at: string | null;
}

export interface OpenAction {
  id: number;
  kind: ActionKind;
  state: ActionState;
  actor: string;
}

/** Open actions per listing SKU, oldest first. */
export function openActionsBySku(db: Db, ids?: number[]): Map<number, OpenAction[]> {
  const where = ids ? `AND listing_sku_id IN (${ids.map(Number).join(',') || 'NULL'})` : '';
  const rows = db
    .prepare(
      `SELECT listing_sku_id, id, kind, state, actor FROM auto_actions WHERE state IN (${statesSql(OPEN_STATES)}) ${where} ORDER BY id`,
    )
    .raw()
    .all() as [number, number, ActionKind, ActionState, string][];
  const m = new Map<number, OpenAction[]>();
  for (const [sku, id, kind, state, actor] of rows) {
    const list = m.get(sku) ?? [];
    list.push({ id, kind, state, actor });
    m.set(sku, list);
  }
  return m;
}

export function getAction(db: Db, id: number): ActionRecord | undefined {
  return db.prepare('SELECT * FROM auto_actions WHERE id = ?').get(id) as ActionRecord | undefined;
}

export function updateAction(
  db: Db,
  id: number,
  patch: Partial<
    Pick<ActionRecord, 'state' | 'attempts' | 'next_try_at' | 'last_error' | 'market_message' | 'sends' | 'sent_at' | 'finished_at'>
  >,
  now: string,
): void {
  const keys = Object.keys(patch) as (keyof typeof patch)[];
  const sets = keys
    .map((k) => `${k} = @${k}`)
    .concat('updated_at = @updated_at')
    .join(', ');
  db.prepare(`UPDATE auto_actions SET ${sets} WHERE id = @id`).run({ ...patch, updated_at: now, id });
}

/**
 * Claims an action for sending: marks it 'sent' only if it is still in the state (and at the
 * version) the sender read. False when anything moved it meanwhile (a decide pass cancelled it,
 * another sender claimed it); the caller then sends nothing.
 */
export function claimAction(db: Db, a: Pick<ActionRecord, 'id' | 'state' | 'sends' | 'updated_at'>, now: string): boolean {
  return (
    db
      .prepare(
        `UPDATE auto_actions SET state = 'sent', sends = sends + 1, sent_at = @now, updated_at = @now
         WHERE id = @id AND state = @state AND sends = @sends AND updated_at = @updated_at`,
      )
      .run({ now, id: a.id, state: a.state, sends: a.sends, updated_at: a.updated_at }).changes === 1
  );
}

export function outboxCounts(db: Db): Record<ActionState, number> {
  const out = Object.fromEntries(ACTION_STATES.map((s) => [s, 0])) as Record<ActionState, number>;
  for (const r of db.prepare('SELECT state, count(*) AS n FROM auto_actions GROUP BY state').all() as { state: ActionState; n: number }[])
    out[r.state] = r.n;
  return out;
}

export function toActionRow(r: ActionRecord & { seller_sku?: string }): ActionRow {
  return {
    id: r.id,
    runId: r.run_id,
    listingSkuId: r.listing_sku_id,
    productId: r.product_id,
    skuId: r.sku_id,
    sellerSku: r.seller_sku ?? '',
    kind: r.kind,
    actor: r.actor,
    state: r.state,
    attempts: r.attempts,
    sends: r.sends,
    nextTryAt: new Date(r.next_try_at).toISOString(),
    lastError: r.last_error,
    marketMessage: r.market_message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export function listActions(db: Db, q: { state?: ActionState; page: number; pageSize: number }): { rows: ActionRow[]; total: number } {
  const where = q.state ? 'WHERE a.state = ?' : '';
  const args = q.state ? [q.state] : [];
  const total = (db.prepare(`SELECT count(*) AS n FROM auto_actions a ${where}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT a.*, s.seller_sku FROM auto_actions a LEFT JOIN stock_listing_skus s ON s.id = a.listing_sku_id ${where}
       ORDER BY a.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...args, q.pageSize, (q.page - 1) * q.pageSize) as (ActionRecord & { seller_sku: string })[];
  return { rows: rows.map(toActionRow), total };
}

/**
 * Actions due now whose listing SKU has no older action still open, by lane, then oldest decision
 * first. Lane 0: unbinds to send (the SKU is at or below zero and selling); lane 1: reviews to
 * poll (the answer may be a refusal the seller must hear about); lane 2: binds, which only win
 * sales back and can wait.
 */
export function dueActionIds(db: Db, nowMs: number, exclude: Set<number>): number[] {
  const ids = db
    .prepare(
      `SELECT a.id FROM auto_actions a
       WHERE a.state IN (${statesSql(SENDABLE_STATES)}) AND a.next_try_at <= ?
         AND NOT EXISTS (SELECT 1 FROM auto_actions b WHERE b.listing_sku_id = a.listing_sku_id AND b.id < a.id
                         AND b.state IN (${statesSql(OPEN_STATES)}) AND NOT (a.state = 'review'))
       ORDER BY CASE WHEN a.kind = 'unbind' AND a.state != 'review' THEN 0 WHEN a.kind = 'unbind' THEN 1 ELSE 2 END,
                coalesce(a.decision_id, a.id), a.id`,
    )
    .pluck()
    .all(nowMs) as number[];
  return ids.filter((id) => !exclude.has(id));
}

/**
 * An unbind to send that became due after this pass was planned (a stock-out decided while binds
 * drain, a held run confirmed, a retry). One index lookup (migration 9), so it is asked before
 * every less urgent action: a bind never delays an unbind, whatever the queue holds.
 */
export function unbindArrived(db: Db, nowMs: number, planned: Set<number>): boolean {
  const ids = db
    .prepare(
      `SELECT a.id FROM auto_actions a WHERE a.kind = 'unbind' AND a.state IN (${statesSql(UNTAKEN_STATES)}) AND a.next_try_at <= ?
         AND NOT EXISTS (SELECT 1 FROM auto_actions b WHERE b.listing_sku_id = a.listing_sku_id AND b.id < a.id
                         AND b.state IN (${statesSql(OPEN_STATES)}))
       LIMIT 20`,
    )
    .pluck()
    .all(nowMs) as number[];
  return ids.some((id) => !planned.has(id));
}
