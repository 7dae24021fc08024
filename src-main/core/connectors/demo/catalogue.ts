/**
 * The demo store's catalogue, generated from a seed: ERP SKUs with names, status and categories,
 * warehouses (one whose ERP name differs from the store's by a near-miss, for the pairing wizard
 * to catch), stock per SKU and warehouse, and listings whose seller SKUs are plain, obfuscated by
 * one of the rules below, or unrelated, so every mapping case exists.
 */
import type { SimProduct } from '../aliexpress/simulator';
import { WIRE_BIND_STATUS } from '../aliexpress/simData';
import type { TtSimGoods, TtSimWarehouse } from '../tongtool/simulator';
import { int, pick, seededRng } from './prng';

export const DEMO_SIZES = [1000, 10000, 100000] as const;
export type DemoSize = (typeof DEMO_SIZES)[number];

export interface DemoStockRow {
  sku: string;
  warehouseId: string;
  available: number;
  safety: number;
}

export type MappingKind = 'plain' | 'prefix' | 'suffix' | 'separator' | 'random' | 'unrelated';

export interface DemoCatalogue {
  seed: number;
  size: number;
  erpWarehouses: TtSimWarehouse[];
  /** The fully-managed store's warehouse names, as Seller Center spells them. */
  storeWarehouses: string[];
  goods: TtSimGoods[];
  stock: DemoStockRow[];
  products: SimProduct[];
  /** For tests and the demo guide: which ERP SKU each listing SKU really is, and how it was disguised. */
  truth: Map<string, { erpSku: string | null; kind: MappingKind }>;
  /** The obfuscation rules the demo seller used, in words a seller would write them. */
  rules: { kind: MappingKind; zh: string; en: string; example: string }[];
}

const CATEGORIES = [
  { code: 'TS', name: '服装/T恤', words: ['纯棉短袖T恤', '宽松圆领T恤', '印花T恤'] },
  { code: 'HM', name: '家居/收纳', words: ['折叠收纳盒', '桌面收纳架', '抽屉分隔盒'] },
  { code: 'DC', name: '3C数码/数据线', words: ['快充数据线', '编织数据线', '磁吸数据线'] },
  { code: 'OD', name: '户外/水杯', words: ['保温运动水杯', '折叠硅胶水杯', '大容量水壶'] },
  { code: 'JW', name: '饰品/耳饰', words: ['珍珠耳环', '925银耳钉', '流苏耳坠'] },
  { code: 'PT', name: '宠物/玩具', words: ['磨牙玩具', '逗猫棒', '发声毛绒玩具'] },
] as const;
const VARIANTS = [
  ['BK', '黑色'],
  ['WH', '白色'],
  ['RD', '红色'],
  ['BL', '蓝色'],
  ['GN', '绿色'],
] as const;
const STATUSES = ['在售', '在售', '在售', '在售', '在售', '在售', '在售', '停售', '清仓', '在售'];

export const DEMO_RULES: DemoCatalogue['rules'] = [
  { kind: 'prefix', zh: '前缀 “ZX-”', en: 'prefix "ZX-"', example: 'ZX-TS100001-BK' },
  { kind: 'suffix', zh: '后缀 “-CN”', en: 'suffix "-CN"', example: 'TS100001-BK-CN' },
  { kind: 'separator', zh: '分隔符 “-” 改为 “_”', en: 'separator "-" written as "_"', example: 'TS100001_BK' },
  { kind: 'random', zh: '末尾加 3 个随机字符，用 “#” 隔开', en: '3 random characters after "#"', example: 'TS100001-BK#k7q' },
];

/**
 * Real sku ids have 17 digits, above 2^53 (e.g. 12000023995222161), so the demo's do too: the
 * sequence is kept small and written after a fixed prefix as text, never summed as a JS number.
 */
const skuIdOf = (seq: number) => `120000${String(seq).padStart(11, '0')}`;
const scItemIdOf = (seq: number) => `88${String(seq).padStart(11, '0')}`;
/** A few listing SKUs are switched off on AliExpress (status inactive), as in a real store; not drawn from the seed, so the rest of the catalogue stays as it was. */
const skuStatus = (seq: number): 'active' | 'inactive' => (seq % 37 === 0 ? 'inactive' : 'active');

function obfuscate(sku: string, kind: MappingKind, rnd: () => number): string {
  switch (kind) {
    case 'prefix':
      return `ZX-${sku}`;
    case 'suffix':
      return `${sku}-CN`;
    case 'separator':
      return sku.replace(/-/g, '_');
    case 'random': {
      const abc = 'abcdefghjkmnpqrstuvwxyz23456789';
      let r = '';
      for (let i = 0; i < 3; i++) r += abc[Math.floor(rnd() * abc.length)];
      return `${sku}#${r}`;
    }
    default:
      return sku;
  }
}

