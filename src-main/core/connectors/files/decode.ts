/**
 * Turns a stock file's bytes into text the way sellers' ERPs and spreadsheets write it: UTF-8 with or
 * without a BOM, UTF-16 (Excel's "Unicode text"), or a Chinese legacy encoding (GBK/GB18030, Big5)
 * detected from the bytes, never asked of the seller.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030' | 'big5' | string;

export function isXlsx(buf: Uint8Array): boolean {
  return buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

export function decodeText(buf: Buffer): { text: string; encoding: FileEncoding } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  try {
    // Valid UTF-8 is taken as UTF-8: GBK text is almost never valid UTF-8 by accident.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
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
