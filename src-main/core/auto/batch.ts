/**
 * Multi-row inserts: a pass that writes tens of thousands of rows (history, SKU states, decisions,
 * outbox, audit) pays SQLite's per-statement cost once per chunk of rows, not once per row. Rows go
 * in the order given, so rowids come out as one statement per row would give them.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';

const CHUNK = 100;

/**
 * `INSERT INTO ${into} VALUES (?, …), … ${tail}` over `rows`, each `width` values wide. Prepared once
 * per size (a full chunk and the remainder).
 */
export function insertRows(db: Db, into: string, width: number, rows: readonly unknown[][], tail = ''): void {
  if (rows.length === 0) return;
  const one = `(${Array(width).fill('?').join(', ')})`;
  const statements = new Map<number, Database.Statement>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (!s) {
      s = db.prepare(`INSERT INTO ${into} VALUES ${Array(n).fill(one).join(', ')} ${tail}`);
      statements.set(n, s);
    }
    return s;
  };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    statement(chunk.length).run(chunk.flat());
  }
}
