/**
 * No platform id passes through a JS number. 17-digit AliExpress sku ids are above 2^53, so one
 * Number(), parseInt() or JSON.parse() on the way turns a SKU into its neighbour, and the unbind goes
 * to the wrong listing; Tongtool's warehouse and merchant ids are long digit strings with leading
 * zeros. This scan reads every file of src-main and src-renderer/src and fails on the patterns that
 * would do it; the schemas refuse a JS number where an id belongs at run time as well.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wireId } from '../../../src-main/core/connectors/aliexpress/schemas';
import { LosslessNumber, parseWire } from '../../../src-main/core/connectors/aliexpress/json';
import { issuePath, ttBuyerRow, ttStockRow, ttWarehouseRow } from '../../../src-main/core/connectors/tongtool/schemas';

const ROOT = join(__dirname, '../../..');
const aeDir = 'src-main/core/connectors/aliexpress';
const ttDir = 'src-main/core/connectors/tongtool';

/** Every source file of the main process and the screens: an id may travel anywhere. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}
const FILES = [...sources('src-main'), ...sources('src-renderer/src')];

/** The code without comments (they may name the hazard) and without string contents. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''");
}

/**
 * A platform id (AliExpress product/sku/sc_item/channel_seller/item/seller/user ids, Tongtool
 * warehouse/merchant/goods ids), alone or at the end of a property path. Internal ids (`id`,
 * `runId`, `listingSkuId`, `listing_sku_id`) are the app's own integers and are not matched: the
 * name must start the identifier, after a dot or a non-identifier character.
 */
const NAMES = String.raw`(?:product_?[iI]d|sku_?[iI]d|sc_?[iI]tem_?[iI]d|channel_?[sS]eller_?[iI]d|item_?[iI]d|seller_?[iI]d|user_?[iI]d|warehouse_?[iI]d|warehouseIdKey|merchant_?[iI]d|partnerOpenId|goods_?[iI]d_?[kK]ey|goodsDetailId)`;
const ID = String.raw`(?:[\w$]+[?!]?(?:\[[^\]]*\])?[?!]?\.)*${NAMES}\b`;
const HAZARDS: [string, RegExp][] = [
  [
    'Number()/parseInt()/parseFloat()/BigInt-free Math of an id',
    new RegExp(String.raw`\b(?:Number|parseInt|parseFloat)\s*\(\s*${ID}\s*[,)]`),
  ],
  ['unary + on an id', new RegExp(String.raw`(?:^|[=(,:?]\s*)\+\s*${ID}`, 'm')],
  ['an id typed as number', new RegExp(String.raw`(?<![\w$])${NAMES}\??\s*:\s*number\b`)],
  [
    'an id compared or read as a number (z.number / z.coerce.number)',
    new RegExp(String.raw`(?<![\w$])${NAMES}\??\s*:\s*z\.(?:coerce\.)?number\(`),
  ],
];

describe('no platform id passes through a JS number', () => {
  it('the connector never uses JSON.parse on a body or parameter (lossless-json only)', () => {
    for (const f of FILES.filter((x) => x.startsWith(aeDir)))
      expect(code(readFileSync(join(ROOT, f), 'utf8')), f).not.toMatch(/\bJSON\.parse\s*\(/);
  });

  it('the scan covers every file of src-main and src-renderer/src, the Tongtool connector and the Excel mapping among them', () => {
    expect(FILES.length).toBeGreaterThan(100);
    for (const f of [
      `${ttDir}/client.ts`,
      `${ttDir}/schemas.ts`,
      `${ttDir}/stockSource.ts`,
      'src-main/core/stock/mappingExcel.ts',
      'src-renderer/src/pages/stock/MappingStep.tsx',
    ])
      expect(FILES).toContain(f);
  });

  it('no Number(), parseInt(), unary + or number type on an id along its way', () => {
    const found: string[] = [];
    for (const f of FILES) {
      const lines = code(readFileSync(join(ROOT, f), 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const [what, re] of HAZARDS) if (re.test(line)) found.push(`${f}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the scan would catch one (its patterns on a known-bad line)', () => {
    const bad = [
      'const id = Number(s.sku_id);',
      'x = +ref.skuId;',
      'interface X { skuId: number }',
      'parseInt(p.product_id, 10)',
      'const w = Number(row.warehouseId);',
      'type M = { merchantId?: number }',
      'Number(rows[0].channel_seller_id)',
      'const s = z.object({ warehouseId: z.coerce.number() })',
    ];
    for (const line of bad)
      expect(
        HAZARDS.some(([, re]) => re.test(code(line))),
        line,
      ).toBe(true);
    // Counts and the app's own ids are numbers, rightly.
    for (const ok of [
      'const n = Number(r.total_count);',
      'Number(listingSkuId)',
      'interface R { runId: number; listing_sku_id: number }',
      'Number(req.id)',
    ])
      expect(
        HAZARDS.some(([, re]) => re.test(code(ok))),
        ok,
      ).toBe(false);
  });

  it('at run time: an id read as a JS number is refused, the lossless reader keeps its digits', () => {
    expect(wireId.safeParse(12000023995222160).success).toBe(false);
    expect(wireId.parse(new LosslessNumber('12000023995222161'))).toBe('12000023995222161');
    expect(wireId.parse((parseWire('{"sku_id":12000023995222161}') as { sku_id: unknown }).sku_id)).toBe('12000023995222161');
  });

  it('Tongtool ids: a JS number is refused by name (it would have lost digits and leading zeros), a string is kept exactly', () => {
    const wh = ttWarehouseRow.safeParse({ warehouseId: 1000007201308020, warehouseName: '义乌仓', status: '1' });
    expect(wh.success).toBe(false);
    expect(issuePath(wh.error!)).toMatch(/^warehouseId: .*JS number/);
    expect(ttWarehouseRow.parse({ warehouseId: '0001000007201308020000000101', warehouseName: '义乌仓', status: '1' }).warehouseId).toBe(
      '0001000007201308020000000101',
    );
    expect(ttStockRow.safeParse({ goodsSku: 'A', warehouseIdKey: 101, availableStockQuantity: 1 }).success).toBe(false);
    expect(ttBuyerRow.safeParse({ partnerOpenId: 123 }).success).toBe(false);
    expect(ttBuyerRow.parse({ partnerOpenId: '0000000123' }).partnerOpenId).toBe('0000000123');
  });
});
