import { describe, expect, it } from 'vitest';
import { refuseNonTable } from '../../../src-main/core/connectors/files/decode';
import { loadEditedWorkbook } from '../../../src-main/core/platform/editedWorkbook';

/** A compound file as Office writes one: its signature, then directory entries named in UTF-16LE. */
const compoundFile = (...streams: string[]) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    ...streams.map((s) => Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(64 - 2 * s.length)])),
  ]);

describe('a password-protected Excel file', () => {
  const locked = compoundFile('Root Entry', 'EncryptionInfo', 'EncryptedPackage');
  const limits = { maxInflatedBytes: 1_000_000, maxRows: 100, maxEntries: 100 };

  it('is named as one, with how to remove the password, by the stock file reader and the edited-workbook imports', async () => {
    expect(() => refuseNonTable(locked)).toThrow(/设了打开密码.*用密码进行加密/);
    await expect(loadEditedWorkbook(locked.toString('base64'), limits, { zh: '“导出”', en: 'Export' })).rejects.toThrow(/设了打开密码/);
  });

  it('an old .xls (a compound file without an encrypted package) is still told to save as .xlsx', () => {
    expect(() => refuseNonTable(compoundFile('Root Entry', 'Workbook'))).toThrow(/旧版 Excel 文件/);
  });
});
