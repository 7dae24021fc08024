/**
 * Which SKU a line of an imported plan workbook names. A line is a row of the plan the app already
 * has; a SKU spelled another way ("dc100005-bk", full-width "ＤＣ100005-BK") or turned into a date or
 * a number by Excel would otherwise become a new planned row while the real SKU stays unplanned.
 * Only a plan the seller types without the app's stock data takes SKUs the app does not know.
 */
import type ExcelJS from 'exceljs';
import type { Bilingual } from '../../../src-shared/bilingual';
import { foldSku } from '../stock/folding';

export interface PlanSkus {
  /** Every SKU of the plan: the app's stock, saved lines and drafts. */
  skus: Iterable<string>;
  /** The app has stock data: its SKUs are all the plan has, so any other SKU is a mistake. */
  closed: boolean;
}

/** A SKU cell's value, or a formula's result: a date or a number is what Excel made of a typed SKU. */
function typedValue(v: ExcelJS.CellValue): unknown {
  return v && typeof v === 'object' && 'result' in v ? v.result : v;
}

/** The day an Excel date serial stands for, for whole numbers that are dates of 2000–2099, else null. */
function serialDay(n: number): string | null {
  if (!Number.isInteger(n) || n < 36526 || n > 73050) return null;
  // Excel counts days from 1899-12-30; 25569 of them fall before 1970-01-01.
  return new Date((n - 25569) * 86_400_000).toISOString().slice(0, 10);
}

/** Checks each line's SKU against the plan; `problem` says why a line is not imported, or null. */
export function planSkuCheck(plan: PlanSkus): (line: number, sku: string, cell: ExcelJS.CellValue) => Bilingual | null {
  const exact = new Set(plan.skus);
  const folded = new Map<string, string>();
  for (const s of exact) if (!folded.has(foldSku(s))) folded.set(foldSku(s), s);
  return (line, sku, cell) => {
    const v = typedValue(cell);
    if (v instanceof Date) {
      const day = v.toISOString().slice(0, 10);
      return {
        zh: `第 ${line} 行的 SKU 被 Excel 改成了日期（${day}），没有导入。请把 SKU 列设为文本，按原样重新填写这个 SKU，或用“导出 Excel”得到的表格。`,
        en: `Excel turned the SKU on line ${line} into a date (${day}); not imported. Format the SKU column as text and type the SKU again as it is, or use the workbook from "Export Excel".`,
      };
    }
    if (exact.has(sku)) return null;
    if (typeof v === 'number') {
      const day = serialDay(v);
      if (day)
        return {
          zh: `第 ${line} 行的 SKU 是数字 ${sku}，像是 Excel 把 SKU 改成了日期（${day}），没有导入。请把 SKU 列设为文本，按原样重新填写这个 SKU，或用“导出 Excel”得到的表格。`,
          en: `The SKU on line ${line} is the number ${sku}, which looks like a SKU Excel turned into a date (${day}); not imported. Format the SKU column as text and type the SKU again as it is, or use the workbook from "Export Excel".`,
        };
      return {
        zh: `第 ${line} 行的 SKU “${sku}” 是数字，不是计划里的 SKU（Excel 会把 00123 这样的 SKU 改成 123），没有导入。请把 SKU 列设为文本，按原样重新填写，或用“导出 Excel”得到的表格。`,
        en: `The SKU "${sku}" on line ${line} is a number, not a SKU of the plan (Excel turns a SKU like 00123 into 123); not imported. Format the SKU column as text and type the SKU again as it is, or use the workbook from "Export Excel".`,
      };
    }
    const like = folded.get(foldSku(sku));
    if (like)
      return {
        zh: `第 ${line} 行的 SKU “${sku}” 不在计划里，没有导入。是不是“${like}”？请改成计划里的写法（大小写、全角半角都要一致）后再导入。`,
        en: `The SKU "${sku}" on line ${line} is not in the plan; not imported. Did you mean "${like}"? Spell it as the plan does (same case, half-width characters) and import again.`,
      };
    if (plan.closed)
      return {
        zh: `第 ${line} 行的 SKU “${sku}” 不在计划里（应用的库存数据里没有这个 SKU），没有导入。请检查拼写，或用“导出 Excel”得到的表格里的 SKU。`,
        en: `The SKU "${sku}" on line ${line} is not in the plan (the app's stock data has no such SKU); not imported. Check its spelling, or use the SKUs of the workbook from "Export Excel".`,
      };
    return null;
  };
}
