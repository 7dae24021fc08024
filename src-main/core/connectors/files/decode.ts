/**
 * Turns a stock file's bytes into text the way sellers' ERPs and spreadsheets write it: UTF-8 with or
 * without a BOM, UTF-16 (Excel's "Unicode text"), or a Chinese legacy encoding (GBK/GB18030, Big5)
 * detected from the bytes, never asked of the seller.
 */
import { AppError } from '../../../../src-shared/errors';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { refusePasswordProtected } from '../../platform/passwordProtected';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | string;

export function isXlsx(buf: Uint8Array): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** UTF-8 read leniently: each bad byte sequence becomes U+FFFD, and is counted against the characters read well. */
function readUtf8(bytes: Uint8Array): { text: string; bad: number; good: number } {
  const text = new TextDecoder('utf-8').decode(bytes);
  let bad = 0;
  let good = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.charCodeAt(0) >= 0x80) good++;
  }
  return { text, bad, good };
}

/**
 * GBK text read as UTF-8 gives several bad sequences for each one that happens to be valid; a UTF-8
 * file with a stray byte (a "Café" saved from another program, a file cut mid-character) gives
 * one or two among many good characters. Four good to one bad keeps such a file UTF-8, so only its
 * damaged lines (U+FFFD where the bad bytes were) are refused, instead of every Chinese name
 * turning into GB18030 mojibake.
 */
const MOSTLY_UTF8 = 4;

/** What the encoding is decided from: the start says as much as the whole (chardet over 18 MB took seconds). */
const HEAD = 64 * 1024;

/**
 * UTF-16 saved without a BOM: a stock file is mostly ASCII (digits, commas, SKUs), whose high byte
 * is 0, so one byte position of every pair is 0 and the other almost never is.
 */
function utf16WithoutBom(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  const head = buf.subarray(0, HEAD & ~1);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const pairs = head.length / 2;
  if (odd > 0 && odd >= pairs / 4 && even * 20 <= odd) return 'utf-16le';
  if (even > 0 && even >= pairs / 4 && odd * 20 <= even) return 'utf-16be';
  return null;
}

/**
 * How much of a legacy reading no Chinese ERP could have written: unreadable bytes (U+FFFD) and
 * the user-defined area (private use). Big5 read as GBK gives many (倉 reads as a private-use
 * character); GBK read as Big5 gives U+FFFD wherever GBK used a byte Big5 never does. Kana, Greek
 * and the like are not counted: GBK has them too, and a product name may hold some.
 */
function unreadable(text: string): { chinese: number; impossible: number } {
  const out = { chinese: 0, impossible: 0 };
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    out.chinese++;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) out.impossible++;
  }
  return out;
}

/** One in ten unreadable characters is more than a stray byte: the reading is the wrong encoding. */
const readable = (r: { chinese: number; impossible: number }) => r.impossible * 10 < r.chinese;

const cannotTell = () =>
  new AppError(
    'FILE_INVALID',
    '无法判断这个文件的文字编码：它不是 UTF-8，按简体（GBK）和繁体（Big5）读出来都像乱码。为了不把乱码存成仓库和 SKU，文件没有导入。请在 ERP 或 Excel 里把它另存为“CSV UTF-8”或 Excel 工作簿（.xlsx）后再导入。',
    'The text encoding of this file cannot be told: it is not UTF-8, and read as Simplified (GBK) or Traditional (Big5) Chinese it comes out garbled either way. It was not imported, so no garbled warehouse or SKU is stored. Save it from the ERP or Excel as "CSV UTF-8" or as an Excel workbook (.xlsx), then import that.',
  );

/**
 * A Chinese legacy encoding: GBK/GB18030 (mainland ERPs) unless the bytes say Big5 (Taiwan and
 * Hong Kong ERPs). chardet alone cannot be trusted on a short file (it named ISO-8859-1 for a
 * one-line Big5 file, and Shift_JIS for 台北倉 in GBK), so it decides only when sure, and otherwise
 * each reading is looked at: the one a Chinese ERP could have written wins. GB18030 is a superset of GBK and GB2312, so one decoder
 * serves them all, and stays the choice whenever its reading is clean.
 */
function legacyChinese(buf: Buffer): FileEncoding {
  const head = buf.subarray(0, HEAD);
  // NUL bytes are no text in any of these: the caller refuses the file as not a table.
  if (head.includes(0)) return 'gb18030';
  const sure = chardet
    .analyse(head)
    .filter((m) => m.confidence >= 50)
    .map((m) => m.name.toLowerCase());
  if (sure[0] === 'big5' && readable(unreadable(iconv.decode(head, 'big5')))) return 'big5';
  const other = sure[0];
  if (other && !/gb|big5|utf|ascii|iso-8859|windows-125/.test(other) && iconv.encodingExists(other)) return other;
  // A GBK file, perhaps with a stray byte or two (only the damaged lines are then refused).
  if (readable(unreadable(iconv.decode(head, 'gb18030')))) return 'gb18030';
  if (readable(unreadable(iconv.decode(head, 'big5')))) return 'big5';
  throw cannotTell();
}

export function decodeText(buf: Buffer): { text: string; encoding: FileEncoding } {
  // A BOM says UTF-8 whatever follows; a bad byte after it becomes U+FFFD and its line is refused.
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  // UTF-16 (Excel's "Unicode text", some ERPs' exports), in either byte order.
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return { text: iconv.decode(buf, utf16), encoding: utf16 };
  try {
    // Valid UTF-8 is taken as UTF-8: GBK text is almost never valid UTF-8 by accident.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    const u = readUtf8(buf);
    if (u.good >= MOSTLY_UTF8 * u.bad) return { text: u.text, encoding: 'utf-8' };
    const encoding = legacyChinese(buf);
    return { text: iconv.decode(buf, encoding), encoding };
  }
}

const HTML = /^\s*(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html|<meta|<head)/i;

/** Refuses what is not a table at all, before any decoding: saying what it is helps the seller. */
export function refuseNonTable(buf: Buffer): void {
  refusePasswordProtected(buf);
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new AppError(
      'FILE_INVALID',
      '这是旧版 Excel 文件（.xls 97-2003），无法直接读取。请在 Excel 里“另存为” Excel 工作簿（.xlsx）或 CSV 后再导入。',
      'This is an old Excel file (.xls, 97-2003), which cannot be read. Save it as an Excel workbook (.xlsx) or CSV in Excel, then import it.',
    );
  }
  const head = buf
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (HTML.test(head)) {
    throw new AppError(
      'FILE_INVALID',
      '这个文件其实是网页（HTML），只是扩展名是 .xls。很多 ERP 这样“导出 Excel”。请用 Excel 打开它，再“另存为” .xlsx 或 CSV 后导入。',
      'This file is really a web page (HTML) with an .xls name, as many ERPs "export to Excel". Open it in Excel, save it as .xlsx or CSV, then import that.',
    );
  }
}
