/** Whether an export in the watched folder is finished: its last line, in the encodings ERPs write. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { lastLineCut } from '../../../src-main/core/stock/settledFile';

describe('a cut last line in a watched CSV', () => {
  const whole = 'SKU,仓库,可用库存\r\nA001,义乌仓,120\r\n';
  const cut = 'SKU,仓库,可用库存\r\nA001,义乌仓,12';

  it('is seen in UTF-8, GBK and UTF-16 (both byte orders), with CRLF or LF', () => {
    for (const enc of ['utf8', 'gbk', 'utf16le', 'utf16be']) {
      expect(lastLineCut('stock.csv', iconv.encode(whole, enc))).toBe(false);
      expect(lastLineCut('stock.csv', iconv.encode(whole.replaceAll('\r\n', '\n'), enc))).toBe(false);
      expect(lastLineCut('stock.csv', iconv.encode(cut, enc))).toBe(true);
    }
  });

  it('is not claimed for a one-line file, an empty file or a workbook', () => {
    expect(lastLineCut('stock.csv', Buffer.from('SKU,仓库,可用库存'))).toBe(false);
    expect(lastLineCut('stock.csv', Buffer.alloc(0))).toBe(false);
    expect(lastLineCut('stock.xlsx', Buffer.from(cut))).toBe(false);
  });
});
