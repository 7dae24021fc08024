/**
 * resolveAndStore writes a pass with many changes (a first resolve, a rule change) through TEMP tables
 * and one merge statement per concern, and a pass with few changes one row at a time: either way the
 * stored links and statuses are what resolveOne says, manual links stay, and the change marks of
 * the auto engine follow the links that moved.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../src-main/core/app';
import { storeListingSkus } from '../../../src-main/core/stock/listings';
import { saveRule } from '../../../src-main/core/stock/ruleStore';
import { loadErpIndex, loadRules, resolveAndStore, resolveOne } from '../../../src-main/core/stock/resolve';
import { compileRule } from '../../../src-main/core/stock/skuRules';
import { VERDICT_BASIS } from '../../../src-main/core/stock/regexVerdicts';
import { linkManually } from '../../../src-main/core/stock/skuLinks';
import { makeApp } from './fixtures';

const NOW = '2026-03-02T01:00:00.000Z';
let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

function seed(n: number): App {
  const { app: a } = makeApp();
  const insert = a.db.prepare("INSERT INTO stock_erp_skus (sku, seen_at) VALUES (?, '')");
  for (let i = 0; i < n; i++) insert.run(`E${i}-BK`);
  insert.run('Dup-1');
  insert.run('DUP-1');
  const seller = (i: number) =>
    [`E${i}-BK`, `AE-E${i}-BK`, `e${i}-bk#red`, `[E${i}-BK]`, `nothing-${i}`, `AE-dup-1`, `ＡＥ－Ｅ${i}－ＢＫ`, `AE-E${i}-BK#x`][
      i % 8
    ] as string;
  storeListingSkus(
    a.db,
    Array.from({ length: n }, (_, i) => ({
      productId: String(1000 + Math.floor(i / 4)),
      productTitle: 't',
      productType: 0,
      skuId: String(5000 + i),
      sellerSku: seller(i),
      skuStock: 1,
      skuStatus: 'active',
      bindStatus: 2,
      scItemId: String(9000 + i),
    })),
    NOW,
  );
  saveRule(a.db, { label: 'prefix', enabled: true, spec: { kind: 'strip_prefix', text: 'AE-' } }, NOW);
  saveRule(a.db, { label: 'before #', enabled: true, spec: { kind: 'before', separator: '#' } }, NOW);
  saveRule(a.db, { label: 'between', enabled: true, spec: { kind: 'between', start: '[', end: ']' } }, NOW);
  return a;
}

/** The stored state against resolveOne's answer for every listing SKU. */
function expectStoredAsResolved(a: App): void {
  const rules = loadRules(a.db, { enabledOnly: true }).map((r) => compileRule(r, 'insensitive', { saved: true }));
  const index = loadErpIndex(a.db, 'insensitive');
  const rows = a.db
    .prepare(
      `SELECT s.id, s.seller_sku, s.resolve_status, s.resolve_detail, l.erp_sku, l.method, l.rule_id
         FROM stock_listing_skus s LEFT JOIN stock_sku_links l ON l.listing_sku_id = s.id`,
    )
    .raw()
    .all() as [number, string, string, string | null, string | null, string | null, number | null][];
  for (const [, sellerSku, status, detail, erp, method, ruleId] of rows) {
    const r = resolveOne(sellerSku, method === 'manual' ? (erp as string) : undefined, index, rules, 'insensitive');
    expect({ status, detail, erp, method, ruleId }, sellerSku).toEqual({
      status: r.status,
      detail: r.detail ? JSON.stringify(r.detail) : null,
      erp: r.erpSku,
      method: r.status === 'manual' || r.status === 'exact' || r.status === 'rule' ? r.status : null,
      ruleId: r.status === 'manual' ? null : r.ruleId,
    });
  }
}

