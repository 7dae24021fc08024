/**
 * Filtering and paging the stock tables in SQL: they hold 100k rows, so the renderer only ever
 * receives one page, counted over the same filter.
 */
import type { Db } from '../db/open';
import type { Page } from '../../../src-shared/types/stock';

/** A LIKE pattern finding the text anywhere, its \ % _ escaped (pair it with ESCAPE '\'). */
export function likeAnywhere(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A condition and its parameters; a falsy entry is a filter the caller did not set. */
export type Condition = [sql: string, ...params: unknown[]] | false | undefined | '' | 0;

/** The WHERE clause (empty when nothing is set) of the conditions that are set, ANDed, with their parameters. */
export function whereOf(conditions: Condition[]): { sql: string; params: unknown[] } {
  const set = conditions.filter((c): c is [string, ...unknown[]] => Array.isArray(c));
  return { sql: set.length ? `WHERE ${set.map((c) => c[0]).join(' AND ')}` : '', params: set.flatMap((c) => c.slice(1)) };
}

/** One page: `count` gives the total, `rows` (ordered, without LIMIT) the rows, each mapped for the view. */
export function sqlPage<R, T>(
  db: Db,
  sql: { count: string; rows: string },
  params: unknown[],
  page: number,
  pageSize: number,
  map: (row: R) => T,
): Page<T> {
  const total = (db.prepare(sql.count).get(...params) as { n: number }).n;
  const rows = db.prepare(`${sql.rows} LIMIT ? OFFSET ?`).all(...params, pageSize, (page - 1) * pageSize) as R[];
  return { total, page, pageSize, rows: rows.map(map) };
}
