/**
 * Waiting as a port. Quota and backoff waits go through here so that a test's ManualClock can run
 * an hour of waiting in milliseconds: with a ManualClock, sleepers are woken in deadline order and
 * the clock jumps to each deadline (virtual time); with the real clock, it is setTimeout.
 */
import { ManualClock, type Clock } from '../platform/clock';
import { AppError } from '../../../src-shared/errors';

export interface Waiter {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function cancelled(): AppError {
  return new AppError('CANCELLED', '操作已取消。', 'The operation was cancelled.');
}

/**
 * Requests in flight. Virtual time does not jump while a request is on the wire, so in tests a
 * request takes no clock time and the simulator sees it at the moment the client sent it.
 */
let ioInFlight = 0;

export async function trackIo<T>(work: () => Promise<T>): Promise<T> {
  ioInFlight++;
  try {
    return await work();
  } finally {
    ioInFlight--;
  }
}

const realWaiter: Waiter = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const t = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      const onAbort = () => {
        clearTimeout(t);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Virtual time over a ManualClock: one queue per clock so concurrent sleepers wake in order. */
class VirtualWaiter implements Waiter {
  private pending: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  private scheduled = false;
  constructor(private readonly clock: ManualClock) {}

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise<void>((resolve, reject) => {
      const entry = { at: this.clock.now() + Math.max(0, ms), seq: this.seq++, resolve };
      this.pending.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          this.pending = this.pending.filter((p) => p !== entry);
          reject(cancelled());
        },
        { once: true },
      );
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets every caller that is about to sleep register first, so the earliest wakes first.
    const tick = () => {
      if (ioInFlight > 0) {
        setTimeout(tick, 1);
        return;
      }
      this.scheduled = false;
      if (this.pending.length === 0) return;
      this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const first = this.pending[0]!;
      if (first.at > this.clock.now()) this.clock.set(first.at);
      const now = this.clock.now();
      const due = this.pending.filter((p) => p.at <= now);
      this.pending = this.pending.filter((p) => p.at > now);
      for (const p of due) p.resolve();
      if (this.pending.length) this.schedule();
    };
    setImmediate(tick);
  }
}

const virtual = new WeakMap<ManualClock, VirtualWaiter>();

export function waiterFor(clock: Clock): Waiter {
  if (clock instanceof ManualClock) {
    let w = virtual.get(clock);
    if (!w) {
      w = new VirtualWaiter(clock);
      virtual.set(clock, w);
    }
    return w;
  }
  return realWaiter;
}
