import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
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
  it('prepares the full-chunk statement once per connection and shape, and it still writes after the table changes', () => {
    const open = () => {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)');
      return db;
    };
    const a = open();
    const b = open();
    const rows = (from: number) => Array.from({ length: 500 }, (_, i) => [from + i, `v${from + i}`]);
    const prepares = vi.spyOn(a, 'prepare');
    insertRows(a, 't', ['k', 'v'], rows(0));
    expect(prepares).toHaveBeenCalledTimes(1); // two full chunks, one statement
    insertRows(a, 't', ['k', 'v'], rows(500));
    expect(prepares).toHaveBeenCalledTimes(1);
    // Another connection has its own.
    insertRows(b, 't', ['k', 'v'], rows(0));
    expect(b.prepare('SELECT count(*) FROM t').pluck().get()).toBe(500);
    a.exec('ALTER TABLE t ADD COLUMN w TEXT');
    insertRows(a, 't', ['k', 'v'], rows(1000));
    expect(a.prepare('SELECT count(*), max(k) FROM t').raw().get()).toEqual([1500, 1499]);
  });
});
