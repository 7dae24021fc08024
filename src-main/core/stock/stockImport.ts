/**
 * A parsed stock file (Excel/CSV export of a spreadsheet ERP) becomes one stock read: the report of
 * accepted and rejected rows comes first, and only a confirmed import writes, in one transaction.
 * The file is a full snapshot of the warehouses it names: their SKUs it does not list turn stale.
 */
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';
import type { ImportReport } from '../../../src-shared/types/stock';
import type { StockFileMapping, StockFileReport, StockImportStatus } from '../../../src-shared/types/stockFile';
import { parseStockFile } from '../connectors/files/parseStockFile';
import { refusedLineIssues } from '../../../src-shared/refusedLines';
import type { StockRow } from './source';
import { persistRead } from './levels';
import { finishRun, lastRun, startRun } from './runs';
import { readStockSettings } from './settings';
import { resolveAndStore } from './resolve';
import { writeAudit } from '../audit';

export interface RejectedRow {
  line: number;
  reason: Bilingual;
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
        ...input.rejected.slice(0, 50).map((r) => ({
          code: 'BAD_INPUT',
          message: `第 ${r.line} 行：${r.reason.zh}`,
          messageEn: `Line ${r.line}: ${r.reason.en}`,
        })),
        ...p.invalid
          .slice(0, 50)
          .map((x) => ({ code: 'BAD_INPUT', message: `SKU ${x.sku}：${x.reason}`, messageEn: `SKU ${x.sku}: ${x.reason}` })),
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

/** Shown to the seller, and as many as a report carries: a file of 100k bad lines must not become 100k JSON rows. */
const REJECTED_SHOWN = 1000;
/** A file source is as fresh as its last export: a day-old file no longer says what is on the shelf. */
export const IMPORT_STALE_HOURS = 24;

export interface StockFileInput {
  fileName: string;
  content: Buffer;
  confirm: boolean;
  mapping?: StockFileMapping;
  sheet?: string | number;
  defaultWarehouse?: string;
}

/**
 * A stock file from the window or the CLI: parsed in main, reported (what was found, every bad line),
 * and written only on confirm. A confirm of a file with nothing importable is refused with the
 * reason, never written as an empty snapshot that would turn every SKU stale.
 */
export async function importStockFile(app: App, input: StockFileInput): Promise<StockFileReport> {
  const parsed = await parseStockFile(input.content, {
    mapping: input.mapping,
    sheet: input.sheet,
    defaultWarehouse: input.defaultWarehouse,
  });
  const perWarehouse = new Map<string, number>();
  for (const r of parsed.rows) perWarehouse.set(r.warehouseName, (perWarehouse.get(r.warehouseName) ?? 0) + 1);
  const report: StockFileReport = {
    fileName: input.fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    sheets: parsed.sheets,
    sheet: parsed.sheet,
    headers: parsed.columns.headers,
    headerLine: parsed.columns.headerLine,
    mapping: parsed.columns.mapping,
    missing: parsed.columns.missing,
    needsMapping: parsed.columns.needsMapping,
    sample: parsed.sample,
    dataLines: parsed.dataLines,
    accepted: parsed.rows.length,
    normalised: parsed.normalised,
    rejected: parsed.rejected.slice(0, REJECTED_SHOWN),
    rejectedTotal: parsed.rejected.length,
    warehouses: [...perWarehouse].map(([name, skus]) => ({ name, skus })).sort((a, b) => a.name.localeCompare(b.name)),
    problem: parsed.problem,
    applied: false,
    runId: null,
    rowsChanged: 0,
  };
  if (!input.confirm) return report;
  if (parsed.problem || parsed.rows.length === 0) {
    const p = parsed.problem ?? { zh: '文件里没有可导入的行。', en: 'The file has no line that can be imported.' };
    throw new AppError('BAD_INPUT', `没有导入：${p.zh}`, `Nothing was imported: ${p.en}`, refusedLineIssues(parsed.rejected));
  }
  const written = importStockRows(app, { rows: parsed.rows, rejected: parsed.rejected, confirm: true, fileName: input.fileName });
  return { ...report, applied: written.applied, runId: written.runId, rowsChanged: written.rowsChanged };
}

export function importStatus(app: App): StockImportStatus {
  const run = lastRun(app.db, "trigger = 'import' AND status = 'ok'");
  const at = run?.finishedAt ?? run?.startedAt ?? null;
  const ageHours = at === null ? null : Math.max(0, Math.floor((app.clock.now() - Date.parse(at)) / 3_600_000));
  return {
    lastImportAt: at,
    fileName: run ? run.reason.replace(/^导入文件\s*/, '') || null : null,
    rowsRead: run?.rowsRead ?? 0,
    ageHours,
    stale: ageHours !== null && ageHours >= IMPORT_STALE_HOURS,
    staleAfterHours: IMPORT_STALE_HOURS,
  };
}
