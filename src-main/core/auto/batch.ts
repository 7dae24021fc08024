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
  inChunks(db, rows, (values) => `INSERT INTO ${into} VALUES ${values(width)} ${tail}`);
}

/**
 * `UPDATE ${table} SET columns… WHERE ${key} = …` for each row [key, …values], a chunk of rows per
 * statement (UPDATE … FROM a VALUES list).
 */
export function updateRows(db: Db, table: string, key: string, columns: string[], rows: readonly unknown[][]): void {
  const set = columns.map((c, i) => `${c} = v.column${i + 2}`).join(', ');
  inChunks(
    db,
    rows,
    (values) => `UPDATE ${table} SET ${set} FROM (VALUES ${values(columns.length + 1)}) AS v WHERE ${table}.${key} = v.column1`,
  );
}

function inChunks(db: Db, rows: readonly unknown[][], sql: (values: (width: number) => string) => string): void {
  if (rows.length === 0) return;
  const statements = new Map<number, Database.Statement>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (!s) {
      s = db.prepare(
        sql((width) =>
          Array(n)
            .fill(`(${Array(width).fill('?').join(', ')})`)
            .join(', '),
        ),
      );
      statements.set(n, s);
    }
    return s;
  };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    statement(chunk.length).run(chunk.flat());
  }
}
