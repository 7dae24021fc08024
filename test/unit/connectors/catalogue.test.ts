import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../src-main/core/connectors/demo/catalogue';
import { backoffMs, withRetry, ConnectorError } from '../../../src-main/core/connectors/retry';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { waiterFor } from '../../../src-main/core/connectors/wait';

describe('demo catalogue', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = buildCatalogue(1000, 7);
    const b = buildCatalogue(1000, 7);
    const c = buildCatalogue(1000, 8);
    expect(b.products).toEqual(a.products);
    expect(b.stock).toEqual(a.stock);
    expect(c.products).not.toEqual(a.products);
  });

  it('has every mapping case, the promised sizes, and warehouse near-misses for the wizard', () => {
    for (const size of [1000, 10000]) {
      const cat = buildCatalogue(size);
      expect(cat.goods).toHaveLength(size);
      expect(new Set(cat.goods.map((g) => g.sku)).size).toBe(size);
      const kinds = new Set([...cat.truth.values()].map((t) => t.kind));
      expect([...kinds].sort()).toEqual(['plain', 'prefix', 'random', 'separator', 'suffix', 'unrelated']);
      // Every disguised seller SKU really contains its ERP SKU's characters, and plain ones equal it.
      const skus = new Map(cat.products.flatMap((p) => p.skus.map((s) => [`${p.productId}/${s.skuId}`, s.sellerSku])));
      for (const [k, t] of cat.truth) {
        const seller = skus.get(k)!;
        if (t.kind === 'plain') expect(seller).toBe(t.erpSku);
        if (t.kind === 'prefix' || t.kind === 'suffix' || t.kind === 'random') expect(seller).toContain(t.erpSku!);
        if (t.kind === 'separator') expect(seller.replace(/_/g, '-')).toBe(t.erpSku);
      }
      const erp = cat.erpWarehouses.map((w) => w.name);
      const near = cat.storeWarehouses.filter((n) => !erp.includes(n) && erp.some((e) => e.normalize('NFKC').trim() === n));
      expect(near.length).toBeGreaterThanOrEqual(2);
      expect(cat.stock.some((s) => s.available === 0)).toBe(true);
      expect(new Set(cat.goods.map((g) => g.category)).size).toBeGreaterThan(3);
    }
  });
});

describe('retry with jittered backoff', () => {
  it('spreads waits randomly under an exponential cap', () => {
    expect(backoffMs(0, { baseMs: 500, maxMs: 30_000, random: () => 1 })).toBe(500);
    expect(backoffMs(3, { baseMs: 500, maxMs: 30_000, random: () => 1 })).toBe(4000);
    expect(backoffMs(10, { baseMs: 500, maxMs: 30_000, random: () => 1 })).toBe(30_000);
    expect(backoffMs(3, { baseMs: 500, maxMs: 30_000, random: () => 0.25 })).toBe(1000);
  });

  it('retries transient failures on the clock, stops at once on permanent ones', async () => {
    const clock = new ManualClock();
    const waiter = waiterFor(clock);
    let n = 0;
    const t0 = clock.now();
    const v = await withRetry(
      async () => {
        n++;
        if (n < 3) throw new ConnectorError('TRANSIENT', '暂时', 'temporary');
        return 'ok';
      },
      { attempts: 5, baseMs: 1000, maxMs: 60_000, waiter, random: () => 1 },
    );
    expect(v).toBe('ok');
    expect(clock.now() - t0).toBe(1000 + 2000);
    let m = 0;
    await expect(
      withRetry(
        async () => {
          m++;
          throw new ConnectorError('PERMANENT', '拒绝', 'refused');
        },
        { attempts: 5, baseMs: 1000, maxMs: 60_000, waiter },
      ),
    ).rejects.toMatchObject({ code: 'PERMANENT' });
    expect(m).toBe(1);
  });
});