describe('resolveAndStore writes what resolveOne decides, in bulk or row by row', () => {
  it('a first pass over 2,000 SKUs, a rule change, then a pass with a handful of changes', () => {
    app = seed(2_000);
    const db = app.db;
    linkManually(db, 3, 'E7-BK', NOW);
    const first = resolveAndStore(db, 'insensitive', NOW);
    expect(first.byMethod).toEqual({ manual: 1, exact: 250, rule: 999 });
    expect(first.conflicting).toBe(250);
    expectStoredAsResolved(app);
    expect(db.prepare("SELECT erp_sku FROM stock_sku_links WHERE listing_sku_id = 3 AND method = 'manual'").pluck().get()).toBe('E7-BK');

    // The "before #" rule goes: its links are dropped (bulk), the others stay; the marks follow.
    db.exec('DELETE FROM auto_changed');
    const before = db.prepare("UPDATE stock_sku_rules SET enabled = 0 WHERE label = 'before #'").run();
    expect(before.changes).toBe(1);
    const second = resolveAndStore(db, 'insensitive', NOW);
    expect(second.byMethod.rule).toBeLessThan(first.byMethod.rule);
    expectStoredAsResolved(app);
    const marked = db.prepare('SELECT count(DISTINCT listing_sku_id) FROM auto_changed WHERE listing_sku_id > 0').pluck().get() as number;
    expect(marked).toBe(first.byMethod.rule - second.byMethod.rule);

    // A few ERP SKUs appear: a handful of changes, written row by row.
    db.exec("INSERT INTO stock_erp_skus (sku, seen_at) VALUES ('NOTHING-4', ''), ('NOTHING-12', '')");
    const third = resolveAndStore(db, 'insensitive', NOW);
    expect(third.byMethod.exact).toBe(second.byMethod.exact + 2);
    expectStoredAsResolved(app);
    // Nothing changed: nothing written.
    db.exec('DELETE FROM auto_changed');
    resolveAndStore(db, 'insensitive', NOW);
    expect(db.prepare('SELECT count(*) FROM auto_changed').pluck().get()).toBe(0);
  });
});

describe('a stored regex rule is not checked again after a restart', () => {
  it("keeps recheck's clearance with the rules and trusts it only under the same recheck and threshold", async () => {
    app = seed(10);
    const db = app.db;
    saveRule(db, { label: 're', enabled: true, spec: { kind: 'regex', pattern: '^AE-(.+)$' } }, NOW);
    resolveAndStore(db, 'insensitive', NOW);
    const stored = () => JSON.parse(db.prepare("SELECT value FROM stock_settings WHERE key = 'regexCleared'").pluck().get() as string);
    expect(VERDICT_BASIS).toMatch(/^recheck \d/);
    expect(stored()).toEqual({ basis: VERDICT_BASIS, patterns: ['^AE-(.+)$'] });

    // A fresh module state, as after a restart, with recheck's calls counted.
    let calls = 0;
    vi.resetModules();
    vi.doMock('recheck', async (importOriginal) => {
      const real = await importOriginal<typeof import('recheck')>();
      return {
        ...real,
        checkSync: (...args: Parameters<typeof real.checkSync>) => {
          calls++;
          return real.checkSync(...args);
        },
      };
    });
    try {
      const restarted = await import('../../../src-main/core/stock/resolve');
      restarted.resolveAndStore(db, 'insensitive', NOW);
      expect(calls).toBe(0);

      // Cleared under another recheck (or threshold): checked again, and stored under this one.
      db.prepare("UPDATE stock_settings SET value = json_set(value, '$.basis', 'recheck 0.0.1') WHERE key = 'regexCleared'").run();
      vi.resetModules();
      const again = await import('../../../src-main/core/stock/resolve');
      again.resolveAndStore(db, 'insensitive', NOW);
      expect(calls).toBe(1);
      expect(stored().basis).toBe(VERDICT_BASIS);
    } finally {
      vi.doUnmock('recheck');
      vi.resetModules();
    }
  });
});
