/**
 * What the store exit (退店) and the deposit refund (退保证金) cases share: one row per store in
 * `<domain>_case`, a timeline in `<domain>_event` with an audit row for every entry, and one way to
 * change the row. The rules stay in each domain; this is only the bookkeeping, so that both
 * wizards stamp, audit and refresh the same way.
 */
import type { App } from '../app';
import { writeAudit, type Actor } from '../audit';
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';
import { beijingDate } from '../calendar/workdays';

/** The app manages one store; the key leaves room for more without a migration. */
export const STORE_KEY = 'default';

/** The name the paperwork and the letters use before the seller has given one. */
const DEFAULT_STORE_NAME = '我的全托管店铺';

export type CaseDomain = 'exit' | 'deposit';

export interface CaseRowBase {
  id: number;
  created_at: string;
  updated_at: string;
}

/** One timeline entry, as both wizards show it. */
export interface CaseEvent {
  id: number;
  at: string;
  kind: string;
  text: Bilingual;
}

/** What a pure view builder needs besides the row and its children. */
export interface CaseContext {
  today: string;
  storeName: string;
}

/** A notice in both languages, as `app.notices.add` takes it. */
export interface CaseNotice {
  zh: { title: string; body: string };
  en: { title: string; body: string };
}

/** What makes a domain's case: its tables, how to read what hangs off a row, and its pure view builder. */
export interface CaseSpec<Row, Children, View> {
  domain: CaseDomain;
  /** What hangs off the row (the view builder's second argument), with the timeline already read. */
  read: (app: App, r: Row, timeline: CaseEvent[]) => Children;
  /** The view of a row as its wizard shows it, without touching the database. */
  build: (r: Row, children: Children, ctx: CaseContext) => View;
  /** What the seller reads when there is no case, or none with that id. */
  notFound: (caseId?: number) => Bilingual;
}

export class CaseKernel<Row extends CaseRowBase, Children, View> {
  // Both names come from the closed `CaseDomain`, never from input.
  private readonly caseTable: string;
  private readonly eventTable: string;

  /** `open` opens the store's case: a step that needs one may be the seller's first. */
  constructor(
    readonly app: App,
    private readonly spec: CaseSpec<Row, Children, View>,
    private readonly open: () => unknown,
  ) {
    this.caseTable = `${spec.domain}_case`;
    this.eventTable = `${spec.domain}_event`;
  }

  now(): string {
    return new Date(this.app.clock.now()).toISOString();
  }

  /** Today in Beijing: the platform's days, whatever the host's zone. */
  today(): string {
    return beijingDate(this.app.clock.now());
  }

  storeName(): string {
    return this.app.settings.get('storeName') || DEFAULT_STORE_NAME;
  }

  context(): CaseContext {
    return { today: this.today(), storeName: this.storeName() };
  }

  /** The store's case, or the one with `caseId`. */
  row(caseId?: number): Row | null {
    const r =
      caseId === undefined
        ? this.app.db.prepare(`SELECT * FROM ${this.caseTable} WHERE store_key = ?`).get(STORE_KEY)
        : this.app.db.prepare(`SELECT * FROM ${this.caseTable} WHERE id = ?`).get(caseId);
    return (r as Row | undefined) ?? null;
  }

  require(caseId?: number): Row {
    const r = this.row(caseId);
    if (r) return r;
    const m = this.spec.notFound(caseId);
    throw new AppError('NOT_FOUND', m.zh, m.en);
  }

  /** The store's case, opened first when there is none; a case asked for by id must exist. */
  ensure(caseId?: number): Row {
    if (caseId === undefined && !this.row()) this.open();
    return this.require(caseId);
  }

