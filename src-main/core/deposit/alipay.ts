/**
 * Reads an Alipay bill export (支付宝账单) as the seller downloads it, in either shape Alipay
 * produces (see design/domain.md § 3):
 * - web export: title and account lines, a dashed line with 交易记录明细列表, the header, rows padded
 *   with spaces or tabs and ending in a comma, a dashed line, then summary lines;
 * - app export: an information block ending in a dashed line with 电子客户回单, the header, the rows.
 * Usually GBK/GB18030, sometimes UTF-8 with or without BOM. Sellers open these in Excel and save
 * them again, so the reader looks for the header by its columns rather than by its line number.
 * A file it cannot read is refused with the line that broke it: a half-read bill could hide the refund.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../src-shared/errors';
import type { BillRow } from '../../../src-shared/channels/deposit';
import { textChunks } from '../platform/textChunks';
import { isPasswordProtected } from '../platform/passwordProtected';
import { isZip, zipEntries } from '../platform/zipEntries';
import { tryParseFen } from './money';

export interface ParsedBill {
  shape: 'web' | 'app';
  /** The text encoding, after the ZIP's name when the bill came zipped. */
  encoding: string;
  /** 1-based line of the header. */
  headerLine: number;
  rows: BillRow[];
}

/** Column names after NFKC (full-width brackets become ASCII) with spaces removed. */
const COLUMNS = {
  web: {
    time: ['交易创建时间', '付款时间', '最近修改时间'],
    counterparty: ['交易对方'],
    description: ['商品名称', '类型'],
    remarks: ['备注'],
    amount: ['金额(元)'],
    direction: ['收/支'],
    status: ['交易状态'],
    tradeNo: ['交易号'],
  },
  app: {
    time: ['交易时间'],
    counterparty: ['交易对方'],
    description: ['商品说明', '交易分类'],
    remarks: ['备注'],
    amount: ['金额'],
    direction: ['收/支'],
    status: ['交易状态'],
    tradeNo: ['交易订单号'],
  },
} as const;

const DIRECTIONS: Record<string, BillRow['direction']> = {
  收入: 'income',
  支出: 'expense',
  不计收支: 'neutral',
  '': 'neutral',
  '/': 'neutral',
  其他: 'neutral',
};

function fileError(line: number, zh: string, en: string): AppError {
  return new AppError('FILE_INVALID', `支付宝账单第 ${line} 行无法读取：${zh}`, `Alipay bill line ${line} cannot be read: ${en}`, [
    { path: `line ${line}`, message: zh, messageEn: en },
  ]);
}

const REEXPORT_ZH = '请在支付宝重新导出账单明细（CSV），不要用 Excel 修改后保存，然后再导入。';
const REEXPORT_EN = 'Export the bill details (CSV) from Alipay again, without editing and saving it in Excel, then import it.';

/** Picks the text encoding: BOM first, then strict UTF-8, then what chardet makes of the bytes. */
export function decodeBill(bytes: Uint8Array): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'UTF-8 BOM' };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  try {
    // Strict: a GBK file is almost never valid UTF-8, so this cannot mistake one for the other.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8. Alipay writes GBK; GB18030 is its superset, so decoding with it never loses a
    // character GBK had. chardet only overrides that for an encoding it is sure of and iconv knows.
    // From the first 64 KB: chardet over a whole 18 MB bill took 4 s, and the start says as much.
    const guess = chardet.detect(buf.subarray(0, 64 * 1024));
    const other = guess && !/^(GB|ISO-8859|windows-125|Big5|EUC|Shift_JIS)/i.test(guess) && iconv.encodingExists(guess);
    const encoding = other ? guess : 'GB18030';
    return { text: iconv.decode(buf, encoding), encoding: encoding === 'GB18030' ? 'GBK/GB18030' : encoding };
  }
}

const trimCell = (c: string) => c.replace(/^[\s\t]+|[\s\t]+$/g, '');

const unbalanced = (lineNo: number) =>
  fileError(
    lineNo,
    `引号不成对（可能是文件被截断或被表格软件改坏了）。${REEXPORT_ZH}`,
    `unbalanced quotes (the file may be cut short or damaged by a spreadsheet program). ${REEXPORT_EN}`,
  );

