/**
 * Daily backups are named by the China date they were taken (daily-2026-12-08.sqlite): the core
 * names and finds them with these, and the screens read the day back, so the two cannot drift.
 */
export const DAILY_BACKUP = /^daily-(\d{4}-\d{2}-\d{2})\.sqlite$/;

/** The file name of the backup taken on `day` (YYYY-MM-DD, China date). */
export const dailyBackupName = (day: string): string => `daily-${day}.sqlite`;

/** The day a daily backup was taken, written as the screens write dates; a name of another shape is given as it is. */
export function backupDay(fileName: string): string {
  return DAILY_BACKUP.exec(fileName)?.[1] ?? fileName;
}
