/**
 * 监视文件夹: the file source's watched folder. The newest CSV/XLSX there is imported on the stock
 * schedule with the upload's report; a file is taken once; one with nothing usable is not written
 * and the seller is told; the import age and stale warning are the upload's.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { call } from '../../helpers/channels';
import { stockScheduler } from '../../../src-main/core/stock/scheduler';
import { SETTLE_MS } from '../../../src-main/core/stock/settledFile';
import { makeApp } from './fixtures';
import { tempDir } from '../../helpers/tempApp';

const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';
const levelOf = (app: ReturnType<typeof makeApp>['app'], sku: string) =>
  app.db.prepare('SELECT available FROM stock_levels WHERE sku = ?').pluck().get(sku) as number | undefined;

describe('the watched folder of the file stock source', () => {
  it('refuses a folder that does not exist, at the field', async () => {
    const { app } = makeApp();
    try {
      await expect(call(app, 'stock.watch.set', { folder: join(tempDir(), 'nope') })).rejects.toMatchObject({
        payload: {
          code: 'BAD_INPUT',
          issues: [expect.objectContaining({ path: 'folder', message: expect.stringContaining('找不到文件夹') })],
        },
      });
      await expect(call(app, 'stock.watch.set', { folder: 'ERP导出' })).rejects.toMatchObject({ payload: { code: 'BAD_INPUT' } });
      expect(await call(app, 'stock.watch.status', {})).toMatchObject({ folder: null, reachable: null, outcome: null });
    } finally {
      await app.close();
    }
  });

  it('imports the newest file on the schedule, once; a bad newer file is reported and not written; stale after a day', async () => {
    const { app, clock } = makeApp();
    const dir = join(tempDir(), 'ERP导出');
    mkdirSync(dir);
    const at = (name: string, content: Buffer, secondsAgo: number) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      const t = (clock.now() - secondsAgo * 1000) / 1000;
      utimesSync(file, t, t);
    };
    try {
      expect(await call(app, 'stock.watch.set', { folder: dir })).toMatchObject({ folder: dir, reachable: true, outcome: null });
      // Empty folder: nothing to do, said so.
      expect(await call(app, 'stock.watch.check', {})).toMatchObject({ outcome: 'no_file' });

      // Two exports (GBK, as ERPs write them): the newer one is taken, its bad line reported.
      at('stock-old.csv', iconv.encode(csv(['SKU,仓库,可用库存', 'G-1,深圳仓,1']), 'gbk'), 3600);
      at('stock-new.csv', iconv.encode(csv(['SKU,仓库,可用库存', 'G-1,深圳仓,12', 'G-2,深圳仓,很多', 'G-3,深圳仓,0']), 'gbk'), 60);
      at('notes.txt', Buffer.from('not stock'), 0);
      clock.advance(31 * 60_000);
      await stockScheduler(app).tick();
      const first = await call(app, 'stock.watch.status', {});
      expect(first).toMatchObject({ fileName: 'stock-new.csv', outcome: 'imported', accepted: 2, rejectedTotal: 1 });
      expect(first.rejected).toEqual([expect.objectContaining({ line: 3, sku: 'G-2' })]);
      expect(levelOf(app, 'G-1')).toBe(12);
      expect(await call(app, 'stock.import.status', {})).toMatchObject({ fileName: 'stock-new.csv', ageHours: 0, stale: false });
      const notices = await call(app, 'notices.list', {});
      expect(notices).toEqual(
        expect.arrayContaining([expect.objectContaining({ title: expect.objectContaining({ zh: '监视文件夹的库存文件有错误的行' }) })]),
      );

      // Not due yet: nothing is looked at before the interval.
      at('stock-newer.csv', Buffer.from(csv(['SKU,仓库,可用库存', 'G-1,深圳仓,99'])), 0);
      clock.advance(60_000);
      await stockScheduler(app).tick();
      expect(levelOf(app, 'G-1')).toBe(12);
      // Due: the newer file (exported a minute before the look) is taken; looked at again, the same
      // file is not imported twice.
      clock.advance(30 * 60_000);
      at('stock-newer.csv', Buffer.from(csv(['SKU,仓库,可用库存', 'G-1,深圳仓,99'])), 60);
      await stockScheduler(app).tick();
      expect(levelOf(app, 'G-1')).toBe(99);
      const runs = () => app.db.prepare("SELECT count(*) FROM stock_sync_runs WHERE trigger = 'import'").pluck().get();
      const before = runs();
      expect(await call(app, 'stock.watch.check', {})).toMatchObject({ fileName: 'stock-newer.csv', outcome: 'unchanged' });
      expect(runs()).toBe(before);

      // A newer export without a quantity column: not written, the seller told why.
      clock.advance(60_000);
      at('stock-broken.csv', Buffer.from(csv(['SKU,仓库', 'G-1,深圳仓'])), 60);
      const refused = await call(app, 'stock.watch.check', {});
      expect(refused).toMatchObject({ fileName: 'stock-broken.csv', outcome: 'refused', accepted: 0 });
      expect(levelOf(app, 'G-1')).toBe(99);
      const after = await call(app, 'notices.list', {});
      expect(after).toEqual(
        expect.arrayContaining([expect.objectContaining({ title: expect.objectContaining({ zh: '监视文件夹里的库存文件没有导入' }) })]),
      );

      // No newer good export for a day: the upload's stale warning.
      clock.advance(25 * 3_600_000);
      expect(await call(app, 'stock.import.status', {})).toMatchObject({ fileName: 'stock-newer.csv', stale: true });
    } finally {
      await app.close();
    }
  });

  it('does not take a file still being written: a cut last line or a file written just now waits for a later look', async () => {
    const { app, clock } = makeApp();
    const dir = join(tempDir(), 'ERP导出');
    mkdirSync(dir);
    const file = join(dir, 'stock.csv');
    const write = (content: string, secondsAgo: number) => {
      writeFileSync(file, content);
      const t = (clock.now() - secondsAgo * 1000) / 1000;
      utimesSync(file, t, t);
    };
    const full = csv(['SKU,仓库,可用库存,安全库存', 'A001,义乌仓,120,1', 'A002,义乌仓,300,1', 'A003,义乌仓,45,1']);
    const stale = (sku: string) => app.db.prepare('SELECT stale FROM stock_levels WHERE sku = ?').pluck().get(sku);
    try {
      await call(app, 'stock.watch.set', { folder: dir });
      write(full, 3600);
      expect(await call(app, 'stock.watch.check', {})).toMatchObject({ outcome: 'imported', accepted: 3 });

      // The ERP rewrites it and the look comes in the middle, cut inside A002's "300" (an hour-old
      // time too, as after a pause in writing): nothing is written, the status says why.
      const notices = (await call(app, 'notices.list', {})).length;
      write(full.slice(0, full.indexOf('300') + 1), 3600);
      const cut = await call(app, 'stock.watch.check', {});
      expect(cut).toMatchObject({
        outcome: 'waiting',
        fileName: 'stock.csv',
        accepted: 0,
        problem: { zh: expect.stringContaining('最后一行没有换行') },
      });
      expect([levelOf(app, 'A002'), stale('A003')]).toEqual([300, 0]);
      expect(await call(app, 'notices.list', {})).toHaveLength(notices);

      // Finished just now: still waits, then is taken on the scheduler's next look once it has not changed.
      write(csv(['SKU,仓库,可用库存,安全库存', 'A001,义乌仓,120,1', 'A002,义乌仓,250,1', 'A003,义乌仓,45,1']), 0);
      expect(await call(app, 'stock.watch.check', {})).toMatchObject({
        outcome: 'waiting',
        problem: { zh: expect.stringContaining('刚刚写入') },
      });
      expect(levelOf(app, 'A002')).toBe(300);
      clock.advance(SETTLE_MS);
      await stockScheduler(app).tick();
      expect(await call(app, 'stock.watch.status', {})).toMatchObject({ outcome: 'imported', accepted: 3 });
      expect([levelOf(app, 'A002'), stale('A003')]).toEqual([250, 0]);

      // An ERP that never ends its last line: the file is taken once it is seen unchanged on a later look.
      clock.advance(60_000);
      write('SKU,仓库,可用库存\r\nA001,义乌仓,7', 3600);
      expect(await call(app, 'stock.watch.check', {})).toMatchObject({ outcome: 'waiting' });
      clock.advance(SETTLE_MS);
      expect(await call(app, 'stock.watch.check', {})).toMatchObject({ outcome: 'imported', accepted: 1 });
      expect(levelOf(app, 'A001')).toBe(7);
    } finally {
      await app.close();
    }
  });
});
