import type { Migration } from './index';

/**
 * Notices in English too: a seller who switched the app to English gets notices and desktop
 * notifications in English. Older notices have no English text and are shown in Chinese.
 */
export const m007_notices_en: Migration = {
  version: 7,
  name: 'notices: English title and body',
  up(db) {
    db.exec(`
      ALTER TABLE notices ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
      ALTER TABLE notices ADD COLUMN body_en TEXT NOT NULL DEFAULT '';
    `);
  },
};
