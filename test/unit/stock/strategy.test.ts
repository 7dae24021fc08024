import { describe, expect, it } from 'vitest';
import {
  CHANGE_FEED_DAYS,
  DRIFT_RETRY_MS,
  needsProducts,
  planStrategy,
  requestedPlan,
  splitPlan,
  type StrategyFacts,
  type StrategyPlan,
} from '../../../src-main/core/stock/strategy';

const NOW = Date.UTC(2026, 5, 1, 12);
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const HOUR = 3600_000;

/** A store with two warehouses read a minute ago and a full read an hour ago (every 6 h is the setting). */
function facts(patch: Partial<StrategyFacts> = {}): StrategyFacts {
  return {
    canReadChanges: true,
    lastFullOkAt: ago(HOUR),
    warehouses: [
      { id: 'W1', changesCursor: ago(60_000) },
      { id: 'W2', changesCursor: ago(60_000) },
    ],
    now: NOW,
    fullEveryHours: 6,
    driftPages: null,
    lastFullTry: { status: 'ok', startedAt: ago(HOUR) },
    ...patch,
  };
}

describe('the sync strategy: full or incremental, and when the drift read runs', () => {
  it('reads in full when the source has no change feed, on the first sync, or when a cursor is missing or too old', () => {
    expect(planStrategy(facts({ canReadChanges: false }))).toMatchObject({
      strategy: 'full',
      reason: { en: expect.stringContaining('cannot read changes') },
    });
    expect(planStrategy(facts({ lastFullOkAt: null }))).toMatchObject({
      strategy: 'full',
      reason: { en: 'First sync: reading all stock.' },
    });
    const noCursor = planStrategy(
      facts({
        warehouses: [
          { id: 'W1', changesCursor: ago(60_000) },
          { id: 'W2', changesCursor: null },
        ],
      }),
    );
    expect(noCursor).toMatchObject({ strategy: 'full', reason: { en: expect.stringContaining('Warehouse W2') } });
    const old = planStrategy(facts({ warehouses: [{ id: 'W1', changesCursor: ago(CHANGE_FEED_DAYS * 24 * HOUR + 1) }] }));
    expect(old).toMatchObject({ strategy: 'full', reason: { en: expect.stringContaining('Warehouse W1') } });
    expect(old.background).toBeFalsy();
  });

  it('reads the change feed while the last full read is recent, one request per warehouse', () => {
    const plan = planStrategy(facts());
    expect(plan).toMatchObject({ strategy: 'incremental', reason: { en: expect.stringContaining('2 in all') } });
    expect(plan.background).toBeFalsy();
  });

  it('starts the drift read in the background once the full read is due, with a foreground twin', () => {
    const plan = planStrategy(facts({ lastFullOkAt: ago(7 * HOUR), lastFullTry: { status: 'ok', startedAt: ago(7 * HOUR) } }));
    expect(plan).toMatchObject({ strategy: 'full', background: true, foreground: { strategy: 'full' } });
    expect(plan.reason.en).toContain('More than 6 h');
  });

  it('keeps reading changes while the drift read runs, and after a failed one until the retry time', () => {
    const due = { lastFullOkAt: ago(7 * HOUR) };
    const running = planStrategy(facts({ ...due, driftPages: 3 }));
    expect(running).toMatchObject({ strategy: 'incremental', reason: { en: expect.stringContaining('(3 pages read)') } });
    const failed = planStrategy(facts({ ...due, lastFullTry: { status: 'failed', startedAt: ago(DRIFT_RETRY_MS - 1) } }));
    expect(failed).toMatchObject({ strategy: 'incremental', reason: { en: expect.stringContaining('retried within 15 minutes') } });
    const retry = planStrategy(facts({ ...due, lastFullTry: { status: 'cancelled', startedAt: ago(DRIFT_RETRY_MS + 1) } }));
    expect(retry).toMatchObject({ strategy: 'full', background: true });
  });
});

describe("the seller's request against the automatic choice", () => {
  const incremental = planStrategy(facts());
  const firstSync = planStrategy(facts({ lastFullOkAt: null }));
  const drift = planStrategy(facts({ lastFullOkAt: ago(7 * HOUR) }));

  it('auto (or nothing) takes the automatic choice', () => {
    expect(requestedPlan('auto', drift, true)).toBe(drift);
    expect(requestedPlan(undefined, incremental, true)).toBe(incremental);
  });

  it('full is always a foreground full read, said to be requested', () => {
    for (const auto of [incremental, firstSync, drift]) {
      const plan = requestedPlan('full', auto, true);
      expect(plan).toMatchObject({ strategy: 'full', reason: { en: 'Full read requested by the seller.' } });
      expect(plan.background).toBeFalsy();
    }
  });

  it('incremental keeps the automatic reason when it agrees, reads in full without a change feed, and overrides a due full read', () => {
    expect(requestedPlan('incremental', incremental, true)).toBe(incremental);
    const noFeed = planStrategy(facts({ canReadChanges: false }));
    expect(requestedPlan('incremental', noFeed, false)).toBe(noFeed);
    expect(requestedPlan('incremental', firstSync, true)).toMatchObject({
      strategy: 'incremental',
      reason: { en: 'Incremental read requested by the seller.' },
    });
    expect(requestedPlan('incremental', drift, true)).toMatchObject({
      strategy: 'incremental',
      reason: { en: 'Incremental read requested by the seller.' },
    });
  });
});

describe('splitting a plan into this run and the drift read beside it', () => {
  const drift = planStrategy(facts({ lastFullOkAt: ago(7 * HOUR) })) as Extract<StrategyPlan, { background: true }>;

  it('a long-running host reads changes now and starts the full read in the background', () => {
    const { run, drift: started } = splitPlan(drift, false);
    expect(run).toMatchObject({ strategy: 'incremental', reason: { en: expect.stringContaining('started in the background') } });
    expect(started).toBe(drift);
  });

  it('a one-shot process (the CLI) does the full read in the foreground and starts nothing', () => {
    expect(splitPlan(drift, true)).toEqual({ run: drift.foreground, drift: null });
  });

  it('any other plan is this run as it is', () => {
    const incremental = planStrategy(facts());
    expect(splitPlan(incremental, false)).toEqual({ run: incremental, drift: null });
    expect(splitPlan(incremental, true)).toEqual({ run: incremental, drift: null });
  });
});

describe('when the goods pages are read', () => {
  const known = new Set(['A-1']);
  it('a day after the last goods read, or never read', () => {
    expect(needsProducts(null, NOW, [], known)).toBe(true);
    expect(needsProducts(ago(24 * HOUR), NOW, [], known)).toBe(true);
    expect(needsProducts(ago(23 * HOUR), NOW, [{ sku: 'A-1' }], known)).toBe(false);
  });
  it('at once for a SKU the ERP index does not know and the stock row carries no category for', () => {
    expect(needsProducts(ago(HOUR), NOW, [{ sku: 'B-1' }], known)).toBe(true);
    expect(needsProducts(ago(HOUR), NOW, [{ sku: 'B-1', category: 'Shoes' }], known)).toBe(false);
  });
});
