/**
 * The shape of every AliExpress response this app reads, one zod schema per call, written from the
 * published SDK (wire.md § AliExpress). Each accepts both what `simplify=true` sends (the response
 * object itself, lists as plain arrays) and what `simplify=false` sends (wrapped in
 * `<method>_response`, each list an object holding one array, e.g.
 * `seller_relation_list.seller_relation[]`). A field the platform renames or drops fails here with
 * its path, instead of reading as undefined further on.
 *
 * Bodies reach these schemas parsed by json.ts, so numbers are LosslessNumbers: ids become their
 * exact digits, and a plain JS number where an id belongs is refused (it can only come from a
 * lossy parse, which may already have changed the id).
 */
import { z } from 'zod';
import { isLosslessNumber } from './json';
import { BIND_STATUS } from '../../../../src-shared/bindStatus';

/** `<method>_response`, the key simplify=false wraps a body in. */
export function responseKey(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}

/** The response object itself, whichever simplify shape it came in. */
export function unwrapResponse(method: string, body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const inner = (body as Record<string, unknown>)[responseKey(method)];
    if (inner !== undefined) return inner;
  }
  return body;
}

/** simplify=false sends a list as an object holding one array (whatever the inner key is named). */
function unwrapList(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const values = Object.values(v as Record<string, unknown>);
    if (values.length === 1 && Array.isArray(values[0])) return values[0];
  }
  return v;
}

export function wireList<T extends z.ZodType>(item: T) {
  return z.preprocess(unwrapList, z.array(item));
}

/** A Java Long id: exact digits as a string. */
export const wireId = z.preprocess(
  (v) => (isLosslessNumber(v) ? v.value : v),
  z
    .string({ error: (i) => (typeof i.input === 'number' ? 'id read as a JS number (precision may be lost)' : 'expected an id') })
    .regex(/^\d+$/, 'expected an id of digits'),
);

/** A count or quantity (never an id): small enough for a JS number. */
export const wireInt = z.preprocess(
  (v) => (isLosslessNumber(v) ? Number(v.value) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v),
  z.number().int(),
);

export const wireBool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** Text the platform may send as a number (codes, enums like product_type "0"). */
export const wireText = z.preprocess((v) => (isLosslessNumber(v) ? v.value : v), z.string());

const opt = <T extends z.ZodType>(s: T) => s.nullish();

// ---- errors ----

/** Top-level failure of any call. */
export const errorResponseSchema = z.object({
  error_response: z.object({
    type: opt(z.string()),
    code: opt(wireText),
    msg: opt(z.string()),
    sub_code: opt(wireText),
    sub_msg: opt(z.string()),
    request_id: opt(z.string()),
  }),
});
export type IopErrorResponse = z.output<typeof errorResponseSchema>['error_response'];

// ---- /rest/auth/token/create and /rest/auth/token/refresh ----

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expire_time: opt(wireInt),
  refresh_token_valid_time: opt(wireInt),
  expires_in: opt(wireInt),
  refresh_expires_in: opt(wireInt),
  seller_id: opt(wireId),
  user_id: opt(wireId),
  account: opt(z.string()),
  account_platform: opt(z.string()),
  code: opt(wireText),
  request_id: opt(z.string()),
});

// ---- global.seller.relation.query ----

export const sellerRelationSchema = z.object({
  channel_seller_id: wireId,
  seller_id: opt(wireId),
  channel: z.string().min(1),
  channel_shop_name: opt(z.string()),
  channel_currency: opt(z.string()),
  /** ONE_STOP_SERVICE (全托管) or POP_CHOICE (POP and 半托管). */
  business_type: z.string(),
});

export const relationQueryResponseSchema = z.object({
  seller_relation_list: wireList(sellerRelationSchema),
  success: opt(wireBool),
  global_currency: opt(z.string()),
  request_id: opt(z.string()),
});

// ---- aliexpress.choice.products.list ----

export const scItemInfoSchema = z.object({
  sc_item_id: opt(wireId),
  sc_item_bar_code: opt(z.string()),
  /** 1 未绑定, 2 绑定中, 3 解绑待审核, 4 解绑拒绝 */
  bind_status: wireInt.pipe(
    z.union([
      z.literal(BIND_STATUS.UNBOUND),
      z.literal(BIND_STATUS.BOUND),
      z.literal(BIND_STATUS.UNBIND_REVIEW),
      z.literal(BIND_STATUS.UNBIND_REFUSED),
    ]),
  ),
  unbind_refuse_reason: opt(z.string()),
});

export const skuWarehouseStockSchema = z.object({
  warehouse_type: opt(z.string()),
  warehouse_name: opt(z.string()),
  warehouse_code: opt(z.string()),
  sellable_quantity: opt(wireInt),
});

