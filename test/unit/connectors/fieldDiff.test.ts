import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse } from 'lossless-json';
import { fieldDiff } from '../../../src-main/core/connectors/probe/fieldDiff';

const sku = z.object({ sku_id: z.string(), seller_sku: z.string().optional(), status: z.string().optional() });
const product = z.object({ product_id: z.string(), title: z.string().optional(), search_sku_info_list: z.array(sku).optional() });
const list = z.object({
  result: z.object({ success: z.boolean(), total_count: z.number().optional(), product_list: z.array(product).optional() }),
});

describe('probe field diff: what came back against what the wire schema expects', () => {
  it('names a renamed field as one missing (required) and one unknown', () => {
    const body = { result: { success: true, product_list: [{ product_id: '1', subject: '旧字段', sku_list: [{ sku_id: '2' }] }] } };
    const d = fieldDiff(list, body);
    expect(d.missing).toEqual(['result.product_list[].search_sku_info_list', 'result.product_list[].title', 'result.total_count']);
    expect(d.missingRequired).toEqual([]);
    expect(d.unknown).toEqual([
      'result.product_list[].sku_list',
      'result.product_list[].sku_list[]',
      'result.product_list[].sku_list[].sku_id',
      'result.product_list[].subject',
    ]);
    const renamedId = fieldDiff(list, { result: { success: true, product_list: [{ productId: '1' }] } });
    expect(renamedId.missingRequired).toEqual(['result.product_list[].product_id']);
    expect(renamedId.unknown).toEqual(['result.product_list[].productId']);
  });

  it('does not call the fields of an empty list or an absent optional object missing', () => {
    const d = fieldDiff(list, { result: { success: true, total_count: 0, product_list: [] } });
    expect(d.missing).toEqual([]);
    expect(d.unknown).toEqual([]);
    expect(d.fields).toEqual(['result', 'result.product_list', 'result.success', 'result.total_count']);
  });

  it('takes the union option that fits (simplified or wrapped answer) and treats big numbers as values', () => {
    const relation = z.object({ channel_seller_id: z.string(), business_type: z.string() });
    const either = z.union([
      z.object({ seller_relation_list: z.array(relation) }),
      z.object({ seller_relation_list: z.object({ seller_relation: z.array(relation) }) }),
    ]);
    const wrapped = parse(
      '{"seller_relation_list":{"seller_relation":[{"channel_seller_id":12000023995222161,"business_type":"ONE_STOP_SERVICE"}]}}',
    );
    const d = fieldDiff(either, wrapped);
    expect(d.missing).toEqual([]);
    expect(d.unknown).toEqual([]);
    expect(d.fields).toContain('seller_relation_list.seller_relation[].channel_seller_id');
    const plain = fieldDiff(either, { seller_relation_list: [{ channel_seller_id: '1', business_type: 'POP_CHOICE', extra: 1 }] });
    expect(plain.unknown).toEqual(['seller_relation_list[].extra']);
  });

  it('looks through a preprocessed list (a wrapped list normalised before the schema) to its items', () => {
    const unwrapList = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v)[0] : v);
    const schema = z.object({ product_list: z.preprocess(unwrapList, z.array(z.object({ product_id: z.string() }))) });
    const d = fieldDiff(schema, { product_list: [{ productId: '1' }] });
    expect(d.missingRequired).toEqual(['product_list[].product_id']);
    expect(d.unknown).toEqual(['product_list[].productId']);
  });
});
