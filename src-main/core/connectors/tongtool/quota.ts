/**
 * Tongtool allows 5 calls a minute per merchant. One gate per database serves every caller in the
 * process (and other processes on the same data folder): each call reserves the next free slot in
 * a transaction, so no 60-second window ever holds more than the quota, and the reservations are
 * stored, so a restart cannot burst. Callers wait for their slot on the clock port.
 *
 * A sliding window rather than a refilling bucket: a bucket of 5 refilled at 5/minute lets up to 9
 * calls into some 60-second windows, and Tongtool answers those with 526.
 */
import type { Db } from '../../db/open';
import type { Clock } from '../../platform/clock';
import type { Waiter } from '../wait';

export interface QuotaGate {
  /** Resolves when this caller may send one request for the merchant. */
  acquire(merchantId: string, signal?: AbortSignal): Promise<void>;
}

export const TONGTOOL_PER_MINUTE = 5;
const WINDOW_MS = 60_000;

export class SqliteQuotaGate implements QuotaGate {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly waiter: Waiter,
    private readonly opts: { perMinute?: number; guardMs?: number } = {},
  ) {}

  /** Reserves the earliest slot that keeps every window within quota; returns its time. */
  reserve(merchantId: string): number {
    const per = this.opts.perMinute ?? TONGTOOL_PER_MINUTE;
    const guard = this.opts.guardMs ?? 0;
    const tx = this.db.transaction(() => {
      const now = this.clock.now();
      this.db.prepare('DELETE FROM tongtool_quota_calls WHERE merchant_id = ? AND at < ?').run(merchantId, now - 10 * WINDOW_MS);
      const recent = this.db
        .prepare('SELECT at FROM tongtool_quota_calls WHERE merchant_id = ? ORDER BY at DESC LIMIT ?')
        .all(merchantId, per) as { at: number }[];
      // The slot must be a full window after the per-th latest reservation.
      const slot = recent.length < per ? now : Math.max(now, recent[per - 1]!.at + WINDOW_MS + guard);
      const latest = recent[0]?.at ?? -Infinity;
      const at = Math.max(slot, latest); // keep reservations in order
      this.db.prepare('INSERT INTO tongtool_quota_calls (merchant_id, at) VALUES (?, ?)').run(merchantId, at);
      return at;
    });
    return tx.immediate();
  }

  async acquire(merchantId: string, signal?: AbortSignal): Promise<void> {
    const at = this.reserve(merchantId);
    const wait = at - this.clock.now();
    if (wait > 0) await this.waiter.sleep(wait, signal);
  }

  /** Reservations in the last window, for status screens. */
  used(merchantId: string): number {
    const now = this.clock.now();
    return (
      this.db
        .prepare('SELECT count(*) AS n FROM tongtool_quota_calls WHERE merchant_id = ? AND at > ? AND at <= ?')
        .get(merchantId, now - WINDOW_MS, now) as {
        n: number;
      }
    ).n;
  }
}
