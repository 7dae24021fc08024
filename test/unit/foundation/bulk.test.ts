import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertRows, updateRows } from '../../../src-main/core/db/bulk';

describe('multi-row writes', () => {
  it('insert every row in order (rowids as one insert per row would give), in chunks and the remainder; update by key likewise', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL UNIQUE, v TEXT)');
    const rows = Array.from({ length: 257 }, (_, i) => [1000 - i, `v${i}`]);
    insertRows(db, 't', ['k', 'v'], rows);
    insertRows(db, 't', ['k', 'v'], []);
    expect(db.prepare('SELECT id, k, v FROM t ORDER BY id').raw().all()).toEqual(rows.map(([k, v], i) => [i + 1, k, v]));
    insertRows(
      db,
      't',
      ['k', 'v'],
      [
        [1000, 'again'],
        [1, 'new'],
      ],
      'ON CONFLICT(k) DO UPDATE SET v = excluded.v',
    );
    expect(db.prepare('SELECT v FROM t WHERE k IN (1000, 1) ORDER BY k').pluck().all()).toEqual(['new', 'again']);
    updateRows(
      db,
      't',
      'k',
      ['v'],
      rows.filter((_, i) => i % 2 === 0).map(([k]) => [k, `u${String(k)}`]),
    );
    expect(db.prepare("SELECT count(*) FROM t WHERE v LIKE 'u%'").pluck().get()).toBe(129);
    expect(db.prepare('SELECT v FROM t WHERE k = 999').pluck().get()).toBe('v1');
    expect(db.prepare('SELECT v FROM t WHERE k = 998').pluck().get()).toBe('u998');
  });
});
