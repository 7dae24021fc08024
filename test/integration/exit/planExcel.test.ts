/**
 * The disposal plan's Excel round trip on seeded stock: the export brought back untouched changes
 * nothing; a line naming a SKU the plan does not have (another spelling, or a SKU Excel turned into
 * a date or a number) is not imported and says which SKU was meant; the app's own export of the
 * largest catalogue comes back in.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { App } from '../../../src-main/core/app';
import { withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { seedStock } from './seed';

const clock = () => new ManualClock(Date.UTC(2026, 8, 28, 2));
const STOCK = [
  { sku: 'CUP-RED', warehouse: '义乌仓', available: 15 },
  { sku: 'CUP-BLUE', warehouse: '义乌仓', available: 4 },
  { sku: 'CUP-GREEN', warehouse: '深圳仓', available: 7 },
  { sku: 'DC100005-BK', warehouse: '深圳仓', available: 5 },
];

async function exported(app: App): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; col: (h: string) => number }> {
  const x = await call(app, 'exit.exportPlan', {});
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const head = (ws.getRow(1).values as string[]).slice(1);
  return { wb, ws, col: (h: string) => head.indexOf(h) + 1 };
}
const base64 = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
const rowOf = async (app: App, sku: string) =>
  (await call(app, 'exit.disposalRows', { page: 1, pageSize: 50 })).rows.find((r) => r.sku === sku);

describe('the disposal plan through Excel', () => {
  it('a cell it cannot read (an error value, a formula saved without its value) names its line and column, not "[object Object]"', () =>
    withApp(
      async (app) => {
        seedStock(app, STOCK, []);
        await call(app, 'exit.open', {});
        const { wb, ws, col } = await exported(app);
        const lineOf = (sku: string) => ws.getColumn(col('SKU')).values.findIndex((v) => v === sku);
        const red = lineOf('CUP-RED');
        const blue = lineOf('CUP-BLUE');
        ws.getRow(red).getCell(col('退回工厂')).value = { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
        ws.getRow(blue).getCell(col('清仓处理')).value = { formula: 'B2*2' } as ExcelJS.CellFormulaValue;
        const imp = await call(app, 'exit.importPlan', { contentBase64: await base64(wb) });
        const said = imp.skipped.map((x) => x.error.zh);
        expect(said).toContain(`第 ${red} 行“退回工厂”是错误值 #DIV/0!，请改成数字或文字，这一行没有导入。`);
        expect(said).toContain(
          `第 ${blue} 行“清仓处理”是公式，但文件里没有保存它的计算结果：请用 Excel 打开并保存一次，或把公式换成数值，这一行没有导入。`,
        );
        expect(JSON.stringify(imp)).not.toContain('object Object');
      },
      { clock: clock() },
    ));

  it('brought back untouched changes nothing: unplanned rows stay unplanned, a draft keeps its text, a stock change keeps saying so', () =>
    withApp(
      async (app) => {
        seedStock(app, STOCK, []);
        await call(app, 'exit.open', {});
        await call(app, 'exit.saveDisposalRows', {
          rows: [
            { sku: 'CUP-BLUE', cells: { sell_through: '4' } },
            { sku: 'CUP-RED', cells: { sell_through: '15' } },
            { sku: 'CUP-GREEN', cells: { liquidate: '３' } },
          ],
        });
        app.db.prepare("UPDATE stock_levels SET available = 16 WHERE sku = 'CUP-RED'").run();
        const before = await call(app, 'exit.disposalRows', { page: 1, pageSize: 50 });
        expect(before.counts).toEqual({ unplanned: 1, draft: 1, ok: 1, changed: 1 });

        const { wb } = await exported(app);
        const imp = await call(app, 'exit.importPlan', { contentBase64: await base64(wb) });
        expect(imp).toMatchObject({ saved: 4, ok: 1, problems: [], skipped: [] });
        const after = await call(app, 'exit.disposalRows', { page: 1, pageSize: 50 });
        expect(after.rows).toEqual(before.rows);
        expect(after.counts).toEqual(before.counts);
      },
      { clock: clock() },
    ));

  it('a row whose cells are emptied in Excel is not planned again, even though its 现有库存 is still there', () =>
    withApp(
      async (app) => {
        seedStock(app, STOCK, []);
        await call(app, 'exit.open', {});
        await call(app, 'exit.saveDisposalRows', { rows: [{ sku: 'CUP-BLUE', cells: { sell_through: '4' } }] });
        const { wb, ws, col } = await exported(app);
        ws.eachRow((r) => {
          if (r.getCell(1).value === 'CUP-BLUE') r.getCell(col('继续销售至售罄')).value = null;
        });
        const imp = await call(app, 'exit.importPlan', { contentBase64: await base64(wb) });
        expect(imp.problems).toEqual([]);
        expect(await rowOf(app, 'CUP-BLUE')).toMatchObject({ state: 'unplanned', errors: [] });
        expect((await call(app, 'exit.disposalRows', { page: 1, pageSize: 1 })).counts).toMatchObject({ unplanned: 4, draft: 0 });
      },
      { clock: clock() },
    ));

  it('does not import a line whose SKU the plan does not have, and names the SKU meant', () =>
    withApp(
      async (app) => {
        seedStock(app, STOCK, []);
        await call(app, 'exit.open', {});
        const { wb, ws } = await exported(app);
        const typo = ws.addRow(['dc100005-bk ', '', '', 5, 5]).number;
        const wide = ws.addRow(['ＤＣ100005-BK', '', '', 5, 5]).number;
        // Typed "3-12" in a cell that is not text: a date; in the text column ExcelJS keeps its serial number.
        const datedRow = ws.addRow([new Date(Date.UTC(2026, 2, 12)), '', '', 1, 1]);
        datedRow.getCell(1).numFmt = 'm/d';
        const dated = datedRow.number;
        const serial = ws.addRow([46093, '', '', 1, 1]).number;
        const number = ws.addRow([123, '', '', 1, 1]).number;
        const unknown = ws.addRow(['CUP-PINK', '', '', 2, 2]).number;
        const imp = await call(app, 'exit.importPlan', { contentBase64: await base64(wb) });
        const why = (line: number) => imp.skipped.find((s) => s.line === line)?.error.zh ?? '';
        expect(why(typo)).toContain(`第 ${typo} 行的 SKU “dc100005-bk” 不在计划里，没有导入。是不是“DC100005-BK”`);
        expect(why(wide)).toContain('是不是“DC100005-BK”');
        expect(why(dated)).toContain('改成了日期（2026-03-12）');
        expect(why(serial)).toContain('是数字 46093，像是 Excel 把 SKU 改成了日期（2026-03-12）');
        expect(why(number)).toContain('“123” 是数字');
        expect(why(unknown)).toContain('应用的库存数据里没有这个 SKU');
        expect(imp.skipped).toHaveLength(6);
        const rows = (await call(app, 'exit.disposalRows', { page: 1, pageSize: 50 })).rows;
        expect(rows.map((r) => r.sku)).toEqual(['CUP-BLUE', 'CUP-GREEN', 'CUP-RED', 'DC100005-BK']);
        expect(rows.every((r) => r.state === 'unplanned')).toBe(true);
      },
      { clock: clock() },
    ));

  it('without the app’s stock data, new SKUs are read, a SKU Excel dated is not, and a dated 现有库存 is shown as the date', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.open', {});
        const { wb, ws } = await exported(app);
        ws.addRow(['NEW-1', '', '', new Date(Date.UTC(2026, 0, 5)), 1]);
        ws.addRow(['NEW-2', '', '', 3, 3]);
        const dated = ws.addRow([new Date(Date.UTC(2026, 2, 12)), '', '', 1, 1]).number;
        ws.getRow(dated).getCell(1).numFmt = 'm/d';
        const imp = await call(app, 'exit.importPlan', { contentBase64: await base64(wb) });
        expect(imp.skipped).toEqual([{ line: dated, error: expect.objectContaining({ zh: expect.stringContaining('改成了日期') }) }]);
        expect(imp.ok).toBe(1);
        const text = JSON.stringify(imp.problems);
        expect(text).toContain('现有库存“2026-01-05”不是数量');
        expect(text).not.toContain('DATE:');
        expect((await rowOf(app, 'NEW-2'))?.state).toBe('ok');
      },
      { clock: clock() },
    ));

  it('takes back the app’s own export of the largest catalogue, 100,000 SKUs', { timeout: 180_000 }, () =>
    withApp(
      async (app) => {
        const skus = Array.from({ length: 100_000 }, (_, i) => ({
          sku: `DC${100000 + i}-BK`,
          warehouse: '义乌仓',
          available: 1 + (i % 90),
        }));
        seedStock(app, skus, []);
        await call(app, 'exit.open', {});
        const x = await call(app, 'exit.exportPlan', {});
        expect(x.rows).toBe(100_000);
        // Through the contract's check, as the window and the web host send it.
        const imp = await call(app, 'exit.importPlan', { contentBase64: x.contentBase64 });
        expect(imp).toMatchObject({ saved: 100_000, ok: 0, problems: [], skipped: [] });
        expect((await call(app, 'exit.disposalRows', { page: 1, pageSize: 1 })).counts.unplanned).toBe(100_000);
      },
      { clock: clock() },
    ),
  );
});
