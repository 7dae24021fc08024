import { afterEach, describe, expect, it, vi } from 'vitest';

// The page's bridge: each call answers when the test says so.
const pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
vi.mock('../../src-renderer/src/api', () => ({
  api: new Proxy({}, { get: () => () => new Promise((resolve, reject) => pending.push({ resolve, reject })) }),
}));
const { prefetch, settledPrefetch, takePrefetched } = await import('../../src-renderer/src/channelPrefetch');

const INPUT = { page: 1, pageSize: 50, filter: {} };
const KEY = JSON.stringify(INPUT);
const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
  pending.length = 0;
});

describe('a prefetched answer on a screen’s first render', () => {
  it('is offered only once it has arrived, and left for the screen to take once', async () => {
    prefetch('sku.listings.page', INPUT);
    expect(settledPrefetch('sku.listings.page', KEY)).toBeUndefined();
    const rows = { rows: [{ id: 1 }], total: 1 };
    pending[0]!.resolve(rows);
    await flush();
    expect(settledPrefetch('sku.listings.page', KEY)).toEqual({ value: rows });
    // Another input or channel is another call.
    expect(settledPrefetch('sku.listings.page', JSON.stringify({ ...INPUT, page: 2 }))).toBeUndefined();
    expect(settledPrefetch('stock.overview', KEY)).toBeUndefined();
    await expect(takePrefetched('sku.listings.page', KEY)).resolves.toBe(rows);
    // Taken: a reload or a later visit asks the host again.
    expect(settledPrefetch('sku.listings.page', KEY)).toBeUndefined();
    expect(takePrefetched('sku.listings.page', KEY)).toBeUndefined();
  });

  it('is never a failed call, nor one started more than a few seconds ago', async () => {
    prefetch('sku.listings.page', INPUT);
    pending[0]!.reject(new Error('offline'));
    await flush();
    expect(settledPrefetch('sku.listings.page', KEY)).toBeUndefined();
    // The failure stays the screen's to report when it takes the answer.
    await expect(takePrefetched('sku.listings.page', KEY)).rejects.toThrow('offline');

    vi.useFakeTimers({ toFake: ['Date'] });
    prefetch('sku.listings.page', INPUT);
    pending[1]!.resolve({ rows: [], total: 0 });
    await Promise.resolve();
    vi.setSystemTime(Date.now() + 60_000);
    expect(settledPrefetch('sku.listings.page', KEY)).toBeUndefined();
  });
});
