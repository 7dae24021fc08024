import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { zipEntries } from '../../../src-main/core/platform/zipEntries';

describe('a zipped download (zipEntries)', () => {
  it('reads a file inside, but never more than asked: a file inflating past the limit is refused, not held', async () => {
    const text = Buffer.from('交易号,金额\n'.repeat(20_000));
    const entries = await zipEntries(zipSync({ 'bill.csv': text, 'folder/': new Uint8Array(0) }));
    if (!Array.isArray(entries)) throw new Error(`not read: ${entries}`);
    expect(entries.map((e) => e.name)).toEqual(['bill.csv']);
    expect(await entries[0]!.read(text.length)).toEqual(text);
    expect(await entries[0]!.read(text.length - 1)).toBe('too_large');
  });

  it('says when the archive has a password, is cut short, or its data is damaged', async () => {
    const zipped = Buffer.from(zipSync({ 'a.csv': Buffer.from('x,y\n'.repeat(500)) }));
    const locked = Buffer.from(zipped);
    locked[locked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8]! |= 1;
    expect(await zipEntries(locked)).toBe('encrypted');
    expect(await zipEntries(zipped.subarray(0, zipped.length - 30))).toBe('damaged');
    // The compressed bytes overwritten (the directory still whole): the file cannot be inflated.
    const broken = Buffer.from(zipped);
    broken.fill(0xff, 30 + 'a.csv'.length, 30 + 'a.csv'.length + 8);
    const entries = await zipEntries(broken);
    if (!Array.isArray(entries)) throw new Error(`not read: ${entries}`);
    expect(await entries[0]!.read(1 << 20)).toBe('unreadable');
  });

  it('names a file whose name a Chinese Windows archiver wrote in GBK, without the UTF-8 mark', async () => {
    const zipped = Buffer.from(zipSync({ 'abcd.csv': Buffer.from('x') }));
    for (let at = zipped.indexOf('abcd.csv'); at >= 0; at = zipped.indexOf('abcd.csv', at + 1))
      iconv.encode('账单.csv', 'gbk').copy(zipped, at);
    const entries = await zipEntries(zipped);
    expect(Array.isArray(entries) && entries.map((e) => e.name)).toEqual(['账单.csv']);
  });
});