function cells(line: string, lineNo: number): string[] {
  try {
    const rec = parse(line, { relax_column_count: true, trim: true }) as string[][];
    return (rec[0] ?? []).map(trimCell);
  } catch {
    throw unbalanced(lineNo);
  }
}

/**
 * The bill's rows, each with the file line it starts on: the lines between the header and the end
 * of the rows read as one CSV text (a parse per line took 20 s for a 150,000-row bill), fed in
 * pieces so the app answers meanwhile, and a 备注 with a quoted line break is one row, as Alipay
 * wrote it.
 */
async function rowsOf(lines: string[], from: number, to: number): Promise<{ lineNo: number; c: string[] }[]> {
  const out: { lineNo: number; c: string[] }[] = [];
  // File line (1-based) where the last record parsed ended: kept as the parser goes, so a parse
  // error names the line after it even while parsed rows wait in the stream.
  let ended = from;
  /** The start line of each record parsed and not yet taken from the stream, in order. */
  const starts: number[] = [];
  const parser = parseStream({
    relax_column_count: true,
    trim: true,
    on_record: (record, { lines }) => {
      starts.push(ended + 1);
      ended = from + lines;
      return record;
    },
  });
  Readable.from(textChunks(lines.slice(from, to).join('\n'))).pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<string[]>) out.push({ lineNo: starts.shift()!, c: record.map(trimCell) });
  } catch {
    // The quote that never closes opens on the line after the last whole row.
    throw unbalanced(ended + 1);
  }
  return out;
}