/**
 * The SDK's response classes hold these as nullable Java objects, and its JSON writer leaves a null
 * out: every field but the ids may be missing from one SKU (a SKU with no 商家编码 is common), and
 * one such SKU must not fail the read of the whole catalogue.
 */
export const searchSkuInfoSchema = z.object({
  sku_id: wireId,
  seller_sku: opt(z.string()),
  sku_stock: opt(wireInt),
  /** active | inactive */
  status: opt(z.string()),
  variation: opt(z.string()),
  supply_price: opt(wireText),
  sku_audit_status: opt(wireText),
  suggest_price: opt(wireText),
  suggest_note: opt(z.string()),
  sku_warehouse_stock_list: opt(wireList(skuWarehouseStockSchema)),
  // The bind state lives only here: a SKU without it is left out of the read (its stored state
  // stays) and its state is unknown to queryBind, never read as "unbound" (the engine would bind
  // what it cannot see). A fully-managed SKU normally has its goods (未绑定 is status 1).
  product_sku_sc_item_info_dto: opt(scItemInfoSchema),
});

export const choiceProductSchema = z.object({
  product_id: wireId,
  title: opt(z.string()),
  /** "0" 仓发, "1" JIT, "2" 海外备仓 */
  product_type: wireText,
  product_audit_status: opt(wireText),
  audit_failure_type: opt(wireText),
  leaf_category_id: opt(wireId),
  total_stocks: opt(wireInt),
  modified_time: opt(wireText),
  created_time: opt(wireText),
  currency_code: opt(z.string()),
  product_min_price: opt(wireText),
  product_max_price: opt(wireText),
  image_urls: opt(z.unknown()),
  search_sku_info_list: opt(wireList(searchSkuInfoSchema)),
});

export const productsListResultSchema = z.object({
  success: wireBool,
  error_code: opt(wireText),
  error_msg: opt(z.string()),
  total_count: opt(wireInt),
  total_page: opt(wireInt),
  page_size: opt(wireInt),
  current_page: opt(wireInt),
  product_list: opt(wireList(choiceProductSchema)),
});

export const productsListResponseSchema = z.object({
  result: productsListResultSchema,
  request_id: opt(z.string()),
});

// ---- aliexpress.ascp.item.bind / aliexpress.ascp.item.unBind ----

export const bindResultSchema = z.object({
  success: wireBool,
  data: opt(wireText),
  err_code: opt(wireText),
  err_message: opt(z.string()),
});

export const bindResponseSchema = z.object({
  result: bindResultSchema,
  request_id: opt(z.string()),
});

// ---- aliexpress.ascp.item.query ----

export const itemRelationSchema = z.object({
  item_id: wireId,
  sku_id: wireId,
  bind_status: wireText,
});

export const scItemSchema = z.object({
  sc_item_id: wireId,
  title: opt(z.string()),
  item_code: opt(z.string()),
  category_id: opt(wireId),
  relation_list: opt(wireList(itemRelationSchema)),
});

export const itemQueryResponseSchema = z.object({
  result: z.object({
    success: wireBool,
    error_code: opt(wireText),
    error_msg: opt(z.string()),
    total_count: opt(wireInt),
    page_index: opt(wireInt),
    page_size: opt(wireInt),
    data_list: opt(wireList(scItemSchema)),
  }),
  request_id: opt(z.string()),
});

/** Every business call the app makes, with the schema its response is read through. */
export const AE_RESPONSE_SCHEMAS = {
  'global.seller.relation.query': relationQueryResponseSchema,
  'aliexpress.choice.products.list': productsListResponseSchema,
  'aliexpress.ascp.item.bind': bindResponseSchema,
  'aliexpress.ascp.item.unBind': bindResponseSchema,
  'aliexpress.ascp.item.query': itemQueryResponseSchema,
} as const;

export type AeMethod = keyof typeof AE_RESPONSE_SCHEMAS;
export type AeResponse<M extends AeMethod> = z.output<(typeof AE_RESPONSE_SCHEMAS)[M]>;

/** System calls under /rest, with theirs. */
export const AE_REST_SCHEMAS = {
  '/auth/token/create': tokenResponseSchema,
  '/auth/token/refresh': tokenResponseSchema,
} as const;

/** Calls the SDK sends as GET (every parameter in the URL query); the rest are POSTs with a form body. */
export const AE_GET_METHODS: ReadonlySet<string> = new Set(['global.seller.relation.query']);

/** Writes: one request each, never resent blindly (the state is read again instead). */
export const AE_WRITE_METHODS: ReadonlySet<string> = new Set(['aliexpress.ascp.item.bind', 'aliexpress.ascp.item.unBind']);

/** A zod issue path as the platform's field path: `result.product_list[0].search_sku_info_list[1].sku_id`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || '(body)';
}
