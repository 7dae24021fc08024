/** In-app notices: stored so a seller who was away still sees what happened, and pushed live. */
import type { Db } from './db/open';
import type { Clock } from './platform/clock';
import type { EventBus } from './platform/events';
import type { Notice, NoticeText } from '../../src-shared/types/app';

interface NoticeRow {
  id: number;
  at: string;
  level: Notice['level'];
  title: string;
  body: string;
  title_en: string;
  body_en: string;
  key: string | null;
  read: number;
}

/** A stored notice as the screens get it; one stored before notices had English shows its Chinese in both. */
export function noticeOf(r: Pick<NoticeRow, 'id' | 'at' | 'level' | 'title' | 'body' | 'title_en' | 'body_en' | 'read'>): Notice {
  const english = Boolean(r.title_en);
  return {
    id: r.id,
    at: r.at,
    level: r.level,
    title: { zh: r.title, en: english ? r.title_en : r.title },
    body: { zh: r.body, en: english ? r.body_en : r.body },
    read: r.read === 1,
  };
}

export class Notices {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  /**
   * Every notice is written in Chinese and English: the seller may switch language at any time.
   * `key` names what a notice is about (see `givenWithin`); one about the same thing has the same key.
   */
  add(level: Notice['level'], zh: NoticeText, en: NoticeText, key?: string): Notice {
    const at = new Date(this.clock.now()).toISOString();
    const r = this.db
      .prepare('INSERT INTO notices (at, level, title, body, title_en, body_en, key) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(at, level, zh.title, zh.body ?? '', en.title, en.body ?? '', key ?? null);
    const notice: Notice = {
      id: Number(r.lastInsertRowid),
      at,
      level,
      title: { zh: zh.title, en: en.title },
      body: { zh: zh.body ?? '', en: en.body ?? '' },
      read: false,
    };
    this.events.emit('notice', notice);
    return notice;
  }

  /** A notice with this key was given within the last `ms` (notices told once a day, once an hour). */
  givenWithin(key: string, ms: number): boolean {
    const since = new Date(this.clock.now() - ms).toISOString();
    return this.db.prepare('SELECT 1 FROM notices WHERE key = ? AND at > ?').get(key, since) !== undefined;
  }

  list(limit: number): Notice[] {
    const rows = this.db.prepare('SELECT * FROM notices ORDER BY id DESC LIMIT ?').all(limit) as NoticeRow[];
    return rows.map(noticeOf);
  }

  markRead(ids: number[]): number {
    const stmt = this.db.prepare('UPDATE notices SET read = 1 WHERE id = ? AND read = 0');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0))();
  }
}
