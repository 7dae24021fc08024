/**
 * What a connector failure means for the caller, and the one retry loop every client uses:
 * TRANSIENT and RATE_LIMIT are retried with jittered exponential backoff; AUTH and PERMANENT stop.
 */
import { AppError, type ErrorCode } from '../../../src-shared/errors';
import type { Waiter } from './wait';

export type FailureKind = 'AUTH' | 'RATE_LIMIT' | 'TRANSIENT' | 'PERMANENT';

/** An AppError that also carries the remote side's own code and request id, for the audit log. */
export class ConnectorError extends AppError {
  constructor(
    code: FailureKind | Extract<ErrorCode, 'CANCELLED'>,
    zh: string,
    en: string,
    readonly remote: { system: 'aliexpress' | 'tongtool'; code?: string; subCode?: string; requestId?: string; retryAfterMs?: number } = {
      system: 'aliexpress',
    },
  ) {
    super(code, zh, en);
    this.name = 'ConnectorError';
  }
}

export function isRetryable(err: unknown): boolean {
  return err instanceof AppError && (err.code === 'TRANSIENT' || err.code === 'RATE_LIMIT');
}

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  waiter: Waiter;
  random?: () => number;
  signal?: AbortSignal;
  onRetry?: (err: AppError, attempt: number, waitMs: number) => void;
}

/** "Full jitter" backoff: random in [0, min(max, base·2^n)], so many clients do not retry in step. */
export function backoffMs(attempt: number, opts: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'>): number {
  const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** attempt);
  return Math.round((opts.random ?? Math.random)() * cap);
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt + 1 >= opts.attempts) throw err;
      const e = err as AppError;
      const hinted = e instanceof ConnectorError ? e.remote.retryAfterMs : undefined;
      const wait = Math.max(hinted ?? 0, backoffMs(attempt, opts));
      opts.onRetry?.(e, attempt + 1, wait);
      await opts.waiter.sleep(wait, opts.signal);
    }
  }
}
