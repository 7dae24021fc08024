/**
 * What a whole line of a stock file may not be, before any of its cells is read: wider than its
 * header (a figure split at an unquoted thousands comma shifts every cell after it), with the
 * reason a refused line shows, in Chinese and English.
 */
import type { Bilingual } from '../../../../src-shared/bilingual';

/** Cells up to the last one that holds something: a line ending in commas (Excel writes them) is as wide as its text. */
export function usedWidth(cells: string[]): number {
  let n = cells.length;
  while (n > 0 && cells[n - 1]!.trim() === '') n--;
  return n;
}

/**
 * Why a CSV line wider than its header cannot be read: "A001,义乌仓,1,000" is four cells under three
 * headers, and reading the first three would store 1 instead of 1000 without a word.
 */
export function widerThanHeader(cells: string[], headerCells: string[], headerLine: number): Bilingual | null {
  const width = usedWidth(headerCells);
  const used = usedWidth(cells);
  if (used <= width) return null;
  const extra = cells
    .slice(width, used)
    .map((c) => (c.length > 20 ? `${c.slice(0, 20)}…` : c))
    .join(',');
  return {
    zh: `这一行有 ${used} 列，比表头（第 ${headerLine} 行，${width} 列）多，多出的“${extra}”不知道属于哪一列。常见原因是数字带千位逗号却没有加引号（例如 1,000 被读成“1”和“000”两格）。请在 ERP 或 Excel 里把数字改为不带千位分隔符的格式后重新导出，或给这一格加上英文引号（"1,000"）。`,
    en: `This line has ${used} columns, more than the header (line ${headerLine}, ${width} columns); the extra "${extra}" belongs to no column. This is most often a number written with a thousands comma and no quotes (1,000 read as "1" and "000"). Export the numbers without thousands separators from the ERP or Excel, or put the cell in quotes ("1,000").`,
  };
}

const clipCell = (c: string) => (c.length > 20 ? `${c.slice(0, 20)}…` : c);

/**
 * Why a line holding bytes the file's encoding could not read (shown as U+FFFD) is refused: its
 * names are no longer the ERP's, and a warehouse or SKU read so would never match the store.
 */
export function damagedLine(cells: string[]): Bilingual | null {
  const col = cells.findIndex((c) => c.includes('\uFFFD'));
  if (col < 0) return null;
  const cell = clipCell(cells[col]!);
  return {
    zh: `这一行有无法识别的字节（第 ${col + 1} 列“${cell}”中的 �）：文件的编码在这一行损坏了，读出的文字不可靠。请从 ERP 重新导出文件；如果用文本编辑器改过文件，请另存为 UTF-8 编码后再导入。`,
    en: `This line holds bytes that cannot be read (the � in column ${col + 1}, "${cell}"): the file's encoding is damaged on this line, so its text cannot be trusted. Export the file from the ERP again; if it was edited in a text editor, save it as UTF-8 and import it again.`,
  };
}
