/**
 * No AliExpress id passes through a JS number. 17-digit sku ids are above 2^53, so one Number(),
 * parseInt() or JSON.parse() on the way turns a SKU into its neighbour, and the unbind goes to the
 * wrong listing. This scan reads the code every id travels through (the AliExpress connector, the
 * port, the listing storage and pages, the sender, the mapping screen) and fails on the patterns
 * that would do it; the schemas refuse a JS number where an id belongs at run time as well.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wireId } from '../../../src-main/core/connectors/aliexpress/schemas';
import { LosslessNumber, parseWire } from '../../../src-main/core/connectors/aliexpress/json';

const ROOT = join(__dirname, '../../..');
const aeDir = 'src-main/core/connectors/aliexpress';
const FILES = [
  ...readdirSync(join(ROOT, aeDir)).map((f) => `${aeDir}/${f}`),
  'src-main/core/connectors/marketplace.ts',
  'src-main/core/stock/listings.ts',
  'src-main/core/stock/listingQuery.ts',
  'src-main/core/auto/sender.ts',
  'src-main/core/auto/inputs.ts',
  'src-renderer/src/pages/stock/MappingStep.tsx',
  'src-renderer/src/pages/stock/LinkingStep.tsx',
];

/** The code without comments (they may name the hazard) and without string contents. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "''");
}

const ID = String.raw`[\w.?!\[\]]*(?:_id|Id|ID|item_?[iI]d|sku)\b`;
const HAZARDS: [string, RegExp][] = [
  ['Number()/parseInt()/parseFloat() of an id', new RegExp(String.raw`\b(?:Number|parseInt|parseFloat)\s*\(\s*${ID}\s*[,)]`)],
  ['unary + on an id', new RegExp(String.raw`(?:^|[=(,:?]\s*)\+\s*${ID}`, 'm')],
  ['an id typed as number', /\b(?:product_?[iI]d|sku_?[iI]d|sc_?[iI]tem_?[iI]d|channel_?[sS]eller_?[iI]d|item_?[iI]d)\??\s*:\s*number\b/],
];

describe('no AliExpress id passes through a JS number', () => {
  it('the connector never uses JSON.parse on a body or parameter (lossless-json only)', () => {
    for (const f of FILES.filter((x) => x.startsWith(aeDir))) expect(code(readFileSync(join(ROOT, f), 'utf8')), f).not.toMatch(/\bJSON\.parse\s*\(/);
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
    const bad = ['const id = Number(s.sku_id);', 'x = +ref.skuId;', 'interface X { skuId: number }', 'parseInt(p.product_id, 10)'];
    for (const line of bad) expect(HAZARDS.some(([, re]) => re.test(code(line))), line).toBe(true);
    expect(HAZARDS.some(([, re]) => re.test(code('const n = Number(r.total_count);')))).toBe(false);
  });

  it('at run time: an id read as a JS number is refused, the lossless reader keeps its digits', () => {
    expect(wireId.safeParse(12000023995222160).success).toBe(false);
    expect(wireId.parse(new LosslessNumber('12000023995222161'))).toBe('12000023995222161');
    expect(wireId.parse((parseWire('{"sku_id":12000023995222161}') as { sku_id: unknown }).sku_id)).toBe('12000023995222161');
  });
});
