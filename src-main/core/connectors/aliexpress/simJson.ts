/**
 * The simulator's own JSON on the wire (not the client's): Long ids written and read as exact digits,
 * lists wrapped the way simplify=false wraps them.
 */
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';

/** A Java Long in an answer: written as its digits. */
export class Long {
  constructor(readonly digits: string) {}
}
export const long = (digits: string) => new Long(digits);

/** The inner name simplify=false gives each list (the real sample: seller_relation_list.seller_relation). */
const LIST_ITEM: Record<string, string> = {
  seller_relation_list: 'seller_relation',
  product_list: 'one_stop_service_product_dto',
  search_sku_info_list: 'search_sku_info',
  sku_warehouse_stock_list: 'sku_warehouse_stock',
  data_list: 'sc_item',
  relation_list: 'relation',
};

/** JSON text, Longs as bare digits, lists wrapped the way simplify=false wraps them. */
export function writeJson(v: unknown, simplify: boolean, key = ''): string {
  if (v instanceof Long) return v.digits;
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    const arr = `[${v.map((x) => writeJson(x, simplify)).join(',')}]`;
    return simplify ? arr : `{${JSON.stringify(LIST_ITEM[key] ?? 'item')}:${arr}}`;
  }
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${writeJson(x, simplify, k)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Reads a JSON parameter keeping Long ids exact; null when it is not a JSON object. */
export function readJsonParam(text: string): Record<string, string | number | boolean | null> | null {
  let v: unknown;
  try {
    v = parseLossless(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    out[k] = isLosslessNumber(x) ? x.value : (x as string | boolean | null);
  return out;
}

export const isDigits = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v);
