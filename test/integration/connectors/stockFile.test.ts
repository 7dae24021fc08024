import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { parseStockFile } from '../../../src-main/core/connectors/files/parseStockFile';
import { call } from '../../helpers/channels';
import { FixtureMarketplace, makeApp } from '../stock/fixtures';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempApp';

const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';

describe('stock file parsing', () => {
  it('reads a GBK CSV with Chinese headers, detecting the encoding itself', async () => {
    const text = csv([
      '商品编码,商品名称,仓库名称,可用数量,安全库存,产品分类,状态',
      'TS100001-BK,纯棉T恤 黑色,深圳仓,12,2,服装/T恤,在售',
      'TS100001-WH,纯棉T恤 白色,义乌仓,0,,服装/T恤,停售',
    ]);
    const buf = iconv.encode(text, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buf)).toThrow(); // really not UTF-8
    const r = await parseStockFile(buf);
    expect(r.encoding).toBe('gb18030');
    expect(r.columns.needsMapping).toBe(false);
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      {
        sku: 'TS100001-BK',
        warehouseId: '深圳仓',
        warehouseName: '深圳仓',
        available: 12,
        safety: 2,
        productName: '纯棉T恤 黑色',
        productStatus: '在售',
        category: '服装/T恤',
      },
      {
        sku: 'TS100001-WH',
        warehouseId: '义乌仓',
        warehouseName: '义乌仓',
        available: 0,
        safety: 0,
        productName: '纯棉T恤 白色',
        productStatus: '停售',
        category: '服装/T恤',
      },
    ]);
  });

  it('reads a UTF-8 CSV with BOM and English headers, skipping title lines above the header', async () => {
    const text =
      '\uFEFF' + csv(['Stock export 2026-01-05', '', 'SKU,Warehouse,Available Stock,Safety Stock', 'A-1,Main,5,1', '"B,2",Main,"1,200",0']);
    const r = await parseStockFile(Buffer.from(text, 'utf8'));
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.columns.headerLine).toBe(3);
    expect(r.rows.map((x) => [x.sku, x.available, x.safety])).toEqual([
      ['A-1', 5, 1],
      ['B,2', 1200, 0],
    ]);
    expect(r.rows[0]!.sku.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('reads an XLSX workbook (first sheet, rich text and formulas as their values)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('库存');
    ws.addRow(['SKU编码', '仓库', '可用库存', '安全库存', '分类']);
    ws.addRow(['DC100010-BK', '深圳仓', 30, 3, '3C数码']);
    ws.addRow([{ richText: [{ text: 'DC100010' }, { text: '-WH' }] }, '深圳仓', { formula: '10+5', result: 15 }, null, '3C数码']);
    wb.addWorksheet('说明').addRow(['SKU', '仓库', '可用库存']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await parseStockFile(buf);
    expect(r.format).toBe('xlsx');
    expect(r.rows.map((x) => [x.sku, x.warehouseName, x.available, x.safety, x.category])).toEqual([
      ['DC100010-BK', '深圳仓', 30, 3, '3C数码'],
      ['DC100010-WH', '深圳仓', 15, 0, '3C数码'],
    ]);
  });

  it('names every bad line and why, and accepts full-width digits and stray spaces', async () => {
    const text = csv([
      'SKU,仓库,可用库存,安全库存', // line 1
      'OK-1,深圳仓,10,0', // 2 fine
      ',深圳仓,5,0', // 3 empty SKU
      'OK-1,深圳仓,7,0', // 4 duplicate of line 2
      'OK-2,深圳仓,abc,0', // 5 not a number
      'OK-3,深圳仓,-4,0', // 6 negative available: the ERP oversold, kept (nothing is sellable)
      'OK-4,深圳仓,２５,１', // 7 full-width digits: accepted as 25 / 1
      '  OK-5  ,深圳仓 ,8 ,0', // 8 stray spaces: accepted
      'OK-6,深圳仓,,0', // 9 empty available
      'OK-7,深圳仓,3.5,0', // 10 fraction
      'OK-8,,3,0', // 11 empty warehouse
      'OK-9,深圳仓,3,-1', // 12 negative safety
      'ＯＫ－１,深圳仓,1,0', // 13 full-width SKU folds to OK-1: duplicate of line 2
    ]);
    const r = await parseStockFile(Buffer.from(text, 'utf8'));
    expect(r.rows.map((x) => [x.sku, x.warehouseName, x.available, x.safety])).toEqual([
      ['OK-1', '深圳仓', 10, 0],
      ['OK-3', '深圳仓', -4, 0],
      ['OK-4', '深圳仓', 25, 1],
      ['OK-5', '深圳仓', 8, 0],
    ]);
    expect(r.normalised).toBe(2);
    expect(r.rejected.map((x) => x.line)).toEqual([3, 4, 5, 9, 10, 11, 12, 13]);
    const why = Object.fromEntries(r.rejected.map((x) => [x.line, x.reason.zh]));
    expect(why[3]).toContain('SKU为空');
    expect(why[4]).toContain('第 2 行重复');
    expect(why[5]).toContain('不是数字');
    expect(why[9]).toContain('为空');
    expect(why[10]).toContain('不是整数');
    expect(why[11]).toContain('仓库为空');
    expect(why[12]).toContain('安全库存');
    expect(why[13]).toContain('第 2 行重复');
    expect(r.rejected.every((x) => x.reason.en.length > 5)).toBe(true);
  });

  it('asks for a column mapping when headers are not recognised, then uses it', async () => {
    const text = csv(['编号,地点,数目', 'X-1,深圳仓,4', 'X-2,深圳仓,0']);
    const first = await parseStockFile(Buffer.from(text, 'utf8'));
    expect(first.columns.needsMapping).toBe(true);
    expect(first.columns.missing).toEqual(['sku', 'available', 'warehouse']);
    expect(first.columns.headers).toEqual(['编号', '地点', '数目']);
    expect(first.rows).toEqual([]);
    const mapped = await parseStockFile(Buffer.from(text, 'utf8'), { mapping: { sku: '编号', warehouse: 1, available: '数目' } });
    expect(mapped.columns.needsMapping).toBe(false);
    expect(mapped.rows.map((x) => [x.sku, x.warehouseName, x.available])).toEqual([
      ['X-1', '深圳仓', 4],
      ['X-2', '深圳仓', 0],
    ]);
    const oneWh = await parseStockFile(Buffer.from(csv(['SKU,可用库存', 'Y-1,3']), 'utf8'), { defaultWarehouse: '深圳仓' });
    expect(oneWh.rows).toEqual([expect.objectContaining({ sku: 'Y-1', warehouseName: '深圳仓', available: 3 })]);
  });

  it('refuses a file that is not a table', async () => {
    const junk = Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x00, 0x00, 0x9f, 0x00]);
    await expect(parseStockFile(junk)).rejects.toMatchObject({ code: 'FILE_INVALID' });
  });

  it('parses 100k rows in chunks, reporting progress and letting other work run meanwhile', async () => {
    const lines = ['SKU,仓库,可用库存'];
    for (let i = 0; i < 100_000; i++) lines.push(`SKU${i},${i % 2 ? '深圳仓' : '义乌仓'},${i % 50}`);
    const progress: number[] = [];
    let ticks = 0;
    const t = setInterval(() => ticks++, 0);
    try {
      const r = await parseStockFile(Buffer.from(csv(lines), 'utf8'), { onProgress: (p) => progress.push(p.done) });
      expect(r.rows).toHaveLength(100_000);
      expect(r.rejected).toHaveLength(0);
    } finally {
      clearInterval(t);
    }
    expect(progress.length).toBeGreaterThanOrEqual(50);
    expect(progress.at(-1)).toBe(100_001);
    expect(ticks).toBeGreaterThan(10); // timers ran during the parse: the loop was not blocked throughout
  });

  it('counts lines as the seller sees them: a quoted line break inside a field does not shift the lines after it', async () => {
    const text = [
      'SKU,仓库,可用库存,商品名称',
      'A-1,深圳仓,1,"两行\r\n的名称"',
      'A-2,深圳仓,x,普通',
      'A-3,深圳仓,2,"又一个\n换行"',
      'A-4,深圳仓,-,末行',
    ].join('\r\n');
    const r = await parseStockFile(Buffer.from(text, 'utf8'));
    // A-1 spans lines 2-3, A-2 is on line 4, A-3 spans 5-6, A-4 is on line 7.
    expect(r.rows.map((x) => x.sku)).toEqual(['A-1', 'A-3']);
    expect(r.rejected.map((x) => [x.line, x.sku])).toEqual([
      [4, 'A-2'],
      [7, 'A-4'],
    ]);
  });

  it('refuses by line what is not a whole quantity in range: dates, decimals, huge values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('库存');
    ws.addRow(['SKU', '仓库', '可用库存', '安全库存']); // row 1
    ws.addRow(['D-1', '深圳仓', new Date(Date.UTC(2026, 0, 5)), 0]); // 2: a date cell (Excel keeps it as 46027)
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    ws.addRow(['D-2', '深圳仓', 2.5, 0]); // 3: decimal
    ws.addRow(['D-3', '深圳仓', 7, 1]); // 4: fine
    ws.addRow(['D-4', '深圳仓', 12, new Date(Date.UTC(2026, 1, 1))]); // 5: a date as safety stock
    const r = await parseStockFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.rows.map((x) => [x.sku, x.available])).toEqual([['D-3', 7]]);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 5]);
    expect(r.rejected[0]!.reason.zh).toContain('日期');
    expect(r.rejected[1]!.reason.zh).toContain('不是整数');
    expect(r.rejected[2]!.reason.zh).toContain('安全库存是一个日期');

    const csvR = await parseStockFile(
      Buffer.from(
        csv([
          'SKU,仓库,可用库存',
          'H-1,深圳仓,99999999999999999999',
          'H-2,深圳仓,100000000',
          'H-3,深圳仓,99999999',
          'H-4,深圳仓,4.0',
          'H-5,深圳仓,1e5',
        ]),
        'utf8',
      ),
    );
    expect(csvR.rows.map((x) => [x.sku, x.available])).toEqual([
      ['H-3', 99_999_999],
      ['H-4', 4],
    ]);
    expect(csvR.rejected.map((x) => [x.line, x.reason.zh.includes('超过') || x.reason.zh.includes('不是数字')])).toEqual([
      [2, true],
      [3, true],
      [6, true],
    ]);
    expect(csvR.rows.every((x) => Number.isSafeInteger(x.available))).toBe(true);
  });

  it('refuses by line SKUs of zero-width, control or bidi characters, or of absurd length', async () => {
    const long = 'X'.repeat(2 * 1024 * 1024);
    const text = csv([
      'SKU,仓库,可用库存',
      '\u200b\u200b,深圳仓,1',
      'AB\u202eC,深圳仓,1',
      'A\u0007B,深圳仓,1',
      `${long},深圳仓,1`,
      'OK-1,深圳仓,1',
      'OK-2,深\u200d圳仓,1',
    ]);
    const r = await parseStockFile(Buffer.from(text, 'utf8'));
    expect(r.rows.map((x) => x.sku)).toEqual(['OK-1']);
    expect(r.rejected.map((x) => x.line)).toEqual([2, 3, 4, 5, 7]);
    expect(r.rejected[0]!.reason.zh).toContain('U+200B');
    expect(r.rejected[1]!.reason.zh).toContain('U+202E');
    expect(r.rejected[2]!.reason.zh).toContain('U+0007');
    expect(r.rejected[3]!.reason.zh).toContain('太长');
    expect(r.rejected[3]!.sku!.length).toBeLessThan(200); // the report never carries the 2 MB cell
    expect(r.rejected[4]!.reason.zh).toContain('仓库名称');
  });

  it('never ends in silence: a file with nothing usable says what it found', async () => {
    const noQty = await parseStockFile(Buffer.from(csv(['SKU,仓库,备注', 'A,深圳仓,x']), 'utf8'));
    expect(noQty.columns.missing).toEqual(['available']);
    expect(noQty.problem?.zh).toContain('“可用库存”');
    expect(noQty.problem?.zh).toContain('SKU、仓库、备注');
    expect(noQty.sample).toEqual([['A', '深圳仓', 'x']]);

    const headerOnly = await parseStockFile(Buffer.from(csv(['SKU,仓库,可用库存']), 'utf8'));
    expect(headerOnly.problem?.zh).toContain('没有数据行');

    const allBad = await parseStockFile(Buffer.from(csv(['SKU,仓库,可用库存', 'A,深圳仓,x', 'B,深圳仓,y']), 'utf8'));
    expect(allBad.problem?.zh).toContain('全部 2 行');
    expect(allBad.rejected).toHaveLength(2);

    expect((await parseStockFile(Buffer.alloc(0))).problem?.zh).toContain('空');

    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    const e = await parseStockFile(Buffer.from(await empty.xlsx.writeBuffer()));
    expect(e.problem?.zh).toContain('工作簿里没有任何数据');
    expect(e.problem?.zh).toContain('Sheet1');

    const html = Buffer.from('<html><head><meta charset="utf-8"></head><body><table><tr><td>SKU</td></tr></table></body></html>');
    await expect(parseStockFile(html)).rejects.toMatchObject({ code: 'FILE_INVALID', message: expect.stringContaining('网页') });
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await expect(parseStockFile(xls)).rejects.toMatchObject({ code: 'FILE_INVALID', message: expect.stringContaining('.xls') });

    const big5 = iconv.encode(csv(['商品編碼,倉庫,可用數量', 'B5-1,台北倉,3']), 'big5');
    const b = await parseStockFile(big5);
    // Traditional headers are recognised as their Simplified words, and read as written.
    expect(b.columns.headers).toEqual(['商品編碼', '倉庫', '可用數量']);
    expect(b.rows).toEqual([expect.objectContaining({ sku: 'B5-1', warehouseName: '台北倉', available: 3 })]);
  });

  it('reads Big5 (Taiwan and Hong Kong ERPs) and UTF-16 in both byte orders; GBK and UTF-8 as before; refuses a file whose encoding cannot be told', async () => {
    const tw = csv([
      'SKU,倉庫,可用庫存,安全庫存,商品名稱,狀態',
      'TW-001,台北倉,12,2,藍色連帽外套 M號,在售',
      'TW-002,高雄倉,0,0,運動鞋 黑色,在售',
    ]);
    const twRows = [
      ['TW-001', '台北倉', 12, 2, '藍色連帽外套 M號'],
      ['TW-002', '高雄倉', 0, 0, '運動鞋 黑色'],
    ];
    const read = async (bytes: Buffer) => {
      const r = await parseStockFile(bytes);
      return { encoding: r.encoding, rows: r.rows.map((x) => [x.sku, x.warehouseName, x.available, x.safety, x.productName]) };
    };
    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(tw, 'utf16be')]);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tw, 'utf16le')]);
    expect(await read(iconv.encode(tw, 'big5'))).toEqual({ encoding: 'big5', rows: twRows });
    expect(await read(utf16be)).toEqual({ encoding: 'utf-16be', rows: twRows });
    expect(await read(utf16le)).toEqual({ encoding: 'utf-16le', rows: twRows });
    // Saved without the byte-order mark, as some ERPs do.
    expect(await read(iconv.encode(tw, 'utf16be'))).toEqual({ encoding: 'utf-16be', rows: twRows });
    // A one-line file, too short for the statistics (they named ISO-8859-1, and it became mojibake): its bytes say Big5.
    expect(await read(iconv.encode(csv(['SKU,倉庫,可用庫存', 'B5-1,台北倉,3']), 'big5'))).toEqual({
      encoding: 'big5',
      rows: [['B5-1', '台北倉', 3, 0, undefined]],
    });
    // Hong Kong headers (貨號, 倉庫名稱) are recognised too.
    expect(await read(iconv.encode(csv(['貨號,倉庫名稱,可用數量', 'HK-1,香港葵涌倉,30']), 'big5'))).toEqual({
      encoding: 'big5',
      rows: [['HK-1', '香港葵涌倉', 30, 0, undefined]],
    });

    // GBK and UTF-8 read as before, a short GBK file and Japanese in a product's warehouse name included.
    const cn = csv(['SKU,仓库,可用库存', 'A-1,东莞仓库,3', 'A-2,ソニー专柜,4']);
    const cnRows = [
      ['A-1', '东莞仓库', 3, 0, undefined],
      ['A-2', 'ソニー专柜', 4, 0, undefined],
    ];
    expect(await read(iconv.encode(cn, 'gbk'))).toEqual({ encoding: 'gb18030', rows: cnRows });
    expect(await read(Buffer.from(cn, 'utf8'))).toEqual({ encoding: 'utf-8', rows: cnRows });

    // Two exports joined into one file, a UTF-8 one and a GBK one: no reading of it is right.
    const joined = Buffer.concat([
      Buffer.from(csv(['SKU,仓库,可用库存', 'A,义乌仓,3']), 'utf8'),
      iconv.encode(csv(['B,深圳仓,4', 'C,东莞仓,5']), 'gbk'),
    ]);
    await expect(parseStockFile(joined)).rejects.toMatchObject({
      code: 'FILE_INVALID',
      message: expect.stringMatching(/无法判断这个文件的文字编码.*另存为“CSV UTF-8”.*The text encoding of this file cannot be told/s),
    });
  });

  it('finds the stock on a later sheet, reads the sheet asked for, and names the sheets when one is missing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['本表由 ERP 导出']);
    const stock = wb.addWorksheet('库存明细');
    stock.addRow(['货号', '仓库', '可用数量']);
    stock.addRow(['S2-1', '义乌仓', 9]);
    const other = wb.addWorksheet('备用');
    other.addRow(['编号', '仓', '数']);
    other.addRow(['S3-1', '深圳仓', 4]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await parseStockFile(buf);
    expect(r.sheets).toEqual(['说明', '库存明细', '备用']);
    expect(r.sheet).toBe('库存明细');
    expect(r.rows).toEqual([expect.objectContaining({ sku: 'S2-1', available: 9 })]);
    const third = await parseStockFile(buf, { sheet: 3, mapping: { sku: '编号', warehouse: '仓', available: '数' } });
    expect(third.sheet).toBe('备用');
    expect(third.rows).toEqual([expect.objectContaining({ sku: 'S3-1', warehouseName: '深圳仓', available: 4 })]);
    await expect(parseStockFile(buf, { sheet: '库存' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('“库存明细”'),
    });
    // A mapping naming a column the file does not have lists the columns it does have.
    await expect(parseStockFile(buf, { sheet: '库存明细', mapping: { available: '库存' } })).rejects.toMatchObject({
      message: expect.stringContaining('“货号”、“仓库”、“可用数量”'),
    });
  });

  it('refuses a CSV line wider than its header (a thousands comma without quotes), and keeps lines ending in empty cells', async () => {
    const r = await parseStockFile(
      Buffer.from(
        csv([
          'SKU,仓库,可用库存,安全库存',
          'T-2,义乌仓,1,200,5', // 1200 available, 5 safety: one cell too many
          'T-3,义乌仓,12,500,3,', // a trailing comma does not hide the extra cell
          'T-4,义乌仓,7,1,,', // Excel's trailing empty cells
          'T-5,义乌仓,"1,200",0',
        ]),
        'utf8',
      ),
    );
    expect(r.rows.map((x) => [x.sku, x.available, x.safety])).toEqual([
      ['T-4', 7, 1],
      ['T-5', 1200, 0],
    ]);
    expect(r.rejected.map((x) => [x.line, x.sku])).toEqual([
      [2, 'T-2'],
      [3, 'T-3'],
    ]);
    expect(r.rejected[0]!.reason.zh).toContain('比表头（第 1 行，4 列）多');
    expect(r.rejected[0]!.reason.zh).toContain('千位逗号');
    expect(r.rejected[0]!.reason.en).toContain('more than the header');

    const three = await parseStockFile(
      Buffer.from(csv(['SKU,仓库,可用库存', 'A001,义乌仓,1,000', 'A002,义乌仓,12,500', 'A003,义乌仓,7']), 'utf8'),
    );
    expect(three.rows.map((x) => [x.sku, x.available])).toEqual([['A003', 7]]);
    expect(three.rejected.map((x) => x.line)).toEqual([2, 3]);
  });

  it('refuses one column chosen for two fields, naming both and the column', async () => {
    const file = Buffer.from(csv(['SKU,仓库,可用库存,安全库存', 'A001,义乌仓,10,2']), 'utf8');
    // Available and safety from one column would leave every SKU 0 sellable, and each would be unbound.
    await expect(parseStockFile(file, { mapping: { available: 2, safety: 2 } })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      messageZh: '“可用库存”和“安全库存”选了同一列（第 3 列“可用库存”）。一列只能对应一项，请为其中一项另选一列。',
      messageEn: expect.stringContaining('Available stock and Safety stock are both set to column 3'),
    });
    await expect(parseStockFile(file, { mapping: { sku: '可用库存', available: '可用库存' } })).rejects.toMatchObject({
      message: expect.stringContaining('“SKU编码”和“可用库存”选了同一列'),
    });
    // A column chosen for one field is no longer the automatic pick of another.
    const moved = await parseStockFile(file, { mapping: { available: '安全库存' } });
    expect(moved.columns.mapping).toMatchObject({ available: 3, safety: null });
  });

  it('reads a UTF-8 file with a stray byte as UTF-8 and refuses only the damaged lines by number', async () => {
    const utf8 = (text: string) => Buffer.from(text, 'utf8');
    const latin1 = (text: string) => Buffer.from(text, 'latin1');
    // "Café" saved by another program as one Latin-1 byte, in a file otherwise UTF-8.
    const en = Buffer.concat([utf8('SKU,Warehouse,Available,Name\nA001,义乌仓,10,T恤\nA002,义乌仓,3,'), latin1('Caf\u00e9'), utf8('\n')]);
    const r = await parseStockFile(en);
    expect(r.encoding).toBe('utf-8');
    expect(r.rows.map((x) => [x.sku, x.warehouseName, x.available])).toEqual([['A001', '义乌仓', 10]]);
    expect(r.rejected.map((x) => [x.line, x.sku])).toEqual([[3, 'A002']]);
    expect(r.rejected[0]!.reason.zh).toContain('编码在这一行损坏');
    expect(r.rejected[0]!.reason.en).toContain('encoding is damaged on this line');

    // Chinese headers stay readable, and a file cut inside its last character loses only that line.
    const zh = utf8('SKU,仓库,可用库存,安全库存\nA001,义乌仓,10,2\nA002,义乌仓,0,0\nA003,深圳仓,5,1\nA004,义乌');
    const cut = await parseStockFile(zh.subarray(0, zh.length - 4));
    expect(cut.columns.needsMapping).toBe(false);
    expect(cut.rows.map((x) => x.warehouseName)).toEqual(['义乌仓', '义乌仓', '深圳仓']);
    expect(cut.rejected.map((x) => x.line)).toEqual([5]);

    // A damaged header is refused whole: garbled column names cannot be mapped.
    const header = Buffer.concat([utf8('SKU,仓库,可用'), Buffer.from([0xe5, 0xba]), utf8(',备注\nA001,义乌仓,10,仓库里的货\n')]);
    await expect(parseStockFile(header)).rejects.toMatchObject({
      code: 'FILE_INVALID',
      messageZh: expect.stringContaining('第 1 行（表头）'),
    });
  });

  it('refuses by line XLSX SKUs Excel has changed, formulas never saved and error cells, saying what to do', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('库存');
    ws.addRow(['SKU', '仓库', '可用库存', '安全库存']); // row 1
    ws.addRow([new Date(Date.UTC(2026, 2, 12)), '义乌仓', 5, 0]); // 2: "3-12" turned into a date by Excel
    ws.getCell('A2').numFmt = 'yyyy-mm-dd';
    ws.addRow([Number('123456789012345678'), '义乌仓', 5, 0]); // 3: already 123456789012345680
    ws.addRow([123456789012345, '义乌仓', 5, 0]); // 4: 15 digits are exact
    ws.addRow(['F-1', '义乌仓', { formula: 'B9*2' }, 0]); // 5: a formula with no saved result
    ws.addRow(['F-2', '义乌仓', { error: '#N/A' }, 0]); // 6: an error value
    ws.addRow(['F-3', '义乌仓', 4, { formula: '1/0', result: { error: '#DIV/0!' } }]); // 7: a formula that failed
    ws.addRow(['F-4', '义乌仓', { formula: '2+1', result: 3 }, 0]); // 8: a saved formula is its result
    const r = await parseStockFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.rows.map((x) => [x.sku, x.available])).toEqual([
      ['123456789012345', 5],
      ['F-4', 3],
    ]);
    const why = Object.fromEntries(r.rejected.map((x) => [x.line, x.reason]));
    expect(Object.keys(why).map(Number)).toEqual([2, 3, 5, 6, 7]);
    expect(why[2]!.zh).toContain('SKU是一个日期（2026-03-12）');
    expect(why[2]!.zh).toContain('把 SKU 列设为“文本”格式');
    expect(why[3]!.zh).toContain('超过 15 位的数字（123456789012345680）');
    expect(why[3]!.en).toContain('Format the SKU column as text');
    expect(why[5]!.zh).toContain('可用库存是公式，但文件里没有保存计算结果');
    expect(why[5]!.zh).toContain('用 Excel 打开这个文件，保存');
    expect(why[6]!.zh).toContain('可用库存是错误值 #N/A');
    expect(why[7]!.zh).toContain('安全库存是错误值 #DIV/0!');
    expect(JSON.stringify(r.rejected)).not.toContain('[object Object]');
  });

  it('refuses by line a warehouse Excel turned into a date, saying what to do; the other lines import', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('库存');
    ws.addRow(['SKU', '仓库', '可用库存']); // row 1
    ws.addRow(['W-1', new Date(Date.UTC(2026, 2, 12)), 5]); // 2: a warehouse code "3-12" turned into a date by Excel
    ws.getCell('B2').numFmt = 'm-d';
    ws.addRow(['W-2', '3-12', 7]); // 3: the same code kept as text
    ws.addRow(['W-3', 20260312, 4]); // 4: a number is a name Excel did not change
    const r = await parseStockFile(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.rows.map((x) => [x.sku, x.warehouseName, x.available])).toEqual([
      ['W-2', '3-12', 7],
      ['W-3', '20260312', 4],
    ]);
    expect(r.rejected).toEqual([{ line: 2, sku: 'W-1', reason: expect.objectContaining({ zh: expect.any(String) }) }]);
    const why = r.rejected[0]!.reason;
    expect(why.zh).toContain('仓库名称是一个日期（2026-03-12）');
    expect(why.zh).toContain('把仓库列设为“文本”格式');
    expect(why.en).toContain('The warehouse name is a date (2026-03-12)');
    expect(why.en).toContain('Format the warehouse column as text');
  });

  it('guesses the delimiter past a title line: tab and semicolon files with a title above the header', async () => {
    const tab = await parseStockFile(
      Buffer.from(csv(['库存报表', 'SKU\t仓库\t可用库存', 'A001\t义乌仓\t1,200', 'A002\t义乌仓\t3']), 'utf8'),
    );
    expect(tab.columns.headerLine).toBe(2);
    expect(tab.rows.map((x) => [x.sku, x.warehouseName, x.available])).toEqual([
      ['A001', '义乌仓', 1200],
      ['A002', '义乌仓', 3],
    ]);
    const semicolon = await parseStockFile(
      Buffer.from(csv(['导出时间 2026-01-05 10:00', '', 'SKU;仓库;可用库存;商品名称', 'B001;深圳仓;4;"袜子, 白色"']), 'utf8'),
    );
    expect(semicolon.columns.headerLine).toBe(3);
    expect(semicolon.rows).toEqual([expect.objectContaining({ sku: 'B001', available: 4, productName: '袜子, 白色' })]);
  });

  it('names the line of a quote mark that is never closed, in Chinese and English', async () => {
    const text = csv(['SKU,仓库,可用库存,商品名称', 'A-1,深圳仓,1,"两行\r\n的名称"', 'A-2,"深圳仓,2,袜子', 'A-3,深圳仓,3,鞋']);
    const err = await parseStockFile(Buffer.from(text, 'utf8')).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'FILE_INVALID',
      messageZh: expect.stringContaining('第 4 行有一个英文引号（"）没有配对'),
      messageEn: expect.stringContaining('Line 4 has a quote mark (") that is never closed'),
    });
    expect(JSON.stringify(err)).not.toMatch(/Quote Not Closed|占用/);
  });
});

