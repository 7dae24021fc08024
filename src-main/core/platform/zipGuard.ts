/**
 * A spreadsheet (.xlsx) is a ZIP: 2 MB can inflate to 500 MB of XML, and the spreadsheet library
 * would hold all of it and several times more while parsing (a 1.9 MB file took the host to 4 GB).
 * Before any parsing the archive is inflated here as a stream, counting bytes and worksheet rows
 * and keeping none of it, and refused as soon as it goes over the limits.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { AppError } from '../../../src-shared/errors';

export interface ZipLimits {
  /** All entries together, inflated. */
  maxInflatedBytes: number;
  /** `<row` elements over all worksheets. */
  maxRows: number;
  maxEntries?: number;
}

/** Small pieces in: deflate inflates at most about 1:1032, so no single output chunk is large. */
const PIECE = 16 * 1024;
const ROW = '<row';

function tooBig(what: string, whatEn: string): AppError {
  return new AppError(
    'FILE_INVALID',
    `这个表格文件解压后${what}，超过了导入上限，没有读取。请删掉不需要的工作表和行，或分成几个文件分别导入。`,
    `This spreadsheet inflates to ${whatEn}, over the import limit, so it was not read. Remove sheets and rows you do not need, or split it into several files.`,
  );
}

/** The sizes the archive declares, read from its directory without inflating anything. */
function declared(bytes: Uint8Array): { bytes: number; entries: number } | null {
  let total = 0;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        entries++;
        return false;
      },
    });
  } catch {
    return null; // not a ZIP, or a damaged one: the stream below says so
  }
  return { bytes: total, entries };
}

/** Throws FILE_INVALID when the archive inflates past the limits; returns what it counted. */
export function checkZipLimits(bytes: Uint8Array, limits: ZipLimits): { inflatedBytes: number; rows: number; entries: number } {
  // An honest bomb says how big it is: refused at once. A lying one is caught by the stream.
  const d = declared(bytes);
  const mb = Math.round(limits.maxInflatedBytes / 1024 / 1024);
  if (d && d.bytes > limits.maxInflatedBytes) throw tooBig(`有 ${Math.round(d.bytes / 1024 / 1024)} MB（上限 ${mb} MB）`, `${Math.round(d.bytes / 1024 / 1024)} MB (the limit is ${mb} MB)`);
  if (d && d.entries > (limits.maxEntries ?? 10_000)) throw tooBig(`有 ${d.entries} 个部件`, `${d.entries} parts`);
  let inflated = 0;
  let rows = 0;
  let entries = 0;
  let problem: AppError | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    entries++;
    if (entries > (limits.maxEntries ?? 10_000)) {
      problem ??= tooBig(`有超过 ${limits.maxEntries ?? 10_000} 个部件`, `more than ${limits.maxEntries ?? 10_000} parts`);
      return;
    }
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    let tail = '';
    file.ondata = (err, chunk) => {
      if (problem) return;
      if (err) {
        problem = new AppError('FILE_INVALID', '表格文件已损坏，无法解压。', 'The spreadsheet file is damaged and cannot be unpacked.');
        return;
      }
      inflated += chunk.length;
      if (inflated > limits.maxInflatedBytes) {
        problem = tooBig(`超过 ${mb} MB`, `more than ${mb} MB`);
        file.terminate();
        return;
      }
      if (sheet) {
        // Count across chunk borders: keep the last few characters of the previous chunk.
        const text = tail + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        for (let i = text.indexOf(ROW); i >= 0; i = text.indexOf(ROW, i + ROW.length)) rows++;
        tail = text.slice(-(ROW.length - 1));
        if (rows > limits.maxRows) {
          problem = tooBig(`有超过 ${limits.maxRows} 行`, `more than ${limits.maxRows} rows`);
          file.terminate();
        }
      }
    };
    file.start();
  };
  try {
    for (let off = 0; off < bytes.length && !problem; off += PIECE) {
      const end = Math.min(bytes.length, off + PIECE);
      unzip.push(bytes.subarray(off, end), end === bytes.length);
    }
  } catch {
    problem ??= new AppError('FILE_INVALID', '表格文件已损坏，无法解压。', 'The spreadsheet file is damaged and cannot be unpacked.');
  }
  if (problem) throw problem;
  return { inflatedBytes: inflated, rows, entries };
}
