import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { keepRead, keptUntilWrite, writeStamp } from '../../../src-main/core/db/untilWrite';
import { tempDir } from '../../helpers/tempApp';

function open() {
  const file = join(tempDir(), 'kept.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL); INSERT INTO t (v) VALUES (1), (2)');
  let reads = 0;
  const sum = () =>
    keptUntilWrite(db, 'sum', () => {
      reads++;
      return db.prepare('SELECT sum(v) FROM t').pluck().get() as number;
    });
  return { db, file, sum, reads: () => reads };
}

describe('a figure kept until a write', () => {
  it('is read once while nothing is written, again after a write of this connection or a commit of another', () => {
    const { db, file, sum, reads } = open();
    expect([sum(), sum(), sum()]).toEqual([3, 3, 3]);
    expect(reads()).toBe(1);
    db.prepare('UPDATE t SET v = 5 WHERE id = 1').run();
    expect(sum()).toBe(7);
    expect(reads()).toBe(2);
    const other = new Database(file);
    other.prepare('DELETE FROM t WHERE id = 2').run();
    other.close();
    expect(sum()).toBe(5);
    expect(sum()).toBe(5);
    expect(reads()).toBe(3);
    db.close();
  });

  it('is never kept from inside a transaction: a rollback takes the rows back, not the count of changes', () => {
    const { db, sum, reads } = open();
    expect(() =>
      db.transaction(() => {
        db.prepare('UPDATE t SET v = 100 WHERE id = 1').run();
        expect(sum()).toBe(102);
        expect(writeStamp(db)).toBeNull();
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(sum()).toBe(3);
    expect(reads()).toBe(2);
    db.close();
  });

  it('keeps a value read elsewhere only when no write came between the stamp and the keeping', () => {
    const { db, sum, reads } = open();
    const stamp = writeStamp(db);
    keepRead(db, 'sum', stamp, 3);
    expect(sum()).toBe(3);
    expect(reads()).toBe(0);
    const before = writeStamp(db);
    db.prepare('UPDATE t SET v = 10 WHERE id = 2').run();
    keepRead(db, 'sum', before, 3);
    expect(sum()).toBe(11);
    expect(reads()).toBe(1);
    db.close();
  });
});