describe('stock.import, the upload channel the window and the CLI share', () => {
  const gbk = iconv.encode(csv(['货号,存放地点,数量', 'G-1,深圳仓,12', 'G-2,深圳仓,很多', 'G-3,深圳仓,0']), 'gbk');
  const b64 = gbk.toString('base64');

  it('reports unrecognised columns with what the file holds, maps them, writes only on confirm, and says how old the import is', async () => {
    const { app, clock } = makeApp();
    try {
      expect(await call(app, 'stock.import.status', {})).toMatchObject({ lastImportAt: null, ageHours: null, stale: false });
      const first = await call(app, 'stock.import', { fileName: '库存.csv', contentBase64: b64 });
      expect(first).toMatchObject({
        needsMapping: true,
        accepted: 0,
        applied: false,
        headers: ['货号', '存放地点', '数量'],
        encoding: 'gb18030',
      });
      expect(first.missing).toEqual(['available', 'warehouse']);
      expect(first.sample[0]).toEqual(['G-1', '深圳仓', '12']);
      await expect(call(app, 'stock.import', { fileName: '库存.csv', contentBase64: b64, confirm: true })).rejects.toMatchObject({
        payload: { code: 'BAD_INPUT', message: expect.stringContaining('没有认出') },
      });
      expect(app.db.prepare('SELECT count(*) FROM stock_levels').pluck().get()).toBe(0);

      const mapping = { available: '数量', warehouse: 1 };
      const dry = await call(app, 'stock.import', { fileName: '库存.csv', contentBase64: b64, mapping });
      expect(dry).toMatchObject({
        needsMapping: false,
        accepted: 2,
        rejectedTotal: 1,
        applied: false,
        problem: null,
        warehouses: [{ name: '深圳仓', skus: 2 }],
      });
      expect(dry.rejected).toEqual([
        expect.objectContaining({ line: 3, sku: 'G-2', reason: expect.objectContaining({ zh: expect.stringContaining('不是数字') }) }),
      ]);
      expect(app.db.prepare('SELECT count(*) FROM stock_levels').pluck().get()).toBe(0); // the report writes nothing

      const done = await call(app, 'stock.import', { fileName: '库存.csv', contentBase64: b64, mapping, confirm: true });
      expect(done).toMatchObject({ applied: true, accepted: 2 });
      expect(app.db.prepare("SELECT available FROM stock_levels WHERE sku = 'G-1'").pluck().get()).toBe(12);
      clock.advance(25 * 3_600_000);
      expect(await call(app, 'stock.import.status', {})).toMatchObject({
        fileName: '库存.csv',
        rowsRead: 2,
        ageHours: 25,
        stale: true,
        staleAfterHours: 24,
      });
    } finally {
      await app.close();
    }
  });

  it('says a 0-byte file is empty and to export again, not that the file was not filled in', async () => {
    const { app } = makeApp();
    try {
      const r = await call(app, 'stock.import', { fileName: 'empty.csv', contentBase64: '' });
      expect(r.problem?.zh).toContain('文件是空的（0 字节）');
      expect(r.problem?.zh).toContain('重新导出');
      expect(r.problem?.en).toContain('The file is empty (0 bytes)');
      await expect(call(app, 'stock.import', { fileName: 'empty.csv', contentBase64: '', confirm: true })).rejects.toMatchObject({
        payload: { code: 'BAD_INPUT', message: expect.stringContaining('0 字节') },
      });
    } finally {
      await app.close();
    }
  });

  it('refuses an upload above 18 MB before reading it', async () => {
    const { app } = makeApp();
    try {
      const tooBig = 'A'.repeat(25_200_000);
      await expect(call(app, 'stock.import', { fileName: 'big.csv', contentBase64: tooBig })).rejects.toMatchObject({
        payload: { code: 'BAD_INPUT' },
      });
    } finally {
      await app.close();
    }
  });

  it('the CLI exits 1 with what was found when nothing is usable, and imports with --map and --sheet', async () => {
    const dir = tempDir();
    const file = join(dir, 'stock.csv');
    writeFileSync(file, gbk);
    const refused = runCli(['stock', 'import', file, '--data', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('货号、存放地点、数量');
    expect(refused.stderr).toContain('--map');

    const mapped = runCli(['stock', 'import', file, '--data', dir, '--map', 'available=数量,warehouse=2', '--yes']);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stdout).toContain('第 3 行');
    expect(mapped.stdout).toContain('已写入');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['说明']);
    const ws = wb.addWorksheet('B');
    ws.addRow(['编号', '数']);
    ws.addRow(['X-9', 5]);
    const xlsx = join(dir, 'stock.xlsx');
    writeFileSync(xlsx, Buffer.from(await wb.xlsx.writeBuffer()));
    const sheet = runCli([
      'stock',
      'import',
      xlsx,
      '--data',
      dir,
      '--sheet',
      'B',
      '--map',
      'sku=1,available=数',
      '--warehouse',
      '义乌仓',
      '--json',
    ]);
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(JSON.parse(sheet.stdout)).toMatchObject({ sheet: 'B', accepted: 1, warehouses: [{ name: '义乌仓', skus: 1 }] });
  });

  it('the CLI prints the refused lines and why when every line is refused, in text and in --json', async () => {
    const dir = tempDir();
    const file = join(dir, 'stock.csv');
    writeFileSync(file, csv(['SKU,仓库,可用库存', 'A1,义乌仓,abc', 'A2,义乌仓,-']));
    const text = runCli(['stock', 'import', file, '--data', dir, '--yes']);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('全部 2 行都有问题');
    expect(text.stderr).toContain('第 2 行（SKU A1）：可用库存“abc”不是数字');
    expect(text.stderr).toContain('Line 3 (SKU A2): Available stock "-" is not a number');

    const json = runCli(['stock', 'import', file, '--data', dir, '--json']);
    expect(json.code).toBe(1);
    const payload = JSON.parse(json.stderr.split('\n')[0]!) as { error: { issues: { path: string; message: string }[] } };
    expect(payload.error.issues.map((i) => [i.path, i.message])).toEqual([
      ['line 2', '第 2 行（SKU A1）：可用库存“abc”不是数字'],
      ['line 3', '第 3 行（SKU A2）：可用库存“-”不是数字'],
    ]);
  });

  it('the manual linker sees both sides by what they are: the listing title, variation and image, and the ERP product name', async () => {
    const market = new FixtureMarketplace();
    market.add('P1', 'S1', 'ZX-TEE-BLK', '纯棉T恤 黑色 男款', {
      variation: '颜色:黑色;尺码:M',
      productImage: 'https://ae01.alicdn.com/kf/T1.jpg',
    });
    const { app } = makeApp({ market });
    try {
      const file = Buffer.from(
        csv(['SKU,商品名称,仓库,可用库存,分类', 'TS100001-BK,纯棉T恤 黑色,深圳仓,5,服装/T恤', 'DC100010-BK,数据线 1米,深圳仓,9,3C数码']),
        'utf8',
      );
      await call(app, 'stock.import', { fileName: 's.csv', contentBase64: file.toString('base64'), confirm: true });
      await call(app, 'sku.listings.refresh', {});
      const hits = await call(app, 'sku.erpSkus.search', { q: '100' });
      expect(hits.map((h) => [h.sku, h.name, h.category])).toEqual([
        ['DC100010-BK', '数据线 1米', '3C数码'],
        ['TS100001-BK', '纯棉T恤 黑色', '服装/T恤'],
      ]);
      const row = (await call(app, 'sku.listings.page', {})).rows[0]!;
      expect(row).toMatchObject({
        title: '纯棉T恤 黑色 男款',
        variation: '颜色:黑色;尺码:M',
        imageUrl: 'https://ae01.alicdn.com/kf/T1.jpg',
        erpSku: null,
        erpName: null,
      });
      const linked = await call(app, 'sku.link', { listingSkuId: row.id, erpSku: 'TS100001-BK' });
      expect(linked).toMatchObject({ title: '纯棉T恤 黑色 男款', erpSku: 'TS100001-BK', erpName: '纯棉T恤 黑色', category: '服装/T恤' });
    } finally {
      await app.close();
    }
  });
});