const norm = (s: string) => s.normalize('NFKC').replace(/[\s"]+/g, '');
const DASHED = /^\s*-{5,}/;

function findHeader(lines: string[]): { index: number; names: string[]; shape: 'web' | 'app' } | null {
  // A preamble of at most a few dozen lines comes before the header in both shapes.
  for (let i = 0; i < Math.min(lines.length, 80); i++) {
    const l = lines[i]!;
    if (!l.includes('交易对方') || !l.includes('收/支')) continue;
    const names = cells(l, i + 1).map(norm);
    if (names.includes('交易号') || names.includes('金额(元)')) return { index: i, names, shape: 'web' };
    if (names.includes('交易时间') || names.includes('金额')) return { index: i, names, shape: 'app' };
  }
  return null;
}

const TIME = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** "2024/5/28 9:03" → "2024-05-28 09:03:00"; null when it is not a date. */
export function normaliseTime(s: string): string | null {
  const m = TIME.exec(s.normalize('NFKC').trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return null;
  const p = (v: string | number) => String(v).padStart(2, '0');
  return `${y}-${p(month)}-${p(day)} ${p(h)}:${p(mi)}:${p(se)}`;
}

/**
 * The CSV inside a bill still zipped, as Alipay's download gives it: a seller who imports the .zip
 * has the bill, and telling them to unzip it first only costs a step. Anything else in a ZIP (an
 * Excel workbook is one too, a password, several CSVs) is named with what to do.
 */
export const ZIPPED_BILL_MAX_BYTES = 64 * 1024 * 1024;

function fileProblem(zh: string, en: string): AppError {
  return new AppError('FILE_INVALID', zh, en);
}

const EXCEL_ZH =
  '这是 Excel 表格（.xlsx/.xls），不是支付宝导出的 CSV 账单，程序只读取 CSV。请导入从支付宝下载的原始 CSV 文件（下载得到的 .zip 可以直接导入）；如果手边只有这个表格，请用 Excel 打开它，“另存为” CSV（逗号分隔）后再导入。';
const EXCEL_EN =
  'This is an Excel workbook (.xlsx/.xls), not the CSV bill Alipay exports, and the app reads only the CSV. Import the CSV file downloaded from Alipay (the downloaded .zip can be imported as it is); if this workbook is all you have, open it in Excel, save it as CSV (comma delimited), and import that.';

async function unzipBill(bytes: Uint8Array): Promise<{ name: string; csv: Buffer }> {
  const entries = await zipEntries(bytes);
  if (entries === 'encrypted')
    throw fileProblem(
      '这个压缩包（.zip）设了解压密码，程序无法打开。请用解压软件输入支付宝提供的解压密码解压，再导入里面的 CSV 文件。',
      'This zip file is protected by a password, so the app cannot open it. Unzip it with the password Alipay gave you, then import the CSV file inside.',
    );
  if (entries === 'damaged')
    throw fileProblem(
      '这个压缩包（.zip）已损坏或没有下载完整，无法打开。请重新从支付宝下载账单，或用解压软件解压后，导入里面的 CSV 文件。',
      'This zip file is damaged or was not downloaded completely, so it cannot be opened. Download the bill from Alipay again, or unzip it and import the CSV file inside.',
    );
  if (entries.some((e) => e.name.toLowerCase() === 'xl/workbook.xml')) throw fileProblem(EXCEL_ZH, EXCEL_EN);
  const csvs = entries.filter((e) => /\.csv$/i.test(e.name) && !e.name.startsWith('__MACOSX/'));
  const names = (list: typeof entries) => list.map((e) => e.name.split('/').pop()!).join('、');
  if (csvs.length === 0)
    throw fileProblem(
      `这个压缩包（.zip）里没有 CSV 文件（里面是：${names(entries) || '空的'}），不是支付宝的账单明细。请先解压，导入里面从支付宝导出的 CSV 账单文件。`,
      `This zip file holds no CSV file (it holds: ${entries.map((e) => e.name).join(', ') || 'nothing'}), so it is not an Alipay bill. Unzip it and import the CSV bill exported from Alipay.`,
    );
  if (csvs.length > 1)
    throw fileProblem(
      `这个压缩包（.zip）里有 ${csvs.length} 个 CSV 文件（${names(csvs)}），不知道该读哪一个。请先解压，一次导入一个账单 CSV 文件。`,
      `This zip file holds ${csvs.length} CSV files (${csvs.map((e) => e.name).join(', ')}), and the app cannot tell which is the bill. Unzip it and import one bill CSV file at a time.`,
    );
  const entry = csvs[0]!;
  const csv = await entry.read(ZIPPED_BILL_MAX_BYTES);
  if (csv === 'too_large')
    throw fileProblem(
      `压缩包里的账单解压后超过 ${ZIPPED_BILL_MAX_BYTES / 1024 / 1024} MB，没有读取。请在支付宝只导出申请前后几个月的账单后再导入。`,
      `The bill in this zip file is over ${ZIPPED_BILL_MAX_BYTES / 1024 / 1024} MB unzipped, so it was not read. Export only the months around the application from Alipay and import that.`,
    );
  if (csv === 'unreadable')
    throw fileProblem(
      '压缩包里的账单文件已损坏或用了程序不认识的压缩方式，无法解压。请用解压软件解压后，导入里面的 CSV 文件。',
      'The bill in this zip file is damaged or compressed in a way the app cannot read. Unzip it yourself and import the CSV file inside.',
    );
  return { name: entry.name.split('/').pop()!, csv };
}

/**
 * Reads the file bytes into bill rows, or throws FILE_INVALID naming the line that broke it. A
 * ZIP (Alipay's download) is read through the one CSV inside it; an Excel workbook is refused
 * saying how to get the CSV, rather than "no header".
 */
export async function parseAlipayBill(bytes: Uint8Array): Promise<ParsedBill> {
  if (isZip(bytes)) {
    const { name, csv } = await unzipBill(bytes);
    const bill = await parseBillText(csv);
    return { ...bill, encoding: `ZIP（${name}）· ${bill.encoding}` };
  }
  // An old .xls, or an .xlsx saved with an open password: both are compound files.
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    if (isPasswordProtected(buf))
      throw fileProblem(`这个 Excel 文件设了打开密码。${EXCEL_ZH}`, `This Excel file has an open password. ${EXCEL_EN}`);
    throw fileProblem(EXCEL_ZH, EXCEL_EN);
  }
  return parseBillText(bytes);
}

async function parseBillText(bytes: Uint8Array): Promise<ParsedBill> {
  if (bytes.byteLength === 0) {
    throw fileError(1, `文件是空的。${REEXPORT_ZH}`, `the file is empty. ${REEXPORT_EN}`);
  }
  const { text, encoding } = decodeBill(bytes);
  const lines = text.split(/\r\n|\n|\r/);
  const header = findHeader(lines);
  if (!header) {
    const at = Math.min(lines.length, 80);
    throw fileError(
      at,
      `读到这里还没有找到账单表头（应有“交易对方”“金额”“收/支”等列），这可能不是支付宝账单明细文件。${REEXPORT_ZH}`,
      `no bill header (with 交易对方, 金额, 收/支 columns) was found up to here; this may not be an Alipay bill export. ${REEXPORT_EN}`,
    );
  }
  const spec = COLUMNS[header.shape];
  const find = (names: readonly string[]) => names.map((n) => header.names.indexOf(n)).filter((i) => i >= 0);
  const col = {
    time: find(spec.time),
    counterparty: find(spec.counterparty),
    description: find(spec.description),
    remarks: find(spec.remarks),
    amount: find(spec.amount),
    direction: find(spec.direction),
    status: find(spec.status),
    tradeNo: find(spec.tradeNo),
  };
  const headerLine = header.index + 1;
  for (const [key, label] of [
    ['time', '交易时间'],
    ['amount', '金额'],
    ['direction', '收/支'],
    ['counterparty', '交易对方'],
  ] as const) {
    if (col[key].length === 0) {
      throw fileError(headerLine, `表头缺少“${label}”列。${REEXPORT_ZH}`, `the header has no "${label}" column. ${REEXPORT_EN}`);
    }
  }
  const needed = Math.max(...Object.values(col).flat()) + 1;
  const rows: BillRow[] = [];
  // The rows end at the dashed line (web export) or at the summary ("共12笔记录").
  let end = header.index + 1;
  while (end < lines.length && !DASHED.test(lines[end]!) && !/^\s*共\s*\d+\s*笔记录/.test(lines[end]!)) end++;
  for (const { lineNo, c } of await rowsOf(lines, header.index + 1, end)) {
    if (c.every((v) => v === '')) continue;
    if (c.length < needed) {
      throw fileError(
        lineNo,
        `这一行只有 ${c.length} 列，表头（第 ${headerLine} 行）要求至少 ${needed} 列，可能被截断或拆行了。${REEXPORT_ZH}`,
        `this line has ${c.length} columns where the header (line ${headerLine}) needs at least ${needed}; it may be cut short or split. ${REEXPORT_EN}`,
      );
    }
    const firstOf = (idx: number[]) => idx.map((k) => c[k]).find((v) => v !== undefined && v !== '') ?? '';
    const timeText = firstOf(col.time);
    const time = normaliseTime(timeText);
    if (!time) {
      throw fileError(
        lineNo,
        `交易时间“${timeText.slice(0, 30)}”无法识别。${REEXPORT_ZH}`,
        `the time "${timeText.slice(0, 30)}" is not a date. ${REEXPORT_EN}`,
      );
    }
    const amountText = c[col.amount[0]!]!;
    const amount = tryParseFen(amountText, { allowZero: true, allowNegative: true });
    if (!amount.ok) {
      throw fileError(
        lineNo,
        `金额“${amountText.slice(0, 30)}”不是有效金额。${REEXPORT_ZH}`,
        `the amount "${amountText.slice(0, 30)}" is not a valid amount. ${REEXPORT_EN}`,
      );
    }
    const directionText = c[col.direction[0]!]!;
    const direction = DIRECTIONS[norm(directionText)];
    if (!direction) {
      throw fileError(
        lineNo,
        `“收/支”一栏是“${directionText.slice(0, 20)}”，应为 收入、支出 或 不计收支，这一行的列可能错位了。${REEXPORT_ZH}`,
        `the 收/支 column reads "${directionText.slice(0, 20)}" instead of 收入, 支出 or 不计收支; the columns may be shifted. ${REEXPORT_EN}`,
      );
    }
    rows.push({
      line: lineNo,
      time,
      direction,
      directionText: directionText || '不计收支',
      // The sign stays: a −10,000 收入 is money taken back, and reading it as +10,000 would call it the refund.
      amountFen: amount.fen,
      counterparty: firstOf(col.counterparty),
      description: col.description
        .map((k) => c[k])
        .filter((v) => v && v !== '/')
        .join(' · '),
      remarks: firstOf(col.remarks) === '/' ? '' : firstOf(col.remarks),
      status: firstOf(col.status),
      tradeNo: firstOf(col.tradeNo) || null,
    });
  }
  return { shape: header.shape, encoding, headerLine, rows };
}
