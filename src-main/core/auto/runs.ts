/**
 * Decision runs, and the seller's answer to a held one: confirm releases its unbinds to the sender
 * (which still checks each one against the stock of that moment), reject cancels them and keeps
 * those SKUs from being unbound again until their stock changes.
 */
import type { App } from '../app';
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { AutoRunInfo, HeldRunView, WarehouseFigure } from '../../../src-shared/channels/auto';
import { writeAudit } from '../audit';

interface RunRow {
  id: number;
  at: string;
  trigger: string;
  switch_on: number;
  stock_run_id: number | null;
  status: AutoRunInfo['status'];
  counts: string;
  gate: string | null;
  decided_at: string | null;
  decided_by: string | null;
  note: string;
}

function toInfo(r: RunRow): AutoRunInfo {
  return {
    id: r.id,
    at: r.at,
    trigger: r.trigger,
    switchOn: r.switch_on === 1,
    stockRunId: r.stock_run_id,
    status: r.status,
    counts: JSON.parse(r.counts),
    gate: r.gate ? JSON.parse(r.gate) : null,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    note: r.note,
  };
}

export function getRunInfo(db: Db, id: number): AutoRunInfo | null {
  const r = db.prepare('SELECT * FROM auto_runs WHERE id = ?').get(id) as RunRow | undefined;
  return r ? toInfo(r) : null;
}

export function lastAutoRun(db: Db): AutoRunInfo | null {
  const r = db.prepare('SELECT * FROM auto_runs ORDER BY id DESC LIMIT 1').get() as RunRow | undefined;
  return r ? toInfo(r) : null;
}

export function listAutoRuns(db: Db, page: number, pageSize: number): { rows: AutoRunInfo[]; total: number } {
  const total = (db.prepare('SELECT count(*) AS n FROM auto_runs').get() as { n: number }).n;
  const rows = db.prepare('SELECT * FROM auto_runs ORDER BY id DESC LIMIT ? OFFSET ?').all(pageSize, (page - 1) * pageSize) as RunRow[];
  return { rows: rows.map(toInfo), total };
}

export function heldRuns(db: Db): HeldRunView[] {
  const runs = db.prepare("SELECT * FROM auto_runs WHERE status = 'held' ORDER BY id").all() as RunRow[];
  const skus = db.prepare(
    `SELECT a.id, a.listing_sku_id, s.seller_sku, a.product_id, a.sku_id, d.sellable,
       json_extract(d.detail, '$.erpSku') AS erp_sku, json_extract(d.detail, '$.figures') AS figures FROM auto_actions a
     LEFT JOIN stock_listing_skus s ON s.id = a.listing_sku_id LEFT JOIN auto_decisions d ON d.id = a.decision_id
     WHERE a.run_id = ? AND a.state = 'held' ORDER BY a.id LIMIT 200`,
  );
  return runs.map((r) => ({
    ...toInfo(r),
    skus: (
      skus.all(r.id) as {
        id: number;
        listing_sku_id: number;
        seller_sku: string | null;
        product_id: string;
        sku_id: string;
        sellable: number | null;
        erp_sku: string | null;
        figures: string | null;
      }[]
    ).map((x) => ({
      actionId: x.id,
      listingSkuId: x.listing_sku_id,
      sellerSku: x.seller_sku ?? '',
      productId: x.product_id,
      skuId: x.sku_id,
      sellable: x.sellable,
      erpSku: x.erp_sku,
      figures: x.figures ? (JSON.parse(x.figures) as WarehouseFigure[]) : [],
    })),
  }));
}

function heldRun(db: Db, id: number): RunRow {
  const r = db.prepare('SELECT * FROM auto_runs WHERE id = ?').get(id) as RunRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `运行 #${id} 不存在。请刷新看板。`, `Run #${id} does not exist. Reload the dashboard.`);
  if (r.status !== 'held')
    throw new AppError(
      'CONFLICT',
      `运行 #${id} 不在等待确认状态（当前：${r.status}），无需再处理。`,
      `Run #${id} is not waiting for confirmation (it is ${r.status}); nothing to do.`,
    );
  return r;
}

export function answerHeldRun(app: App, id: number, answer: 'confirm' | 'reject', note = ''): AutoRunInfo {
  const db = app.db;
  const nowMs = app.clock.now();
  const now = new Date(nowMs).toISOString();
  let changed = 0;
  db.transaction(() => {
    heldRun(db, id);
    changed =
      answer === 'confirm'
        ? db
            .prepare("UPDATE auto_actions SET state = 'queued', next_try_at = ?, updated_at = ? WHERE run_id = ? AND state = 'held'")
            .run(nowMs, now, id).changes
        : db
            .prepare(
              "UPDATE auto_actions SET state = 'cancelled', last_error = '卖家拒绝了这次批量解绑 / the seller rejected this mass unbind', finished_at = ?, updated_at = ? WHERE run_id = ? AND state = 'held'",
            )
            .run(now, now, id).changes;
    db.prepare('UPDATE auto_runs SET status = ?, decided_at = ?, decided_by = ?, note = ? WHERE id = ?').run(
      answer === 'confirm' ? 'confirmed' : 'rejected',
      now,
      'seller',
      note,
      id,
    );
    writeAudit(db, app.clock, {
      actor: 'seller',
      kind: answer === 'confirm' ? 'auto.run.confirmed' : 'auto.run.rejected',
      subject: String(id),
      detail: { runId: id, actions: changed, note },
    });
  })();
  app.events.emit('changed', { topic: 'auto' });
  return getRunInfo(db, id) as AutoRunInfo;
}
