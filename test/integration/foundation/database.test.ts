import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, schemaVersion } from '../../../src-main/core/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/core/db/migrations';
import { dailyBackup, listDailyBackups, BACKUPS_KEPT } from '../../../src-main/core/db/backup';
import { AppError } from '../../../src-shared/errors';
import { tempDir } from '../../helpers/tempApp';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('the database file', () => {
  it('upgrades a database at an older version, keeping its rows, after copying it aside', () => {
    const dir = tempDir();
    const file = join(dir, 'desk.sqlite');
    const older = LATEST_VERSION - 1;
    const old = new Database(file);
    for (const m of MIGRATIONS.filter((m) => m.version <= older)) m.up(old);
    // Rows the seller's app wrote at that version, in tables the pending migration reads around.
    old.exec(`
      INSERT INTO notices (at, level, title, body, title_en, body_en) VALUES ('2026-09-01T02:00:00Z', 'warning', '别丢了我的数据', '', 'Keep my data', '');
      INSERT INTO exit_case (store_key, created_at, updated_at, reason) VALUES ('default', '2026-09-01T02:00:00Z', '2026-09-01T02:00:00Z', 'own');
      INSERT INTO exit_disposal (case_id, sku, on_hand, on_hand_source, method, quantity) VALUES (1, 'CUP-RED', 15, 'seller', 'liquidate', 15);
    `);
    old.pragma(`user_version = ${older}`);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const kept = (d: Database.Database) => ({
      notices: d.prepare('SELECT title, title_en FROM notices').all(),
      plan: d.prepare('SELECT c.reason, p.sku, p.quantity FROM exit_disposal p JOIN exit_case c ON c.id = p.case_id').all(),
    });
    const expected = {
      notices: [{ title: '别丢了我的数据', title_en: 'Keep my data' }],
      plan: [{ reason: 'own', sku: 'CUP-RED', quantity: 15 }],
    };
    expect(kept(db)).toEqual(expected);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();

    const copies = readdirSync(join(dir, 'backups')).filter((f) => f.startsWith(`before-v${LATEST_VERSION}-from-v${older}-`));
    expect(copies).toHaveLength(1);
    const copy = new Database(join(dir, 'backups', copies[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(older);
    expect(kept(copy)).toEqual(expected);
    copy.close();
  });

  it('refuses a database written by a newer app with a clear message and leaves the file untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'desk.sqlite');
    const newer = new Database(file);
    newer.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY)');
    newer.pragma(`user_version = ${LATEST_VERSION + 3}`);
    newer.close();
    const before = sha(file);

    let caught: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_NEWER');
    expect((caught as AppError).messageZh).toContain('更新版本');
    expect((caught as AppError).messageZh).toContain('请安装最新版本');
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('creates a fresh database at the latest version without a pre-migration copy', () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'desk.sqlite'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('keeps one online backup a day and only the newest seven', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'desk.sqlite'));
    db.prepare("INSERT INTO notices (at, level, title) VALUES ('2026-01-01T00:00:00Z', 'info', '备份测试')").run();
    const backups = join(dir, 'backups');
    const day = 24 * 3600_000;
    const start = Date.UTC(2026, 2, 1, 2);
    expect(await dailyBackup(db, backups, start)).not.toBeNull();
    expect(await dailyBackup(db, backups, start + 3600_000)).toBeNull(); // same day: no second copy
    for (let i = 1; i < 10; i++) await dailyBackup(db, backups, start + i * day);
    const kept = listDailyBackups(backups);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toBe('daily-2026-03-04.sqlite');
    expect(kept.at(-1)).toBe('daily-2026-03-10.sqlite');
    const copy = new Database(join(backups, kept.at(-1)!), { readonly: true });
    expect(copy.prepare('SELECT title FROM notices').get()).toEqual({ title: '备份测试' });
    copy.close();
    db.close();
  });
});
