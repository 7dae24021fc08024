/**
 * An Office file saved with an open password (Excel: 文件 → 信息 → 保护工作簿 → 用密码进行加密) is no
 * longer a zip but a compound file holding an "EncryptedPackage" stream. Without this check it was
 * called an old .xls or "not a valid Excel file", and the seller saved it as .xlsx again to no avail.
 */
import { AppError } from '../../../src-shared/errors';

const COMPOUND_FILE = 0xd0cf11e0;
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

export function isPasswordProtected(buf: Buffer): boolean {
  return buf.length >= 8 && buf.readUInt32BE(0) === COMPOUND_FILE && buf.includes(ENCRYPTED_PACKAGE);
}

/** Throws, saying how to remove the password, when `buf` is a password-protected Office file. */
export function refusePasswordProtected(buf: Buffer): void {
  if (!isPasswordProtected(buf)) return;
  throw new AppError(
    'FILE_INVALID',
    '这个 Excel 文件设了打开密码，程序无法读取。请用 Excel 打开它，在“文件 → 信息 → 保护工作簿 → 用密码进行加密”里清空密码并保存，再导入。',
    'This Excel file has an open password, so it cannot be read. Open it in Excel, clear the password under File → Info → Protect Workbook → Encrypt with Password, save, and import it again.',
  );
}
