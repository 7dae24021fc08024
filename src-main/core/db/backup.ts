/**
 * A daily online copy of the database through SQLite's backup API (safe while the app writes),
 * keeping the newest seven.
 */
import { mkdirSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './open';

export const BACKUPS_KEPT = 7;
const DAILY = /^daily-(\d{4}-\d{2}-\d{2})\.sqlite$/;

function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

export function listDailyBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => DAILY.test(f)).sort();
}

/** Takes today's copy unless it exists; returns its path, or null when today's was already there. */
export async function dailyBackup(db: Db, dir: string, now: number): Promise<string | null> {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `daily-${shanghaiDate(now)}.sqlite`);
  if (existsSync(target)) return null;
  await db.backup(target);
  const all = listDailyBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) rmSync(join(dir, old), { force: true });
  return target;
}
