/**
 * A client-side limit: never more than `perSecond` calls in any 1-second window, so the marketplace
 * never has to throttle us. A sliding window rather than a refilling bucket, because a bucket lets
 * a burst plus its refill land inside one second. In memory on purpose: the limit is per second,
 * so a restart cannot burst past it.
 */
import type { Clock } from '../platform/clock';
import type { Waiter } from './wait';

export class RateLimiter {
  private sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
    private readonly waiter: Waiter,
    private readonly windowMs = 1000,
  ) {}

  /** Resolves when the caller may send; callers are served in arrival order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.clock.now();
        this.sent = this.sent.filter((t) => t > now - this.windowMs);
        if (this.sent.length < this.perSecond) {
          this.sent.push(now);
          return;
        }
        await this.waiter.sleep(this.sent[0]! + this.windowMs - now, signal);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
