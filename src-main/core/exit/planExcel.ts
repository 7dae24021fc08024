/**
 * The disposal plan as an Excel workbook, for a seller who fills 1,000 rows faster in a
 * spreadsheet: exported with every SKU, its stock and what is planned; imported back by the header
 * names (Chinese or English), each line saved like a typed row, so a bad line is a draft with its
 * error and the Excel line number, never a refused file. A line left as exported changes nothing,
 * and a line naming a SKU the plan does not have is not imported (planSku.ts).
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../../src-shared/errors';
import {
  DISPOSAL_METHODS,
  type Bilingual,
  type DisposalMethod,
  type DisposalRowInput,
  type DisposalRowView,
} from '../../../src-shared/channels/exit';
import { loadEditedWorkbook } from '../platform/editedWorkbook';
import { DISPOSAL_LABEL } from './texts';
import { bilingualTable } from '../../../src-shared/bilingual';
import { fromTextCell, toTextRow, unreadableCell } from '../platform/spreadsheetText';
import { planSkuCheck, type PlanSkus } from './planSku';

/** A plan of 100,000 SKUs is a few MB of sheet XML; the limits leave room for that and no more. */
export const PLAN_LIMITS = { maxInflatedBytes: 100 * 1024 * 1024, maxRows: 200_000, maxEntries: 2_000 };

const STATE_ZH = { unplanned: '未填写', draft: '待修改', ok: '已完成', changed: '库存已变化' } as const;

/** The plan sheet's own columns (the disposal methods' columns sit between onHand and note). */
const HEAD = bilingualTable(
  { sku: 'SKU', category: '品类', warehouses: '仓库', onHand: '现有库存', note: '备注', state: '状态', problem: '问题' },
  { sku: 'SKU', category: 'Category', warehouses: 'Warehouses', onHand: 'On hand', note: 'Note', state: 'Status', problem: 'Problem' },
);

export async function planWorkbook(rows: DisposalRowView[]): Promise<{ fileName: string; contentBase64: string; rows: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('库存处理计划');
  const heads = [
    HEAD.sku.zh,
    HEAD.category.zh,
    HEAD.warehouses.zh,
    HEAD.onHand.zh,
    ...DISPOSAL_METHODS.map((m) => DISPOSAL_LABEL[m].zh),
    HEAD.note.zh,
    HEAD.state.zh,
    HEAD.problem.zh,
  ];
  ws.addRow(heads);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    // SKUs, categories and typed cells may start like a formula: written as text (the reader takes the apostrophe off).
    ws.addRow(
      toTextRow([
        r.sku,
        r.category ?? '',
        r.warehouses.map((w) => `${w.name} ${w.quantity}`).join('；'),
        r.onHand ?? '',
        // Numbers where the cell holds one, so the spreadsheet adds them up; text as typed otherwise.
        ...DISPOSAL_METHODS.map((m) => (/^\d+$/.test(r.cells[m]) ? Number(r.cells[m]) : r.cells[m])),
        r.note ?? '',
        STATE_ZH[r.state],
        r.errors.map((e) => e.zh).join(' '),
      ]),
    );
  }
  // SKUs stay text: a SKU like 00123 must not lose its zeros.
  ws.getColumn(1).numFmt = '@';
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 24 : i === heads.length - 1 ? 48 : 12));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: '库存处理计划.xlsx', contentBase64: buf.toString('base64'), rows: rows.length };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // A date typed into a quantity cell is a mistake, not the day's serial number: it is shown as the date.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return typeof v === 'string' ? fromTextCell(v) : String(v);
}

export interface ReadPlan {
  rows: (DisposalRowInput & { line: number })[];
  skipped: { line: number; error: Bilingual }[];
}

/**
 * Reads an edited plan workbook; the quantities stay text, to be read like typed cells. Lines whose
 * SKU is not one of `plan`'s are skipped with the reason (without `plan`, any SKU is read).
 */
