/**
 * A process the backup tests kill mid-copy: BACKUP_MODE=daily takes the daily backup of
 * BACKUP_DB into BACKUP_DIR; BACKUP_MODE=migrate opens BACKUP_DB, an older database, which copies it
 * aside before migrating.
 */
import Database from 'better-sqlite3';
import { dailyBackup } from '../../../src-main/core/db/backup';
import { openDatabase } from '../../../src-main/core/db/open';

async function main(): Promise<void> {
  const file = process.env.BACKUP_DB as string;
  if (process.env.BACKUP_MODE === 'daily') {
    const db = new Database(file);
    process.stdout.write('started\n');
    await dailyBackup(db, process.env.BACKUP_DIR as string, Date.now());
    db.close();
  } else {
    process.stdout.write('started\n');
    openDatabase(file).close();
  }
  process.stdout.write('finished\n');
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exitCode = 2;
});
