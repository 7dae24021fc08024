/**
 * A ZIP's files, for an import that receives a download still zipped (Alipay's bill comes as a .zip
 * holding the CSV), read through JSZip: it names an archive with a password as one (Alipay's mailed
 * statements have one) and hands over the bytes of a name not marked UTF-8, which Chinese Windows
 * archivers write in GBK.
 */
import type JSZip from 'jszip';
import iconv from 'iconv-lite';

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05);

/** A file in the archive: its path as the archiver wrote it, and its bytes on request. */
export interface ZipEntry {
  name: string;
  /** Its bytes, never more than maxBytes; 'unreadable': damaged, or compressed in a way JSZip cannot undo. */
  read(maxBytes: number): Promise<Buffer | 'too_large' | 'unreadable'>;
}

/** A name without the UTF-8 mark: UTF-8 all the same when it decodes as such, else GBK. */
function entryName(bytes: string[] | Uint8Array | Buffer): string {
  const raw = Array.isArray(bytes) ? Buffer.from(bytes.join(''), 'latin1') : Buffer.from(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(raw, 'gb18030');
  }
}

/** Inflates one file, counting as it goes: a header that lies about the size is stopped at maxBytes. */
function readCapped(file: JSZip.JSZipObject, maxBytes: number): Promise<Buffer | 'too_large' | 'unreadable'> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    // JSZip's own stream (events only, no async iteration); paused for good once over the limit.
    const stream = file.nodeStream('nodebuffer');
    stream
      .on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) return void parts.push(chunk);
        stream.pause();
        resolve('too_large');
      })
      .on('error', () => resolve('unreadable'))
      .on('end', () => resolve(size > maxBytes ? 'too_large' : Buffer.concat(parts)));
  });
}

/**
 * The archive's files (folders left out); 'encrypted' when it has a password; 'damaged' when it cannot
 * be read as a ZIP (cut short by a download, or not one).
 */
export async function zipEntries(bytes: Uint8Array): Promise<ZipEntry[] | 'encrypted' | 'damaged'> {
  // Loaded here, not with the module: JSZip took about 23 ms of every core start (the CLI, the
  // app) for an import a seller makes once, as the spreadsheet library is.
  const { default: JSZipLib } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await JSZipLib.loadAsync(bytes, { decodeFileName: entryName });
  } catch (err) {
    // JSZip refuses any archive with an encrypted entry, in these words.
    return err instanceof Error && /encrypted/i.test(err.message) ? 'encrypted' : 'damaged';
  }
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => ({ name: f.name, read: (maxBytes: number) => readCapped(f, maxBytes) }));
}
