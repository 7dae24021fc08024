/** In-app notices: stored so a seller who was away still sees what happened, and pushed live. */
import type { Db } from './db/open';
import type { Clock } from './platform/clock';
import type { EventBus } from './platform/events';
import type { Notice } from '../../src-shared/types/app';

interface NoticeRow {
  id: number;
  at: string;
  level: Notice['level'];
  title: string;
  body: string;
  read: number;
}

export class Notices {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  add(level: Notice['level'], title: string, body = ''): Notice {
    const at = new Date(this.clock.now()).toISOString();
    const r = this.db
      .prepare('INSERT INTO notices (at, level, title, body) VALUES (?, ?, ?, ?)')
      .run(at, level, title, body);
    const notice: Notice = { id: Number(r.lastInsertRowid), at, level, title, body, read: false };
    this.events.emit('notice', notice);
    return notice;
  }

  list(limit: number): Notice[] {
    const rows = this.db.prepare('SELECT * FROM notices ORDER BY id DESC LIMIT ?').all(limit) as NoticeRow[];
    return rows.map((r) => ({ ...r, read: r.read === 1 }));
  }

  markRead(ids: number[]): number {
    const stmt = this.db.prepare('UPDATE notices SET read = 1 WHERE id = ? AND read = 0');
    return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(id).changes, 0))();
  }
}
