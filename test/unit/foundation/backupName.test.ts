/** Home and Help give the last daily backup as the day it was taken, not as its file name. */
import { describe, expect, it } from 'vitest';
import { backupDay, dailyBackupName } from '../../../src-shared/backupName';

describe('backupDay', () => {
  it('reads the China date the core names a daily backup by', () => {
    expect(backupDay('daily-2026-12-08.sqlite')).toBe('2026-12-08');
    expect(backupDay(dailyBackupName('2027-01-31'))).toBe('2027-01-31');
  });
  it('shows a name of another shape as it is', () => {
    expect(backupDay('before-migration-23.sqlite')).toBe('before-migration-23.sqlite');
  });
});
