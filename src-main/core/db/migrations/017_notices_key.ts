import type { Migration } from './index';
import { addColumns } from './addColumns';

/**
 * Notices keyed by what they are about, not by their Chinese title: a notice given "once a day" or
 * "once an hour" is looked up by its key, so rewording a title cannot make it repeat. Notices given
 * before this version get the key their title stood for, so a notice given an hour before the
 * upgrade still counts; other old notices have none (they were never looked up).
 */
export const m017_notices_key: Migration = {
  version: 17,
  name: 'notices: stable key',
  up(db) {
    addColumns(db, { notices: ['key TEXT'] });
    db.exec(`
      UPDATE notices SET key = CASE title
          WHEN '超卖风险每日小结' THEN 'auto.dailyRisk'
          WHEN '速卖通授权已过期' THEN 'auto.tokenExpired'
          WHEN '速卖通授权即将过期' THEN 'auto.tokenExpiring'
          WHEN '库存读取持续失败' THEN 'stock.sourceFailing'
          WHEN '自动绑定/解绑暂停：需要重新授权' THEN 'auto.authPaused'
        END;
      UPDATE notices SET key = 'auto.reviewStuck:' || substr(title, length('解绑审核超时：') + 1)
        WHERE key IS NULL AND title LIKE '解绑审核超时：%';
      CREATE INDEX notices_key ON notices(key, at) WHERE key IS NOT NULL;
    `);
  },
};
