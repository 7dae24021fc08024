/**
 * Opening a workbook the app exported and the seller edited: the zip is checked against its limits
 * before the spreadsheet library holds it, and a file that is not a workbook says where a good one
 * comes from.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';
import { checkZipLimits, type ZipLimits } from './zipGuard';
import { refusePasswordProtected } from './passwordProtected';

/** `exportedBy` names the button that exported it, as the screen shows it (“导出” / Export). */
export async function loadEditedWorkbook(contentBase64: string, limits: ZipLimits, exportedBy: Bilingual): Promise<ExcelJS.Workbook> {
  const bytes = Buffer.from(contentBase64, 'base64');
  refusePasswordProtected(bytes);
  checkZipLimits(bytes, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'FILE_INVALID',
      `无法读取这个文件：它不是有效的 Excel（.xlsx）文件。请用${exportedBy.zh}得到的表格修改后再导入。`,
      `This file cannot be read: it is not a valid Excel (.xlsx) file. Edit the workbook from ${exportedBy.en} and import that.`,
    );
  }
  return wb;
}