  /** Inserts the store's case with the given columns and its "opened" entry. */
  create(columns: Record<string, string | number | null>, opened: Bilingual): Row {
    const now = this.now();
    const names = ['store_key', 'created_at', 'updated_at', ...Object.keys(columns)];
    const sql = `INSERT INTO ${this.caseTable} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    const id = Number(this.app.db.prepare(sql).run(STORE_KEY, now, now, ...Object.values(columns)).lastInsertRowid);
    this.event(id, 'opened', opened);
    this.changed();
    return this.require(id);
  }

  /** A timeline entry and its audit row (the audit keeps the Chinese text with the detail). */
  event(caseId: number, kind: string, text: Bilingual, detail: Record<string, unknown> = {}, actor: Actor = 'seller'): void {
    const d = this.spec.domain;
    this.app.db
      .prepare(`INSERT INTO ${this.eventTable} (case_id, at, kind, text, text_en) VALUES (?, ?, ?, ?, ?)`)
      .run(caseId, this.now(), kind, text.zh, text.en);
    writeAudit(this.app.db, this.app.clock, {
      actor,
      kind: `${d}.${kind}`,
      subject: `${d}:${caseId}`,
      detail: { text: text.zh, ...detail },
    });
  }

  timeline(caseId: number): CaseEvent[] {
    const rows = this.app.db
      .prepare(`SELECT id, at, kind, text, text_en FROM ${this.eventTable} WHERE case_id = ? ORDER BY id`)
      .all(caseId) as {
      id: number;
      at: string;
      kind: string;
      text: string;
      text_en: string;
    }[];
    return rows.map((e) => ({ id: e.id, at: e.at, kind: e.kind, text: { zh: e.text, en: e.text_en } }));
  }

  changed(): void {
    this.app.events.emit('changed', { topic: this.spec.domain });
  }

  /** Runs `fn` (its writes and timeline entries) in one transaction that also stamps the case, then tells the screens. */
  write(r: Row, fn: (r: Row) => void): void {
    this.app.db.transaction(() => {
      fn(r);
      this.app.db.prepare(`UPDATE ${this.caseTable} SET updated_at = ? WHERE id = ?`).run(this.now(), r.id);
    })();
    this.changed();
  }

  /** `write`, then the fresh view: what every step of both wizards returns. */
  change(r: Row, fn: (r: Row) => void): View {
    this.write(r, fn);
    return this.view(this.require(r.id));
  }

  /**
   * `change`, unless what the step would save is `alreadySaved`: then the view as it stands. The
   * timeline is the seller's record of what they did, and saving a step again with nothing changed
   * is not something they did, so it gets no entry, no audit row, and the case keeps its updated_at.
   * Every save path of both wizards that can be repeated goes through here.
   */
  changeUnlessSaved(r: Row, alreadySaved: boolean, fn: (r: Row) => void): View {
    return alreadySaved ? this.view(r) : this.change(r, fn);
  }

  view(r: Row): View {
    return this.spec.build(r, this.spec.read(this.app, r, this.timeline(r.id)), this.context());
  }

  /** The fresh view of the store's case (or of `caseId`), or null when there is none. */
  get(caseId?: number): View | null {
    const r = this.row(caseId);
    return r ? this.view(r) : null;
  }

  /**
   * A reminder the system sends once: stamps `sentColumn` so it is not sent again, writes the
   * timeline entry, and raises the notice. The case itself is not changed, so it keeps its `updated_at`.
   */
  remindOnce(r: Row, sentColumn: keyof Row & string, text: Bilingual, detail: Record<string, unknown>, notice: CaseNotice): void {
    this.app.db.transaction(() => {
      this.app.db.prepare(`UPDATE ${this.caseTable} SET ${sentColumn} = ? WHERE id = ?`).run(this.now(), r.id);
      this.event(r.id, 'reminder', text, detail, 'system');
    })();
    this.app.notices.add('warning', notice.zh, notice.en);
    this.changed();
  }
}

/** A domain's case service: the kernel over its spec, opening the store's case when a step needs one. */
export abstract class CaseService<Row extends CaseRowBase, Children, View> {
  protected readonly k: CaseKernel<Row, Children, View>;

  constructor(
    protected readonly app: App,
    spec: CaseSpec<Row, Children, View>,
  ) {
    this.k = new CaseKernel(app, spec, () => this.open());
  }

  /** Opens the store's case, or returns it when it is open. */
  abstract open(): View;

  get(caseId?: number): View | null {
    return this.k.get(caseId);
  }

  today(): string {
    return this.k.today();
  }

  storeName(): string {
    return this.k.storeName();
  }
}
