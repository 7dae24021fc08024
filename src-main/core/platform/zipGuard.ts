/**
 * A spreadsheet (.xlsx) is a ZIP: 2 MB can inflate to 500 MB of XML, and the spreadsheet library
 * would hold all of it and several times more while parsing (a 1.9 MB file took the host to 4 GB).
 * Before any parsing the archive is checked here: its directory's sizes first (an honest bomb is
 * refused at once), then every entry is inflated, counting bytes and worksheet rows and keeping
 * none of it, and refused as soon as it goes over the limits (a bomb whose headers lie).
 */
import { inflateRawSync } from 'node:zlib';
import { Unzip, unzipSync, type UnzipDecoder, type AsyncFlateStreamHandler } from 'fflate';
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';

export interface ZipLimits {
  /** All entries together, inflated. */
  maxInflatedBytes: number;
  /** `<row` elements over all worksheets. */
  maxRows: number;
  maxEntries?: number;
}

const PIECE = 1024 * 1024;
const ROW = Buffer.from('<row');

/** Raised inside the native inflate when an entry would pass what is left of the budget. */
class OverBudget extends Error {
  /** fflate's stream errors carry a numeric code; this one is ours. */
  readonly code = -1;
}

function tooBig(what: Bilingual): AppError {
  return new AppError(
    'FILE_INVALID',
    `这个表格文件解压后${what.zh}，超过了导入上限，没有读取。请删掉不需要的工作表和行，或分成几个文件分别导入。`,
    `This spreadsheet inflates to ${what.en}, over the import limit, so it was not read. Remove sheets and rows you do not need, or split it into several files.`,
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
  if (d && d.bytes > limits.maxInflatedBytes)
    throw tooBig({
      zh: `有 ${Math.round(d.bytes / 1024 / 1024)} MB（上限 ${mb} MB）`,
      en: `${Math.round(d.bytes / 1024 / 1024)} MB (the limit is ${mb} MB)`,
    });
  if (d && d.entries > (limits.maxEntries ?? 10_000)) throw tooBig({ zh: `有 ${d.entries} 个部件`, en: `${d.entries} parts` });
  let inflated = 0;
  let rows = 0;
  let entries = 0;
  let problem: AppError | null = null;
  const over = () => tooBig({ zh: `超过 ${mb} MB`, en: `more than ${mb} MB` });
  /**
   * Deflate entries through Node's own zlib (native, several times fflate's speed, so a lying bomb
   * does not hold the main thread for seconds), never past what is left of the budget: zlib stops
   * at maxOutputLength instead of allocating what the bomb asks for.
   */
  class NativeInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => undefined;
    private readonly parts: Buffer[] = [];
    push(chunk: Uint8Array, final: boolean): void {
      this.parts.push(Buffer.from(chunk)); // a copy: fflate may reuse the chunk
      if (!final) return;
      let out: Buffer;
      try {
        out = inflateRawSync(Buffer.concat(this.parts), { maxOutputLength: Math.max(1, limits.maxInflatedBytes - inflated + 1) });
      } catch (err) {
        const code = (err as { code?: string }).code;
        const damaged = Object.assign(new Error(String(err)), { code: 0 });
        this.ondata(code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? new OverBudget() : damaged, new Uint8Array(0), true);
        return;
      }
      this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.length), true);
    }
  }
  const unzip = new Unzip();
  unzip.register(NativeInflate);
  unzip.onfile = (file) => {
    entries++;
    if (entries > (limits.maxEntries ?? 10_000)) {
      problem ??= tooBig({ zh: `有超过 ${limits.maxEntries ?? 10_000} 个部件`, en: `more than ${limits.maxEntries ?? 10_000} parts` });
      return;
    }
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    let tail = Buffer.alloc(0);
    file.ondata = (err, chunk) => {
      if (problem) return;
      if (err) {
        problem =
          err instanceof OverBudget
            ? over()
            : new AppError('FILE_INVALID', '表格文件已损坏，无法解压。', 'The spreadsheet file is damaged and cannot be unpacked.');
        return;
      }
      inflated += chunk.length;
      if (inflated > limits.maxInflatedBytes) {
        problem = over();
        file.terminate();
        return;
      }
      if (sheet) {
        // Count across chunk borders: keep the last few bytes of the previous chunk.
        const buf = Buffer.concat([tail, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
        for (let i = buf.indexOf(ROW); i >= 0; i = buf.indexOf(ROW, i + ROW.length)) rows++;
        tail = Buffer.from(buf.subarray(Math.max(0, buf.length - (ROW.length - 1))));
        if (rows > limits.maxRows) {
          problem = tooBig({ zh: `有超过 ${limits.maxRows} 行`, en: `more than ${limits.maxRows} rows` });
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
