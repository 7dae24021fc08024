/**
 * Databases at a given schema version, for testing one migration at a time (Signal Desktop's way):
 * build the schema as it was at N−1 with the migrations of the time, write rows as that version's
 * app wrote them, run migration N alone, then check the rows and the plans of the queries it serves.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src-main/core/db/migrations';

export type Db = Database.Database;

function run(db: Db, from: number, to: number): void {
  const steps = MIGRATIONS.filter((m) => m.version > from && m.version <= to);
  if (!MIGRATIONS.some((m) => m.version === to) && to !== 0) throw new Error(`no migration ${to}`);
  db.transaction(() => {
    for (const m of steps) m.up(db);
    db.pragma(`user_version = ${to}`);
  })();
}

/** A database (in memory unless a file is given) at exactly `version`, as the app left it then. */
export function databaseAt(version: number, file = ':memory:'): Db {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  run(db, 0, version);
  return db;
}

/** Runs the migrations after the database's version up to and including `version`, as open.ts does. */
export function migrateTo(db: Db, version: number): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (version <= from) throw new Error(`the database is already at ${from}`);
  run(db, from, version);
}

/** SQLite's plan for a query, one line per step (e.g. "SEARCH a USING INDEX auto_actions_lane (kind=? AND state=?…)"). */
export function queryPlan(db: Db, sql: string, ...params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

export function columns(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

export function indexes(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA index_list(${table})`).all() as { name: string; origin: string }[])
    .filter((i) => i.origin === 'c')
    .map((i) => i.name);
}
