/**
 * 退店后 个人信息保护, first half: one ZIP with everything the app holds for the store — the case,
 * the documents (HTML, and PDFs when a host printed them), and every table as CSV (opens in Excel)
 * and JSON — so the seller keeps their records before the wipe. Secrets never go in: they are not
 * in the database, and the secret store is not read here.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import type { ExitCaseView, ExitDocument, ExitExportResult as ExportResult } from '../../../src-shared/channels/exit';
import { ensurePrivateDir, writeFileAtomic } from '../platform/files';
import { beijingTime } from '../calendar/workdays';
import { INTERNAL, wordsFor } from '../storedData';

const BOM = '\ufeff';

/**
 * Text that Excel would run as a formula (=, +, -, @, or a tab or CR before them) gets a leading
 * apostrophe: an imported SKU such as `=cmd|' /C calc'!A0` must open as text. Numbers stay numbers.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : typeof v === 'string' ? neutraliseFormula(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  // A BOM so Excel on a Chinese Windows reads UTF-8 instead of guessing GBK.
  return BOM + [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
}

function folderFor(table: string): string {
  if (table.startsWith('stock_')) return 'stock';
  if (table === 'audit_log') return 'audit';
  if (table.startsWith('exit_') || table === 'fit_results') return 'exit';
  if (table.startsWith('deposit_')) return 'deposit';
  return 'data';
}

/** Where the app's own bookkeeping goes: kept whole, apart from what the seller looks for. */
const INTERNAL_FOLDER = '程序自用';

/**
 * Each table's file, named in the seller's words (库存记录…, not stock_levels), as the help screen
 * names it; Windows refuses / in a file name, and the source itself writes 自动绑定&解绑. Bookkeeping
 * without words of its own keeps its table name, in a folder that says it is the app's own.
 */
export function tableFile(table: string): string {
  const words = wordsFor(table);
  if (!words) return `${INTERNAL_FOLDER}/${table}`;
  return `${folderFor(table)}/${words.zh.replace(/\//g, '&').replace(/[\\:*?"<>|]/g, '_')}`;
}

function stamp(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/**
 * `outFile` and `pdfDir` come only from a host's own code (the CLI's arguments, a native save
 * dialog), never from the contract: over HTTP or IPC they would let a caller overwrite any file
 * with a ZIP, or read the PDFs of any folder back.
 */
export function exportStore(
  app: App,
  view: ExitCaseView | null,
  documents: ExitDocument[],
  opts: { outFile?: string; pdfDir?: string; download?: boolean; pdfs?: Record<string, Uint8Array> },
): ExportResult {
  const files: Record<string, Uint8Array> = {};
  const add = (name: string, text: string) => (files[name] = strToU8(text));

  add('case.json', JSON.stringify({ exportedAt: new Date(app.clock.now()).toISOString(), appVersion: app.version, case: view }, null, 2));
  add(
    'settings.json',
    JSON.stringify(
      { storeName: app.settings.get('storeName'), mode: app.settings.get('mode'), language: app.settings.get('language') },
      null,
      2,
    ),
  );
  for (const d of documents) add(`documents/${d.name}.html`, d.html);

  if (opts.pdfDir) {
    if (!existsSync(opts.pdfDir)) {
      throw new AppError('NOT_FOUND', `找不到PDF文件夹：${opts.pdfDir}。`, `The PDF folder was not found: ${opts.pdfDir}.`);
    }
    for (const f of readdirSync(opts.pdfDir)
      .filter((n) => n.toLowerCase().endsWith('.pdf'))
      .sort()) {
      files[`documents/${f}`] = readFileSync(join(opts.pdfDir, f));
    }
  }

  for (const [name, bytes] of Object.entries(opts.pdfs ?? {})) files[`documents/${name}.pdf`] = bytes;

  const tables = (
    app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const tableLines: string[] = [];
  for (const t of tables) {
    const cols = (app.db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).map((c) => c.name);
    const rows = app.db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
    const file = tableFile(t);
    add(`${file}.csv`, toCsv(rows, cols));
    add(`${file}.json`, JSON.stringify(rows, null, 2));
    const words = wordsFor(t) ?? INTERNAL;
    tableLines.push(`  ${t} → ${file}.csv / .json  ${words.en}`);
  }

  const entries = [...Object.keys(files), 'README.txt'].sort();
  add(
    'README.txt',
    [
      `全托管卖家助手 店铺数据导出 / Choice Seller Desk store export`,
      `店铺 Store: ${app.settings.get('storeName')}`,
      `导出时间 Exported: ${beijingTime(app.clock.now(), true)}（北京时间 Beijing time）`,
      '',
      '内容 Contents:',
      ...entries.map((e) => `  ${e}`),
      '',
      `${INTERNAL_FOLDER}/：${INTERNAL.zh}，不用打开。 / ${INTERNAL_FOLDER}/: ${INTERNAL.en}; you need not open it.`,
      '',
      '数据表对照（给客服和技术人员） Database tables, for support:',
      ...tableLines,
      '',
      '不含账号密钥和令牌（它们不在数据库里）。请把本文件保存在安全的地方：它含有店铺的经营记录和个人信息。',
      'Contains no app keys or tokens (they are not in the database). Keep this file safe: it holds the store’s records and personal data.',
    ].join('\r\n'),
  );

  const zip = zipSync(files, { level: 6 });
  const fileName = `退店导出-${basename(app.settings.get('storeName') || 'store').replace(/[\\/:*?"<>|\s]+/g, '_')}-${stamp(app.clock.now())}.zip`;
  // From the screen the ZIP goes to the seller as a download and no copy stays in the data folder:
  // a copy there would hold the store's personal data after the wipe, where the seller never looks.
  if (opts.download) return { file: null, fileName, entries, bytes: zip.length, contentBase64: Buffer.from(zip).toString('base64') };
  const file = opts.outFile ?? join(exportsDir(app), fileName);
  // Our own folder is made private; a folder the seller named is theirs, left as it is.
  if (opts.outFile) mkdirSync(dirname(file), { recursive: true });
  else ensurePrivateDir(dirname(file));
  // Personal data: 0600, and never a half-written ZIP under the final name.
  writeFileAtomic(file, zip);
  return { file, fileName: basename(file), entries, bytes: zip.length };
}

/** Where the CLI's `exit export` puts the ZIP when no --out is given. */
export function exportsDir(app: App): string {
  return join(app.dataDir, 'exports');
}

/** Export ZIPs kept inside the data folder (they hold personal data: the wipe names them). */
export function exportsInDataFolder(app: App): string[] {
  const dir = exportsDir(app);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.zip'))
    .sort()
    .map((f) => join(dir, f));
}
