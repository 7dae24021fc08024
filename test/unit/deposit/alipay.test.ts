import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { parseAlipayBill } from '../../../src-main/core/deposit/alipay';
import { AppError } from '../../../src-shared/errors';
import { appExport, gbk, REFUND_ROWS, utf8, webExport } from './alipayFixtures';

async function fileError(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the file to be rejected');
}

describe('Alipay bill import', () => {
  it('reads a GBK web export past its preamble and stops before the summary lines', async () => {
    const bytes = gbk(webExport(REFUND_ROWS));
    // The bytes really are GBK: reading them as UTF-8 would garble the Chinese.
    expect(bytes.toString('utf8')).not.toContain('支付宝');
    const bill = await parseAlipayBill(bytes);
    expect(bill.shape).toBe('web');
    expect(bill.encoding).toBe('GBK/GB18030');
    expect(bill.headerLine).toBe(5);
    expect(bill.rows).toHaveLength(REFUND_ROWS.length);
    expect(bill.rows.map((r) => r.line)).toEqual([6, 7, 8, 9]);
    const refund = bill.rows[2]!;
    expect(refund).toMatchObject({
      time: '2026-10-12 14:03:11',
      direction: 'income',
      amountFen: 1_000_000,
      counterparty: 'Alibaba.com Singapore E-Commerce Private Limited',
      status: '交易成功',
      tradeNo: '2026101222001400000002',
    });
    expect(refund.description).toContain('保证金退回');
    expect(bill.rows.map((r) => r.direction)).toEqual(['expense', 'income', 'income', 'neutral']);
  });

  it('reads the app export (information block, 电子客户回单 line) in UTF-8, with and without BOM', async () => {
    for (const [bytes, encoding] of [
      [utf8(appExport(REFUND_ROWS)), 'UTF-8'],
      [utf8(appExport(REFUND_ROWS), true), 'UTF-8 BOM'],
    ] as const) {
      const bill = await parseAlipayBill(bytes);
      expect(bill.shape).toBe('app');
      expect(bill.encoding).toBe(encoding);
      expect(bill.headerLine).toBe(16);
      expect(bill.rows).toHaveLength(4);
      expect(bill.rows[2]).toMatchObject({ line: 19, direction: 'income', amountFen: 1_000_000, time: '2026-10-12 14:03:11' });
      expect(bill.rows[3]!.direction).toBe('neutral');
    }
  });

  it('reads the app export in GBK too', async () => {
    const bill = await parseAlipayBill(gbk(appExport(REFUND_ROWS)));
    expect(bill.shape).toBe('app');
    expect(bill.rows[2]!.counterparty).toContain('Alibaba');
  });

  it('reads amounts with thousands separators and slash dates as Excel re-saves them', async () => {
    const rows = [
      {
        time: '2026/10/12 9:03',
        counterparty: '阿里巴巴（中国）网络技术有限公司',
        description: '保证金解冻',
        amount: '1,234,567.89',
        direction: '收入' as const,
      },
      { time: '2026-10-13 10:00:00', counterparty: '李四', description: '转账', amount: '12.5', direction: '支出' as const },
    ];
    const bill = await parseAlipayBill(gbk(webExport(rows)));
    expect(bill.rows[0]).toMatchObject({ amountFen: 123_456_789, time: '2026-10-12 09:03:00' });
    expect(bill.rows[1]!.amountFen).toBe(1250);
  });

  it('reads a 备注 with a line break in its quotes as one row, and names the later rows by their own lines', async () => {
    const rows = REFUND_ROWS.map((r, i) => (i === 1 ? { ...r, remarks: '第一行\n第二行' } : r));
    const bill = await parseAlipayBill(gbk(webExport(rows)));
    expect(bill.rows).toHaveLength(REFUND_ROWS.length);
    expect(bill.rows[1]!.remarks).toBe('第一行\n第二行');
    expect(bill.rows.map((r) => r.line)).toEqual([6, 7, 9, 10]);
    expect(bill.rows[2]).toMatchObject({ direction: 'income', amountFen: 1_000_000 });
  });

  it('rejects a row that lost its columns, naming its line', async () => {
    const text = webExport(REFUND_ROWS).split('\r\n');
    text[7] = '2026101222001400000002\t,\t,2026-10-12 14:03:11'; // line 8, cut short
    const e = await fileError(() => parseAlipayBill(gbk(text.join('\r\n'))));
    expect(e.code).toBe('FILE_INVALID');
    expect(e.messageZh).toContain('第 8 行');
    expect(e.messageEn).toContain('line 8');
    expect(e.issues?.[0]!.path).toBe('line 8');
    expect(e.messageZh).toContain('重新导出');
  });

  it('rejects an amount that is not a number, naming its line', async () => {
    const rows = REFUND_ROWS.map((r, i) => (i === 1 ? { ...r, amount: '10,000.0O' } : r));
    const e = await fileError(() => parseAlipayBill(utf8(appExport(rows))));
    expect(e.messageZh).toContain('第 18 行');
    expect(e.messageZh).toContain('10,000.0O');
  });

  it('rejects unbalanced quotes and shifted 收/支 columns, naming the line', async () => {
    const lines = appExport(REFUND_ROWS).split('\n');
    lines[17] = lines[17]!.replace('"10,000.00"', '"10,000.00');
    expect((await fileError(() => parseAlipayBill(utf8(lines.join('\n'))))).issues?.[0]!.path).toBe('line 18');
    const shifted = REFUND_ROWS.map((r, i) => (i === 0 ? { ...r, direction: '交易成功' as never } : r));
    const e = await fileError(() => parseAlipayBill(utf8(appExport(shifted))));
    expect(e.issues?.[0]!.path).toBe('line 17');
    expect(e.messageZh).toContain('收/支');
  });

  it('rejects a file that is not an Alipay bill, and an empty one', async () => {
    const e = await fileError(() => parseAlipayBill(iconv.encode('SKU,仓库,可用库存\nA-1,深圳仓,5\n', 'gbk')));
    expect(e.code).toBe('FILE_INVALID');
    expect(e.messageZh).toContain('表头');
    expect((await fileError(() => parseAlipayBill(Buffer.alloc(0)))).messageZh).toContain('空');
  });

  it('reads the CSV inside the .zip Alipay downloads, and says what to do with a workbook, a password, or a zip without one bill', async () => {
    const csv = gbk(webExport(REFUND_ROWS));
    const zipped = Buffer.from(zipSync({ 'alipay_record_20261101_0931_1.csv': csv }));
    const bill = await parseAlipayBill(zipped);
    const plain = await parseAlipayBill(csv);
    expect(bill.rows).toEqual(plain.rows);
    expect(bill.encoding).toBe('ZIP（alipay_record_20261101_0931_1.csv）· GBK/GB18030');

    // A Chinese Windows archiver writes the entry's name in GBK without marking it UTF-8.
    const gbkName = Buffer.from(zipSync({ 'abcd.csv': csv }));
    for (let at = gbkName.indexOf('abcd.csv'); at >= 0; at = gbkName.indexOf('abcd.csv', at + 1))
      iconv.encode('账单.csv', 'gbk').copy(gbkName, at);
    expect((await parseAlipayBill(gbkName)).encoding).toBe('ZIP（账单.csv）· GBK/GB18030');

    // An .xlsx is a zip too: before, "no bill header was found".
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('账单').addRow(['交易号', '交易对方', '金额（元）', '收/支']);
    const xlsx = await fileError(async () => parseAlipayBill(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(xlsx.code).toBe('FILE_INVALID');
    expect(xlsx.messageZh).toContain('这是 Excel 表格');
    expect(xlsx.messageZh).toContain('“另存为” CSV');
    expect(xlsx.messageEn).toContain('save it as CSV');
    expect(xlsx.messageZh).not.toContain('表头');
    const xls = await fileError(() =>
      parseAlipayBill(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])),
    );
    expect(xls.messageZh).toContain('这是 Excel 表格');

    // The zip Alipay mails is protected: bit 0 of the entry's flags, in its local header and in the directory.
    const locked = Buffer.from(zipped);
    locked[6] = locked[6]! | 1;
    const directory = locked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    locked[directory + 8] = locked[directory + 8]! | 1;
    expect((await fileError(() => parseAlipayBill(locked))).messageZh).toContain('输入支付宝提供的解压密码解压，再导入里面的 CSV 文件');

    const two = Buffer.from(zipSync({ 'a.csv': csv, 'b.csv': csv }));
    expect((await fileError(() => parseAlipayBill(two))).messageZh).toContain('有 2 个 CSV 文件（a.csv、b.csv）');
    const none = await fileError(() => parseAlipayBill(Buffer.from(zipSync({ '说明.txt': Buffer.from('x') }))));
    expect(none.messageZh).toContain('没有 CSV 文件（里面是：说明.txt）');
    expect(none.messageEn).toContain('Unzip it and import the CSV bill');
    const cut = await fileError(() => parseAlipayBill(zipped.subarray(0, zipped.length - 30)));
    expect(cut.messageZh).toContain('已损坏或没有下载完整');
  });
});
