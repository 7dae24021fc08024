/** The audit log every domain writes to: who (自动/卖家/系统), what, about which subject, and why. */
import type { Db } from './db/open';
import type { Clock } from './platform/clock';
import { redact } from './platform/redact';

export type Actor = 'auto' | 'seller' | 'system';

export function writeAudit(
  db: Db,
  clock: Clock,
  entry: { actor: Actor; kind: string; subject?: string | null; detail?: Record<string, unknown> },
): void {
  db.prepare('INSERT INTO audit_log (at, actor, kind, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    new Date(clock.now()).toISOString(),
    entry.actor,
    entry.kind,
    entry.subject ?? null,
    JSON.stringify(redact(entry.detail ?? {})),
  );
}
