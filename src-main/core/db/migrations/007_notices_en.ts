import { addColumnsMigration } from './addColumns';

/**
 * Notices in English too: a seller who switched the app to English gets notices and desktop
 * notifications in English. Older notices have no English text and are shown in Chinese.
 */
export const m007_notices_en = addColumnsMigration(7, 'notices: English title and body', {
  notices: ["title_en TEXT NOT NULL DEFAULT ''", "body_en TEXT NOT NULL DEFAULT ''"],
});
