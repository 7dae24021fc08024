/**
 * A migration that only adds columns: SQLite adds one column per ALTER TABLE, so each table's new
 * columns are added one statement at a time, in the order given.
 */
import type { Migration } from './index';

export function addColumnsMigration(version: number, name: string, columns: Record<string, string[]>): Migration {
  return {
    version,
    name,
    up(db) {
      addColumns(db, columns);
    },
  };
}

export function addColumns(db: Parameters<Migration['up']>[0], columns: Record<string, string[]>): void {
  for (const [table, defs] of Object.entries(columns)) for (const def of defs) db.exec(`ALTER TABLE ${table} ADD COLUMN ${def};`);
}
