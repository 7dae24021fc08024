/**
 * What a stock file's cell may hold: quantities (whole numbers, full-width digits and thousands
 * separators accepted, no absurd figures, no dates) and SKU or warehouse texts (no invisible
 * characters, no absurd length), with the reasons a rejected row shows, in Chinese and English.
 */
import type { Bilingual } from '../../../../src-shared/bilingual';
import type { CellNote } from '../../platform/spreadsheetText';

/** No seller holds 100 million of one SKU in one warehouse: a bigger figure is a wrong column (a barcode). */
export const MAX_QUANTITY = 99_999_999;
/** Longer than any ERP's SKU field; a longer cell is a wrong column or a broken file. */
export const MAX_SKU_LENGTH = 100;
export const MAX_WAREHOUSE_LENGTH = 60;
/** Control, format (zero-width, bidi overrides), private-use, surrogate and line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]/u;
type QtyProblem = 'empty' | 'nan' | 'negative' | 'fraction' | 'too_large' | 'date';

/**
 * Parses an integer quantity; full-width digits and thousands separators accepted. Available stock
 * may be below zero (the ERP has sold more than it holds: 超卖) and is kept, since it means nothing is
 * sellable; a negative safety stock has no meaning and is refused. A figure past MAX_QUANTITY is
 * refused rather than stored as a float (99999999999999999999 would become 1e20).
 */
export function quantity(
  raw: string,
  allowNegative = false,
  isDateCell = false,
): { ok: true; value: number; folded: boolean } | { ok: false; why: QtyProblem } {
  if (isDateCell) return { ok: false, why: 'date' };
  const folded = raw.normalize('NFKC').trim();
  const changed = folded !== raw;
  if (folded === '') return { ok: false, why: 'empty' };
  const plain = folded.replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
  const m = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!m) return { ok: false, why: 'nan' };
  if (m[3] !== undefined && /[1-9]/.test(m[3])) return { ok: false, why: 'fraction' };
  const digits = m[2]!.replace(/^0+(?=\d)/, '');
  if (digits.length > String(MAX_QUANTITY).length || Number(digits) > MAX_QUANTITY) return { ok: false, why: 'too_large' };
  const n = (m[1] === '-' ? -1 : 1) * Number(digits);
  if (n < 0 && !allowNegative) return { ok: false, why: 'negative' };
  return { ok: true, value: n === 0 ? 0 : n, folded: changed };
}

export const QTY_REASON: Record<QtyProblem, (label: Bilingual, v: string) => Bilingual> = {
  empty: (label) => ({ zh: `${label.zh}为空`, en: `${label.en} is empty` }),
  nan: (label, v) => ({ zh: `${label.zh}“${v}”不是数字`, en: `${label.en} "${v}" is not a number` }),
  negative: (label, v) => ({ zh: `${label.zh}“${v}”是负数，不能小于 0`, en: `${label.en} "${v}" is negative; it cannot be below 0` }),
  fraction: (label, v) => ({ zh: `${label.zh}“${v}”不是整数，库存只能是整数`, en: `${label.en} "${v}" is not a whole number` }),
  too_large: (label, v) => ({
    zh: `${label.zh}“${v}”超过 ${MAX_QUANTITY.toLocaleString('en-US')}，不像库存数（可能选错了列，例如条码）`,
    en: `${label.en} "${v}" is above ${MAX_QUANTITY.toLocaleString('en-US')}; that is not a stock figure (a wrong column, such as a barcode?)`,
  }),
  date: (label, v) => ({
    zh: `${label.zh}是一个日期（${v}），不是数量。请检查这一列，或把单元格格式改为“数值”`,
    en: `${label.en} is a date (${v}), not a quantity. Check the column, or format the cell as a number`,
  }),
};