export async function readPlanWorkbook(contentBase64: string, plan: PlanSkus = { skus: [], closed: false }): Promise<ReadPlan> {
  const wb = await loadEditedWorkbook(contentBase64, PLAN_LIMITS, { zh: '“导出 Excel”', en: '"Export Excel"' });
  const ws = wb.worksheets[0];
  const header = ws ? (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim()) : [];
  const col = (b: Bilingual) => header.findIndex((h) => h === b.zh || h.toLowerCase() === b.en.toLowerCase()) + 1;
  const skuCol = col(HEAD.sku);
  const methodCols = DISPOSAL_METHODS.map((m) => [m, col(DISPOSAL_LABEL[m])] as [DisposalMethod, number]);
  if (!ws || !skuCol || methodCols.every(([, c]) => !c)) {
    const found = header.filter(Boolean).join('、') || '（没有表头）';
    throw new AppError(
      'FILE_INVALID',
      `这个表格里找不到“SKU”列和处理方式列（${DISPOSAL_METHODS.map((m) => DISPOSAL_LABEL[m].zh).join('、')}）。第一行是：${found}。请用“导出 Excel”得到的表格修改后再导入。`,
      `This workbook has no "SKU" column and no disposal columns (${DISPOSAL_METHODS.map((m) => DISPOSAL_LABEL[m].en).join(', ')}). Its first row reads: ${header.filter(Boolean).join(', ') || '(no header)'}. Edit the workbook from "Export Excel" and import that.`,
    );
  }
  const onHandCol = col(HEAD.onHand);
  const noteCol = col(HEAD.note);
  const out: ReadPlan = { rows: [], skipped: [] };
  const seen = new Map<string, number>();
  const skuProblem = planSkuCheck(plan);
  const read = [skuCol, ...methodCols.map(([, c]) => c), onHandCol].filter((c) => c > 0);
  ws.eachRow((row, line) => {
    if (line === 1) return;
    for (const c of read) {
      const why = unreadableCell(row.getCell(c).value);
      if (why) {
        out.skipped.push({
          line,
          error: {
            zh: `第 ${line} 行“${header[c - 1]}”${why.zh}，这一行没有导入。`,
            en: `Line ${line}, "${header[c - 1]}"${why.en}; not imported.`,
          },
        });
        return;
      }
    }
    const text = (c: number) => (c ? cellText(row.getCell(c).value).trim() : '');
    const sku = text(skuCol);
    const cells = Object.fromEntries(methodCols.filter(([, c]) => c).map(([m, c]) => [m, text(c)])) as Partial<
      Record<DisposalMethod, string>
    >;
    if (!sku) {
      if (Object.values(cells).some(Boolean))
        out.skipped.push({ line, error: { zh: `第 ${line} 行没有 SKU，没有导入。`, en: `Line ${line} has no SKU; not imported.` } });
      return;
    }
    const problem = skuProblem(line, sku, row.getCell(skuCol).value);
    if (problem) {
      out.skipped.push({ line, error: problem });
      return;
    }
    const first = seen.get(sku);
    if (first) {
      out.skipped.push({
        line,
        error: {
          zh: `第 ${line} 行的 SKU ${sku} 与第 ${first} 行重复，只导入了第 ${first} 行。`,
          en: `Line ${line} repeats SKU ${sku} of line ${first}; only line ${first} was imported.`,
        },
      });
      return;
    }
    seen.set(sku, line);
    const onHand = text(onHandCol);
    out.rows.push({ line, sku, cells, ...(onHand ? { onHand } : {}), ...(text(noteCol) ? { note: text(noteCol).slice(0, 200) } : {}) });
  });
  return out;
}

/**
 * Whether a line reads as the plan shows the row (as exported): such a line changes nothing. The
 * 现有库存 of a row the app holds stock for is the app's and is not compared.
 */
export function sameAsShown(line: DisposalRowInput, shown: DisposalRowView | undefined): boolean {
  if (!shown) return false;
  const same = (a: unknown, b: unknown) => String(a ?? '').trim() === String(b ?? '').trim();
  return (
    DISPOSAL_METHODS.every((m) => same(line.cells[m], shown.cells[m])) &&
    same(line.note, shown.note) &&
    (shown.onHandSource === 'app' || same(line.onHand, shown.onHand))
  );
}
