/**
 * The entries of a ZIP as its central directory names them, and one entry's bytes: for an import
 * that receives a download still zipped (Alipay's bill comes as a .zip holding the CSV). Read here
 * rather than through fflate's unzip because an import must know what fflate does not say: whether
 * an entry is encrypted (Alipay's mailed statements are), and its name in GBK when the archiver did
 * not mark it UTF-8 (Chinese Windows archivers do not).
 */
import { inflateRawSync } from 'node:zlib';
import iconv from 'iconv-lite';

export interface ZipEntry {
  name: string;
  encrypted: boolean;
  /** 0 stored, 8 deflated; anything else cannot be read here. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function entryName(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(raw, 'gb18030');
  }
}

/** The archive's entries (folders left out), or null when its directory cannot be read (damaged, cut short, not a ZIP). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (b.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== DIRECTORY_ENTRY) return null;
    const flags = b.readUInt16LE(at + 8);
    const nameLength = b.readUInt16LE(at + 28);
    const name = entryName(b.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    if (!name.endsWith('/'))
      out.push({
        name,
        encrypted: (flags & 1) !== 0,
        method: b.readUInt16LE(at + 10),
        compressedSize: b.readUInt32LE(at + 20),
        size: b.readUInt32LE(at + 24),
        offset: b.readUInt32LE(at + 42),
      });
    at += 46 + nameLength + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return out;
}

/**
 * One entry's bytes, never more than maxBytes: an entry declaring more is refused unread, and one
 * whose header lies about its size is stopped by zlib there. 'unreadable': damaged, or a method
 * other than stored and deflated.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer | 'too_large' | 'unreadable' {
  if (entry.size > maxBytes) return 'too_large';
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > b.length || b.readUInt32LE(at) !== LOCAL_HEADER) return 'unreadable';
  const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
  const data = b.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return 'unreadable';
  if (entry.method === 0) return data.length > maxBytes ? 'too_large' : Buffer.from(data);
  if (entry.method !== 8) return 'unreadable';
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (err) {
    return (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? 'too_large' : 'unreadable';
  }
}
