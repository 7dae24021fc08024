/**
 * A client-side token bucket: keeps calls under a per-second budget so the marketplace never has
 * to ban us. In memory on purpose: AliExpress's limits are per second, so a restart cannot burst.
 */
import type { Clock } from '../platform/clock';
import type { Waiter } from './wait';

export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
    private readonly waiter: Waiter,
    private readonly burst = Math.max(1, perSecond),
  ) {
    this.tokens = this.burst;
    this.last = clock.now();
  }

  /** Resolves when the caller may send; callers are served in arrival order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = this.clock.now();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
        this.last = now;
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await this.waiter.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000), signal);
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
