/**
 * Multi-row writes: a pass that writes tens of thousands of rows (a stock read, a resolve pass,
 * decisions, outbox and audit) pays SQLite's per-statement cost once per chunk of rows, not once per
 * row (a statement per row cost 2–3× a raw upsert at 100k rows, most of it in crossing from
 * JavaScript to SQLite and back). Rows go in the order given, so rowids come out as one statement
 * per row would give them.
 */
import type Database from 'better-sqlite3';
import type { Db } from './open';

/** Rows per statement: well under SQLite's limit on bound values at the widest row written (12 values). */
const CHUNK = 250;

export interface InsertShape {
  /** Values every row shares (named parameters or constants), after the bound ones. */
  more?: { columns: string; values: string };
  /** After the VALUES list (an upsert clause). */
  tail?: string;
  /** The named parameters `more` and `tail` use. */
  params?: Record<string, unknown>;
}

/** Inserts `flat` (rows of `columns.length` values, one after another); returns the rows changed. */
export function insertFlat(db: Db, table: string, columns: readonly string[], flat: readonly unknown[], shape: InsertShape = {}): number {
  const width = columns.length;
  const rows = flat.length / width;
  return inChunks(db, rows, insertSql(table, columns, shape), (from, to) => flat.slice(from * width, to * width), shape.params);
}

/** Inserts `rows` (each `columns.length` values wide); returns the rows changed. */
export function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly unknown[][], tail = ''): number {
  return inChunks(db, rows.length, insertSql(table, columns, { tail }), (from, to) => rows.slice(from, to).flat());
}

/**
 * `UPDATE ${table} SET columns… WHERE ${key} = …` for each row [key, …values], a chunk of rows per
 * statement (UPDATE … FROM a VALUES list).
 */
export function updateRows(db: Db, table: string, key: string, columns: readonly string[], rows: readonly unknown[][]): number {
  const set = columns.map((c, i) => `${c} = v.column${i + 2}`).join(', ');
  return inChunks(
    db,
    rows.length,
    (n) => `UPDATE ${table} SET ${set} FROM (VALUES ${values(n, columns.length + 1)}) AS v WHERE ${table}.${key} = v.column1`,
    (from, to) => rows.slice(from, to).flat(),
  );
}

function insertSql(table: string, columns: readonly string[], shape: InsertShape): (n: number) => string {
  const more = shape.more;
  const one = `(${Array(columns.length).fill('?').join(',')}${more ? `,${more.values}` : ''})`;
  return (n) =>
    `INSERT INTO ${table} (${columns.join(',')}${more ? `,${more.columns}` : ''}) VALUES ${Array(n).fill(one).join(',')} ${shape.tail ?? ''}`;
}

function values(n: number, width: number): string {
  return Array(n)
    .fill(`(${Array(width).fill('?').join(',')})`)
    .join(',');
}

/**
 * The full-chunk statements, per connection: preparing one (a few thousand placeholders) costs
 * about a millisecond, and the decide pass after a 100k stock run, writing a chunk of each table at a
 * time, prepared some thirty (statement preparation was 34 ms of that pass in a profile). The
 * statement for the rest of the rows varies in size, so it is not kept.
 */
const prepared = new WeakMap<Db, Map<string, Database.Statement>>();

function fullChunk(db: Db, sql: string): Database.Statement {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let statement = m.get(sql);
  if (!statement) m.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/** Runs the statement for `n` rows once per chunk (the full-chunk one kept, the rest prepared once). */
function inChunks(
  db: Db,
  rows: number,
  sql: (n: number) => string,
  chunk: (from: number, to: number) => unknown[],
  params?: Record<string, unknown>,
): number {
  const extra = params ? [params] : [];
  let full: Database.Statement | undefined;
  let changes = 0;
  for (let k = 0; k < rows; k += CHUNK) {
    const to = Math.min(rows, k + CHUNK);
    const statement = to - k === CHUNK ? (full ??= fullChunk(db, sql(CHUNK))) : db.prepare(sql(to - k));
    changes += statement.run(chunk(k, to), ...extra).changes;
  }
  return changes;
}