export function buildCatalogue(size: number, seed = 20260105): DemoCatalogue {
  const rng = seededRng(seed ^ size);
  const erpWarehouses: TtSimWarehouse[] = [
    { id: 'WH-SZ', name: '深圳仓', active: true },
    // Near-misses the warehouse wizard must catch: a trailing space, and a full-width digit.
    { id: 'WH-YW', name: '义乌仓 ', active: true },
    { id: 'WH-DG', name: '东莞２号仓', active: true },
    { id: 'WH-RT', name: '退货仓', active: false },
  ];
  const storeWarehouses = ['深圳仓', '义乌仓', '东莞2号仓'];

  const goods: TtSimGoods[] = [];
  const stock: DemoStockRow[] = [];
  // SKUs come in families (one product, several colours), like a real catalogue.
  let base = 100000;
  while (goods.length < size) {
    const cat = pick(rng, CATEGORIES);
    const word = pick(rng, cat.words);
    const nVar = Math.min(int(rng, 1, 4), size - goods.length);
    const start = int(rng, 0, VARIANTS.length - 1);
    base += int(rng, 1, 3);
    const status = pick(rng, STATUSES);
    for (let v = 0; v < nVar; v++) {
      const [vc, vn] = VARIANTS[(start + v) % VARIANTS.length]!;
      const sku = `${cat.code}${base}-${vc}`;
      // A family of several colours is one variant product in the ERP (goodsQuery productType "1").
      goods.push({ sku, name: `${word} ${vn}`, category: cat.name, status, ...(nVar > 1 ? { parent: `${cat.code}${base}` } : {}) });
      for (const w of erpWarehouses) {
        if (w.id === 'WH-RT' ? rng() < 0.9 : w.id === 'WH-DG' && rng() < 0.6) continue;
        const zero = rng() < 0.15;
        stock.push({ sku, warehouseId: w.id, available: zero ? 0 : int(rng, 1, 300), safety: rng() < 0.3 ? int(rng, 1, 5) : 0 });
      }
    }
  }

  // Listings: about 90% of ERP SKUs are on sale, grouped as products of their families.
  const products: SimProduct[] = [];
  const truth = new Map<string, { erpSku: string | null; kind: MappingKind }>();
  const kinds: MappingKind[] = ['plain', 'plain', 'plain', 'plain', 'plain', 'plain', 'prefix', 'suffix', 'separator', 'random'];
  let productSeq = 1005000000000;
  let skuSeq = 23995000000;
  for (let i = 0; i < goods.length;) {
    const family = goods[i]!.sku.split('-')[0];
    const members: TtSimGoods[] = [];
    while (i < goods.length && goods[i]!.sku.split('-')[0] === family) members.push(goods[i++]!);
    if (rng() < 0.1) continue; // not listed on AliExpress
    productSeq += int(rng, 1, 9);
    const productId = String(productSeq);
    const unrelated = rng() < 0.08;
    const skus = members.map((g) => {
      skuSeq += int(rng, 1, 9);
      const kind: MappingKind = unrelated ? 'unrelated' : pick(rng, kinds);
      const sellerSku = kind === 'unrelated' ? `QZ${int(rng, 100000, 999999)}${pick(rng, ['A', 'B', 'C'])}` : obfuscate(g.sku, kind, rng);
      truth.set(`${productId}/${skuIdOf(skuSeq)}`, { erpSku: kind === 'unrelated' ? null : g.sku, kind });
      return {
        skuId: skuIdOf(skuSeq),
        sellerSku,
        skuStock: int(rng, 0, 500),
        status: skuStatus(skuSeq),
        bindStatus: rng() < 0.85 ? WIRE_BIND_STATUS.BOUND : WIRE_BIND_STATUS.UNBOUND,
        scItemId: scItemIdOf(skuSeq),
        variation: `颜色:${g.name.split(' ')[1]}`,
      };
    });
    products.push({
      productId,
      title: `${members[0]!.name.split(' ')[0]} ${members[0]!.category.split('/')[1]}`,
      productType: rng() < 0.85 ? '0' : productSeq % 5 === 0 ? '2' : '1',
      productStatus: rng() < 0.92 ? 'ONLINE' : 'OFFLINE',
      imageUrls: [`https://ae01.alicdn.com/kf/demo${productId}.jpg`],
      skus,
    });
  }
  // A listing whose goods the ERP does not know at all.
  productSeq += 7;
  skuSeq += 7;
  products.push({
    productId: String(productSeq),
    title: '样品 测试商品',
    productType: '0',
    productStatus: 'ONLINE',
    imageUrls: [`https://ae01.alicdn.com/kf/demo${productSeq}.jpg`],
    skus: [
      {
        skuId: skuIdOf(skuSeq),
        sellerSku: 'SAMPLE-0001',
        skuStock: 3,
        status: 'active',
        bindStatus: WIRE_BIND_STATUS.BOUND,
        scItemId: scItemIdOf(skuSeq),
        variation: '颜色:默认',
      },
    ],
  });
  truth.set(`${productSeq}/${skuIdOf(skuSeq)}`, { erpSku: null, kind: 'unrelated' });

  return { seed, size, erpWarehouses, storeWarehouses, goods, stock, products, truth, rules: DEMO_RULES };
}
