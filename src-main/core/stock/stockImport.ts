/**
 * A parsed stock file (Excel/CSV export of a spreadsheet ERP) becomes one stock read: the report of
 * accepted and rejected rows comes first, and only a confirmed import writes, in one transaction.
 * The file is a full snapshot of the warehouses it names: their SKUs it does not list turn stale.
 */
import type { App } from '../app';
import type { ImportReport } from '../../../src-shared/types/stock';
import type { StockRow } from './source';
import { persistRead } from './levels';
import { finishRun, startRun } from './runs';
import { readStockSettings } from './settings';
import { resolveAndStore } from './resolve';
import { writeAudit } from '../audit';

export interface RejectedRow {
  line: number;
  reason: string;
  reasonEn?: string;
  raw?: string;
}

export function importStockRows(
  app: App,
  input: { rows: StockRow[]; rejected: RejectedRow[]; confirm: boolean; fileName?: string },
): ImportReport {
  const report: ImportReport = { accepted: input.rows.length, rejected: input.rejected, applied: false, runId: null, rowsChanged: 0 };
  if (!input.confirm || input.rows.length === 0) return report;
  const db = app.db;
  const now = new Date(app.clock.now()).toISOString();
  const warehouses = [...new Set(input.rows.map((r) => r.warehouseId))];
  db.transaction(() => {
    const runId = startRun(db, { strategy: 'import', reason: `导入文件 ${input.fileName ?? ''}`.trim(), trigger: 'import', at: now });
    const p = persistRead(db, { runId, now, rows: input.rows, snapshotOf: warehouses });
    finishRun(db, runId, {
      status: 'ok',
      at: now,
      rowsRead: input.rows.length,
      rowsWritten: p.written,
      rowsChanged: p.changed,
      rowsSkippedCategory: p.skippedCategory,
      rowsStale: p.stale,
      errors: [
        ...input.rejected.slice(0, 50).map((r) => ({ code: 'BAD_INPUT', message: `第 ${r.line} 行：${r.reason}`, messageEn: `Line ${r.line}: ${r.reasonEn ?? r.reason}` })),
        ...p.invalid.slice(0, 50).map((x) => ({ code: 'BAD_INPUT', message: `SKU ${x.sku}：${x.reason}`, messageEn: `SKU ${x.sku}: ${x.reason}` })),
      ],
    });
    report.applied = true;
    report.runId = runId;
    report.rowsChanged = p.changed;
    writeAudit(db, app.clock, {
      actor: 'seller',
      kind: 'stock.import',
      subject: input.fileName ?? null,
      detail: { runId, accepted: input.rows.length, rejected: input.rejected.length, changed: p.changed },
    });
  })();
  if (db.prepare('SELECT 1 FROM stock_listing_skus LIMIT 1').get()) resolveAndStore(db, readStockSettings(db).caseRule, now);
  app.events.emit('changed', { topic: 'stock' });
  return report;
}
