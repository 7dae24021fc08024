/** The simulated ERP's goods as goodsQuery serves them (product status codes, variant products). */
import type { TtSimGoods } from './simulator';

const STATUS_CODES: Record<string, string> = { 停售: '0', 在售: '1', 试卖: '2', 清仓: '4' };

/** Products as goodsQuery gives them: a normal product per plain SKU, a variant product per parent. */
export function goodsProducts(goods: TtSimGoods[], productType: string): Record<string, unknown>[] {
  const byParent = new Map<string, TtSimGoods[]>();
  const plain: TtSimGoods[] = [];
  for (const g of goods) {
    if (g.parent) byParent.set(g.parent, [...(byParent.get(g.parent) ?? []), g]);
    else plain.push(g);
  }
  const product = (sku: string, g: TtSimGoods, members: TtSimGoods[]) => ({
    sku,
    productName: g.name,
    productCode: `P-${sku}`,
    categoryName: g.category,
    productStatus: STATUS_CODES[g.status] ?? g.status,
    status: g.deleted ? '1' : '0',
    goodsDetail: members.map((v) => ({ goodsSku: v.sku, goodsDetailId: `D-${v.sku}`, goodsWeight: 100 })),
  });
  if (productType === '0') return plain.map((g) => product(g.sku, g, [g]));
  if (productType === '1')
    return [...byParent].map(([parent, members]) => ({
      ...product(parent, members[0]!, members),
      productName: commonName(members.map((m) => m.name)),
    }));
  return []; // bundles and assembled goods: none in the simulated ERP
}

/** A variant product's name: what its variants' names share ("纯棉T恤 黑色", "纯棉T恤 白色" → "纯棉T恤"). */
function commonName(names: string[]): string {
  let p = names[0] ?? '';
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  return p.trim() || names[0] || '';
}
