/** The help screen's "what is stored": the seller's words for every kind of data, never a table name. */
import { describe, expect, it } from 'vitest';
import { withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { INTERNAL_TABLES, NAMED_TABLES } from '../../../src-main/core/storedData';

describe('app.info stored data', () => {
  it('names each kind of data in Chinese and English, counts its records, and shows no table name', () =>
    withApp(async (app) => {
      const info = await call(app, 'app.info', {});
      const tables = Object.keys(info.rowCounts);
      // Every table of a fresh database is either named for the seller or the app's own bookkeeping,
      // so a new table has to be given words before it reaches the help screen.
      expect(tables.filter((t) => !NAMED_TABLES.includes(t) && !INTERNAL_TABLES.includes(t))).toEqual([]);

      const words = info.stored.map((s) => s.what.zh);
      expect(words).toContain('库存记录（每个SKU在每个仓库的最新可用库存）');
      expect(words).toContain('自动绑定/解绑操作记录（发送队列）');
      expect(info.stored.map((s) => s.what.en)).toContain('Auto bind/unbind actions (the send queue)');
      for (const s of info.stored) {
        for (const text of [s.what.zh, s.what.en]) {
          expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
          for (const t of tables) expect(text).not.toContain(t);
        }
      }
      // The ten bookkeeping tables are one line, and the records still add up to the database's.
      expect(info.stored.length).toBe(tables.length - INTERNAL_TABLES.length + 1);
      const total = (o: Record<string, number> | { rows: number }[]) =>
        Array.isArray(o) ? o.reduce((n, s) => n + s.rows, 0) : Object.values(o).reduce((n, v) => n + v, 0);
      expect(total(info.stored)).toBe(total(info.rowCounts));
      expect(info.stored.find((s) => s.what.zh === '操作记录（谁在什么时候做了什么）')?.rows).toBe(info.rowCounts.audit_log);
    }));
});