/** Why a SKU or warehouse text cannot be used: invisible characters or an absurd length. */
export function textProblem(value: string, label: Bilingual, max: number): Bilingual | null {
  const bad = INVISIBLE.exec(value);
  if (bad) {
    const code = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      zh: `${label.zh}含有看不见的字符（第 ${bad.index + 1} 个字符 ${code}，零宽、控制或文字方向字符），与店铺里的不会一致，请在 ERP 里删掉后重新导出`,
      en: `${label.en} holds an invisible character (character ${bad.index + 1}, ${code}: zero-width, control or text-direction); it would never match the store. Remove it in the ERP and export again`,
    };
  }
  const length = [...value].length;
  if (length > max)
    return {
      zh: `${label.zh}太长（${length} 个字符，最多 ${max} 个），可能选错了列`,
      en: `${label.en} is too long (${length} characters, at most ${max}); a wrong column?`,
    };
  return null;
}

/** An Excel cell whose value was never saved, or is an error, names the fix instead of reading as empty. */
export function cellValueProblem(note: CellNote | null, label: Bilingual): Bilingual | null {
  if (note?.kind === 'no_value')
    return {
      zh: `${label.zh}是公式，但文件里没有保存计算结果（文件可能是其他程序生成的）。请用 Excel 打开这个文件，保存后再导入`,
      en: `${label.en} is a formula whose result was never saved in the file (it may have been written by another program). Open the file in Excel, save it, and import it again`,
    };
  if (note?.kind === 'error')
    return {
      zh: `${label.zh}是错误值 ${note.error}（公式出错），不是数据。请在 Excel 里改正这一格，保存后再导入`,
      en: `${label.en} is the error ${note.error} (a formula failed), not a value. Correct the cell in Excel, save, and import again`,
    };
  return null;
}

/** How a column whose cells Excel changed is named in the messages, in Chinese and English sentences. */
interface ChangedColumn {
  /** The value, inside a Chinese sentence ("SKU" is spaced within Chinese text, "仓库名称" is not). */
  zh: string;
  /** The column, inside a Chinese sentence. */
  zhColumn: string;
  /** The value and the column, inside an English sentence. */
  en: string;
  enColumn: string;
}

const SKU_COLUMN: ChangedColumn = { zh: ' SKU ', zhColumn: ' SKU ', en: 'SKU', enColumn: 'SKU' };
const WAREHOUSE_COLUMN: ChangedColumn = { zh: '仓库名称', zhColumn: '仓库', en: 'warehouse name', enColumn: 'warehouse' };

/**
 * A text cell Excel has already changed: a "3-12" typed into a general cell became a date, and a
 * long number lost its digits past the 15th. Either would be stored as another name.
 */
function changedCellProblem(note: CellNote | null, text: string, col: ChangedColumn): Bilingual | null {
  const fix = {
    zh: `请在 Excel 里把${col.zhColumn}列设为“文本”格式，重新填写这些${col.zh}或从 ERP 重新导出后再导入`,
    en: `Format the ${col.enColumn} column as text in Excel, then enter these ${col.en}s again or export from the ERP again, and import`,
  };
  const zhStart = col.zh.trim();
  if (note?.kind === 'date')
    return {
      zh: `${zhStart}是一个日期（${text}）：Excel 把像日期的${col.zh}自动改成了日期，原来的${col.zh}已经丢失。${fix.zh}`,
      en: `The ${col.en} is a date (${text}): Excel turned a ${col.en} that looked like a date into one, and the ${col.en} is lost. ${fix.en}`,
    };
  if (note?.kind === 'inexact_number')
    return {
      zh: `${zhStart}是一个超过 15 位的数字（${text}）：Excel 只保留 15 位有效数字，后面的位数可能已被改动。${fix.zh}`,
      en: `The ${col.en} is a number of more than 15 digits (${text}): Excel keeps only 15 significant digits, so the later digits may have changed. ${fix.en}`,
    };
  return null;
}

export const skuCellProblem = (note: CellNote | null, text: string) => changedCellProblem(note, text, SKU_COLUMN);

/**
 * A warehouse name Excel turned into a date (a code such as "3-12") is no longer the ERP's name:
 * stored as "2026-03-12" it would be a warehouse the seller never had, matching none of the store's.
 */
export const warehouseCellProblem = (note: CellNote | null, text: string) => changedCellProblem(note, text, WAREHOUSE_COLUMN);
