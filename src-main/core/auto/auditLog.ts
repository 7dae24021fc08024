/** The audit log as the seller reads it: filtered, paged, and exported to Excel. */
import ExcelJS from 'exceljs';
import type { Db } from '../db/open';
import { beijingTime } from '../calendar/workdays';
import {
  REASON_TEXT,
  actionStateText,
  type ActionState,
  type AuditRow,
  type DecisionReason,
  type WarehouseFigure,
} from '../../../src-shared/channels/auto';
import { toTextRow } from '../platform/spreadsheetText';
import { countingText } from './sellable';

export interface AuditQuery {
  kind?: string;
  actor?: 'auto' | 'seller' | 'system';
  subject?: string;
  from?: string;
  to?: string;
  autoOnly: boolean;
}

const MAX_EXPORT = 200_000;

function where(q: AuditQuery): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (q.autoOnly) parts.push("kind LIKE 'auto.%'");
  if (q.kind) {
    parts.push("(kind = ? OR kind LIKE ? || '.%')");
    args.push(q.kind, q.kind);
  }
  if (q.actor) {
    parts.push('actor = ?');
    args.push(q.actor);
  }
  if (q.subject) {
    parts.push("subject LIKE '%' || ? || '%'");
    args.push(q.subject);
  }
  if (q.from) {
    parts.push('at >= ?');
    args.push(new Date(q.from).toISOString());
  }
  if (q.to) {
    parts.push('at <= ?');
    args.push(new Date(q.to).toISOString());
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
}

interface Row {
  id: number;
  at: string;
  actor: string;
  kind: string;
  subject: string | null;
  detail: string;
}

const toRow = (r: Row): AuditRow => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> });

export function listAudit(db: Db, q: AuditQuery & { page: number; pageSize: number }): { rows: AuditRow[]; total: number } {
  const w = where(q);
  const total = db
    .prepare(`SELECT count(*) FROM audit_log ${w.sql}`)
    .pluck()
    .get(...w.args) as number;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`)
    .all(...w.args, q.pageSize, (q.page - 1) * q.pageSize) as Row[];
  return { rows: rows.map(toRow), total };
}

const ACTOR_ZH: Record<string, string> = { auto: '自动 auto', seller: '卖家 seller', system: '系统 system' };
const KIND_ZH: Record<string, string> = {
  'auto.decision': '决定 decision',
  'auto.switch': '开关 switch',
  'auto.pin': '固定 pin',
  'auto.settings': '设置 settings',
  'auto.run.held': '批量解绑暂停 run held',
  'auto.run.confirmed': '确认批量解绑 run confirmed',
  'auto.run.rejected': '拒绝批量解绑 run rejected',
  // auto.action.done reads 已解绑 unbound or 已绑定 bound by the action's kind (kindText): never 完成.
  'auto.action.done': '已生效 took effect',
  'auto.action.review': '审核中 review',
  'auto.action.refused': '被拒绝 refused',
  'auto.action.failed': '失败 failed',
  'auto.action.cancelled': '已取消 cancelled',
  'auto.action.retry': '重试 retry',
  'auto.action.retrying': '未确认，稍后重试 will retry',
  'auto.action.reread': '重新查询状态 status re-read',
  'auto.demo.sellOut': '演示：模拟卖光 demo sell-out',
  'auto.demo.drain': '演示：清空仓库 demo drain',
  'auto.demo.restock': '演示：补货 demo restock',
  'auto.demo.reviewMode': '演示：审核方式 demo review mode',
};

/**
 * An audit kind in the seller's words. An action's outcome uses the same words as every screen
 * (actionStateText): 已解绑 / 已绑定 / 审核中 / 被拒绝 / 失败, never 完成 for a submitted unbind.
 */
export function kindText(kind: string, d: Record<string, unknown>): string {
  const m = /^auto\.action\.(done|review|refused|failed|cancelled|sent)$/.exec(kind);
  if (m && (d.kind === 'bind' || d.kind === 'unbind')) {
    const { zh, en } = actionStateText(d.kind, m[1] as ActionState);
    return m[1] === 'done' ? `${zh} ${en.toLowerCase()}` : `${d.kind === 'bind' ? '绑定' : '解绑'}${zh} ${d.kind} ${en.toLowerCase()}`;
  }
  return KIND_ZH[kind] ?? kind;
}

/** Beijing time, as a seller reads a timestamp. */
function beijing(iso: string): string {
  return beijingTime(iso, true);
}

/** The why in one line: sellable stock and the figures per warehouse. */
function why(d: Record<string, unknown>): string {
  const parts: string[] = [];
  if (d.want) parts.push(`${d.want === 'bind' ? '绑定' : '解绑'}`);
  if (d.reason) parts.push(REASON_TEXT[d.reason as DecisionReason]?.zh ?? `原因 ${String(d.reason)}`);
  if (d.sellable !== undefined && d.sellable !== null) parts.push(`可售 ${String(d.sellable)}`);
  if (Array.isArray(d.figures))
    for (const f of d.figures as WarehouseFigure[]) {
      const counting =
        f.syncPercent === undefined ? '' : ` ${countingText({ inTransit: f.countInTransit ?? false, percent: f.syncPercent }).zh}`;
      const transit = f.countInTransit ? ` 在途 ${f.inTransit ?? 0}` : '';
      parts.push(
        `${f.storeWarehouse}: 可用 ${f.available ?? '未知'}${transit} 安全 ${f.safety ?? '-'}${counting}${f.stale ? ' (过期)' : ''}`,
      );
    }
  if (d.message) parts.push(`平台说明 ${String(d.message)}`);
  if (d.error) parts.push(`错误 ${String(d.error)}`);
  return parts.join('；');
}

export async function exportAudit(db: Db, q: AuditQuery): Promise<{ fileName: string; contentBase64: string; rows: number }> {
  const w = where(q);
  const rows = db.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY id LIMIT ?`).all(...w.args, MAX_EXPORT) as Row[];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计日志');
  ws.addRow(['时间（北京时间） Time', '执行者 Who', '类型 Kind', '对象 Subject', '说明 Why', '详情 Detail (JSON)']).font = { bold: true };
  ws.columns = [{ width: 20 }, { width: 12 }, { width: 24 }, { width: 24 }, { width: 60 }, { width: 60 }];
  for (const r of rows) {
    const d = JSON.parse(r.detail) as Record<string, unknown>;
    // A subject (a seller SKU) or a reason may start like a formula: written as text.
    ws.addRow(toTextRow([beijing(r.at), ACTOR_ZH[r.actor] ?? r.actor, kindText(r.kind, d), r.subject ?? '', why(d), r.detail]));
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: '自动绑定解绑审计日志.xlsx', contentBase64: buf.toString('base64'), rows: rows.length };
}
