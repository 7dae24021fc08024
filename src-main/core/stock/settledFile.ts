/**
 * Whether an export in the watched folder is finished. An ERP writes its export over seconds; a look
 * in the middle would take a cut file: "300" read as "3", the lines after the cut turned stale, and a
 * cut "120" with safety stock 1 gives sellable 0, an unbind in the middle of a campaign.
 *
 * A file is taken when it has settled: its size and time were the same on an earlier look at least
 * SETTLE_MS before, or its time is at least SETTLE_MS old and (for a CSV) its last line is whole.
 * The age alone is not trusted for a cut last line, since an ERP that pauses while writing leaves an
 * old-looking cut file; seen unchanged on two looks it is what the ERP left (some never end their
 * last line), so it is taken then. Times between looks come from the app's clock, never from a
 * real wait, so a look never blocks and tests drive it.
 */
import type { Bilingual } from '../../../src-shared/bilingual';

/** How long a file must stay the same (or be old) before it is taken. Exports of 60k rows take a few seconds. */
export const SETTLE_MS = 10_000;

/** A file seen on a look but not taken yet: its name|size|time and when (app clock, ISO) it was first seen so. */
export interface PendingFile {
  signature: string;
  since: string;
}

const LF = 0x0a;
const CR = 0x0d;

/** The last character is a line end, in one-byte encodings (UTF-8, GBK) or UTF-16 (either byte order). */
function endsWithLineEnd(buf: Buffer): boolean {
  const last = buf[buf.length - 1];
  if (last === LF || last === CR) return true;
  const [a, b] = [buf[buf.length - 2], last];
  return (b === 0 && (a === LF || a === CR)) || (a === 0 && (b === LF || b === CR));
}

/** A CSV whose other lines end but whose last one does not was most likely cut while being written. */
export function lastLineCut(fileName: string, content: Buffer): boolean {
  if (!/\.csv$/i.test(fileName) || content.length === 0) return false;
  return content.includes(LF) && !endsWithLineEnd(content);
}

/**
 * Why the file is not taken yet, or null when it has settled. `size` and `mtimeMs` are what the look
 * saw before reading `content`; a different length means it changed while being read.
 */
export function stillBeingWritten(input: {
  fileName: string;
  signature: string;
  size: number;
  mtimeMs: number;
  content: Buffer;
  now: number;
  pending: PendingFile | null;
}): Bilingual | null {
  const { fileName, content, now, pending } = input;
  const seconds = SETTLE_MS / 1000;
  if (content.length !== input.size)
    return {
      zh: `文件在读取时大小还在变化，还在写入中。下次查看时（至少 ${seconds} 秒后）文件没有再变化就会导入。`,
      en: `The file changed size while it was being read: it is still being written. It is imported on a later look (at least ${seconds} seconds from now) if it has not changed.`,
    };
  const settled = pending !== null && pending.signature === input.signature && now - Date.parse(pending.since) >= SETTLE_MS;
  if (settled) return null;
  if (lastLineCut(fileName, content))
    return {
      zh: `最后一行没有换行，文件可能还没写完。下次查看时（至少 ${seconds} 秒后）文件没有再变化就会导入。`,
      en: `Its last line has no line end, so the file may not be finished. It is imported on a later look (at least ${seconds} seconds from now) if it has not changed.`,
    };
  if (now - input.mtimeMs < SETTLE_MS)
    return {
      zh: `文件刚刚写入，可能还没写完。下次查看时（至少 ${seconds} 秒后）文件没有再变化就会导入。`,
      en: `The file was written just now and may not be finished. It is imported on a later look (at least ${seconds} seconds from now) if it has not changed.`,
    };
  return null;
}
