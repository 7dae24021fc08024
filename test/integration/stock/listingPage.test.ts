/** The listing SKUs' page under each kind of filter: totals and pages, with and without the link joins. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { FixtureMarketplace, FixtureSource, makeApp } from './fixtures';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Twelve listing SKUs over four products; the ERP knows ABC-1…ABC-6 (linked exactly), the rest stay unresolved. */
async function store() {
  const source = new FixtureSource();
  for (let i = 1; i <= 6; i++) source.set(`ABC-${i}`, 'W1', 5);
  source.products.set('ABC-1', { goodsSku: 'ABC-1', productName: '数据线', categoryName: '3C数码', productStatus: '1' });
  const market = new FixtureMarketplace();
  for (let i = 1; i <= 12; i++) {
    const product = `P${Math.ceil(i / 3)}`;
    market.add(product, `S${i}`, i <= 6 ? `abc-${i}` : `other-${i}`, product === 'P4' ? '蓝色雨伞' : `商品 ${product}`);
  }
  const made = makeApp({ source, market });
  app = made.app;
  await call(app, 'stock.sync.now', { wait: true });
  await call(app, 'sku.listings.refresh', {});
  await call(app, 'sku.resolve', {});
  return made.app;
}

const page = async (a: App, filter: Record<string, unknown>, pageNo = 1, pageSize = 5) => {
  const p = await call(a, 'sku.listings.page', { filter, page: pageNo, pageSize });
  return { total: p.total, skus: p.rows.map((r) => r.sellerSku) };
};

describe('sku.listings.page', () => {
  it('pages the whole table in id order, counted in full', async () => {
    const a = await store();
    expect(await page(a, {})).toEqual({ total: 12, skus: ['abc-1', 'abc-2', 'abc-3', 'abc-4', 'abc-5'] });
    expect(await page(a, {}, 3)).toEqual({ total: 12, skus: ['other-11', 'other-12'] });
    expect(await page(a, {}, 4)).toEqual({ total: 12, skus: [] });
  });

  it('finds a text in the listing SKU, the linked ERP SKU, the product id, the SKU id or the title, and pages the matches', async () => {
    const a = await store();
    expect(await page(a, { text: 'other-1' })).toEqual({ total: 3, skus: ['other-10', 'other-11', 'other-12'] });
    // The ERP SKU of a link (upper case, as the ERP spells it), found through the link join.
    expect(await page(a, { text: 'ABC-2' })).toEqual({ total: 1, skus: ['abc-2'] });
    expect(await page(a, { text: 'S1' })).toEqual({ total: 4, skus: ['abc-1', 'other-10', 'other-11', 'other-12'] });
    expect(await page(a, { text: '雨伞' })).toEqual({ total: 3, skus: ['other-10', 'other-11', 'other-12'] });
    expect(await page(a, { text: 'o' }, 2, 4)).toEqual({ total: 6, skus: ['other-11', 'other-12'] });
    expect(await page(a, { text: 'nothing like it' })).toEqual({ total: 0, skus: [] });
  });

  it('filters by resolve status and by the linked ERP SKU’s category', async () => {
    const a = await store();
    expect(await page(a, { resolveStatus: ['unresolved'] }, 2)).toEqual({ total: 6, skus: ['other-12'] });
    expect(await page(a, { category: '3C数码' })).toEqual({ total: 1, skus: ['abc-1'] });
    expect(await page(a, { text: 'other', resolveStatus: ['exact'] })).toEqual({ total: 0, skus: [] });
  });
});
