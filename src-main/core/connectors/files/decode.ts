/**
 * Turns a stock file's bytes into text the way sellers' ERPs and spreadsheets write it: UTF-8 with or
 * without a BOM, UTF-16 (Excel's "Unicode text"), or a Chinese legacy encoding (GBK/GB18030, Big5)
 * detected from the bytes, never asked of the seller.
 */
import { AppError } from '../../../../src-shared/errors';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { refusePasswordProtected } from '../../platform/passwordProtected';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030' | 'big5' | string;

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

export function decodeText(buf: Buffer): { text: string; encoding: FileEncoding } {
  // A BOM says UTF-8 whatever follows; a bad byte after it becomes U+FFFD and its line is refused.
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    // Valid UTF-8 is taken as UTF-8: GBK text is almost never valid UTF-8 by accident.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    const u = readUtf8(buf);
    if (u.good >= MOSTLY_UTF8 * u.bad) return { text: u.text, encoding: 'utf-8' };
    const guess = (chardet.detect(buf.subarray(0, 64 * 1024)) ?? '').toLowerCase();
    // GBK and GB2312 are subsets of GB18030, so one decoder serves them all.
    const encoding =
      guess === 'big5'
        ? 'big5'
        : guess && !/gb|utf|ascii|iso-8859|windows-125/.test(guess) && iconv.encodingExists(guess)
          ? guess
          : 'gb18030';
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
