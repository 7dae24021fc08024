/**
 * The Tongtool Open API's response shapes, one zod schema per call's rows (wire.md § Tongtool, from
 * the Go SDK's erp2/{warehouse,stock,product}.go and tongtool.go). Every body the client reads goes
 * through these, so a field the platform renames stops the read with the field's name instead of
 * turning into `undefined` further down (an `undefined` safety stock would be read as 0, which is
 * overselling).
 *
 * Two leniencies, both from what the sources show:
 * - figures and codes may arrive as numbers or as numeric strings (the Go SDK registers jsoniter's
 *   fuzzy decoders for exactly that), so both are accepted; ids must be strings (see `id`);
 * - a Java backend leaves null fields out of its JSON, so a figure may be missing from one row.
 *   A field the row needs to mean anything (the SKU, the warehouse's id and name) is required on
 *   every row; a figure is required on the page: a non-empty page on which no row has it means
 *   the field was renamed, and fails.
 * Unknown fields pass through (the live probe lists them from `callRaw`).
 */
import { z } from 'zod';

/**
 * An id (warehouseId, warehouseIdKey, partnerOpenId): a string on the wire, often long digits with
 * leading zeros ("0001000007201308020000000101"). A JS number is refused by name: by the time it is
 * one, JSON.parse has already dropped the leading zeros and any digit past 2^53.
 */
const id = z.string({
  error: (i) =>
    typeof i.input === 'number'
      ? 'id read as a JS number (digits or leading zeros may be lost); Tongtool sends ids as strings'
      : 'expected an id',
});

/**
 * A quantity: a number or a numeric string. Blank or null is unknown (undefined), never 0: a blank
 * available figure is refused for that SKU by the persist step, not read as sold out or in stock.
 */
// Optional on the outside, so the key is optional in the inferred types too.
const qty = z
  .union([z.number(), z.string(), z.null()])
  .transform((v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v)))
  .optional();

const text = z
  .union([z.string(), z.null()])
  .transform((v) => v ?? undefined)
  .optional();
const code = z
  .union([z.string(), z.number(), z.null()])
  .transform((v) => (v === null ? undefined : String(v)))
  .optional();

/** warehouseQuery (erp2/warehouse.go): `warehouseId`, not `warehouseIdKey`; status "0" inactive, "1" active. */
export const ttWarehouseRow = z.looseObject({
  warehouseId: id,
  warehouseCode: text,
  warehouseName: z.string(),
  status: code,
});
export type TtWarehouse = z.infer<typeof ttWarehouseRow>;

/**
 * stocksQuery (erp2/stock.go): full rows, one per SKU and warehouse, with safety stock. A row needs
 * its warehouse by id or by name (the source matches rows to warehouses by either).
 */
export const ttStockRow = z
  .looseObject({
    goodsSku: z.string(),
    warehouseIdKey: id.optional(),
    warehouseName: text,
    availableStockQuantity: qty,
    waitingShipmentStockQuantity: qty,
    intransitStockQuantity: qty,
    defectsStockQuantity: qty,
    safetyStock: qty,
    goodsIdKey: code,
  })
  .refine((r) => r.warehouseIdKey !== undefined || r.warehouseName !== undefined, {
    message: 'no warehouseIdKey and no warehouseName',
    path: ['warehouseIdKey'],
  });
export type TtStockRow = z.infer<typeof ttStockRow>;

/**
 * stocksChangeQuery (erp2/stock.go, StockChangeLog): these three fields only. No warehouse (a row
 * belongs to the warehouse that was asked) and no safety stock (it is kept from the last full row).
 */
export const ttStockChangeRow = z.looseObject({
  goodsSku: z.string(),
  availableStockQuantity: qty,
  changeQuantity: qty,
});
export type TtStockChangeRow = z.infer<typeof ttStockChangeRow>;

/** goodsQuery's goodsDetail[] (erp2/product.go, ProductDetail): the variant SKUs live here. */
export const ttGoodsDetail = z.looseObject({
  goodsSku: z.string(),
  goodsDetailId: code,
});

/** goodsQuery (erp2/product.go, Product): `sku`, not `goodsSku`; productStatus "0" 停售, "1" 在售, "2" 试卖, "4" 清仓; status "1" deleted. */
export const ttProductRow = z.looseObject({
  sku: z.string(),
  productName: text,
  productCode: text,
  categoryName: text,
  productStatus: code,
  status: code,
  goodsDetail: z.array(ttGoodsDetail).nullable().optional(),
});
export type TtProduct = z.infer<typeof ttProductRow>;

/**
 * The fields a page must carry on at least one row (as a key, null allowed): missing from every row
 * of a non-empty page means renamed. safetyStock is not among them: a store with no safety stock
 * set may well get it left out everywhere, and refusing every read for that would hide sell-outs.
 */
export const TT_PAGE_FIELDS = {
  warehouseQuery: ['status'],
  stocksQuery: ['availableStockQuantity', 'warehouseIdKey'],
  stocksChangeQuery: ['availableStockQuantity'],
  // goodsDetail: only on variant pages (below); wire.md does not say normal goods carry it.
  goodsQuery: [],
} as const satisfies Record<string, readonly string[]>;

/**
 * The page fields of one request: a variant goods page (productType "1") must carry goodsDetail,
 * where its stock SKUs are (wire.md § goodsQuery); without it they would be lost silently.
 */
export function ttPageFields(name: TtCallName, body: Record<string, unknown> = {}): readonly string[] {
  if (name === 'goodsQuery' && String(body.productType) === '1') return ['goodsDetail'];
  return TT_PAGE_FIELDS[name];
}

/** Each call's row schema, for the client and the live probe alike. */
export const TT_ROW_SCHEMAS = {
  warehouseQuery: ttWarehouseRow,
  stocksQuery: ttStockRow,
  stocksChangeQuery: ttStockChangeRow,
  goodsQuery: ttProductRow,
} as const;
export type TtCallName = keyof typeof TT_ROW_SCHEMAS;

/** The envelope of every call: `{code, datas, message, others}` (tongtool.go, Response). */
export const ttEnvelope = z.looseObject({
  code: z.union([z.number(), z.string()]).transform((v) => Number(v)),
  message: text,
  datas: z.unknown().optional(),
  others: z.unknown().optional(),
});

/** A page: `datas{array[], pageNo, pageSize}`. No total: a page shorter than asked is the last. */
export function ttPage<R extends z.ZodType>(row: R, pageFields: readonly string[]) {
  // nullable(), not a union with null: a row's error then keeps its own path (datas.array[3].goodsSku).
  const page = z
    .looseObject({
      array: z.array(row).nullable().optional(),
      pageNo: z.union([z.number(), z.string()]).optional(),
      pageSize: z.union([z.number(), z.string()]).optional(),
    })
    .nullable();
  // Checked on the raw body, before the row schemas turn null and missing alike into undefined.
  const checked = z.preprocess((d, ctx) => {
    if (!d || typeof d !== 'object' || Array.isArray(d)) return d;
    const raw = d as Record<string, unknown>;
    if (raw.array === undefined) {
      // A Java backend may leave an empty list out; another list in its place means it was renamed.
      const other = Object.keys(raw).find((k) => Array.isArray(raw[k]));
      if (other) ctx.addIssue({ code: 'custom', path: ['array'], message: `missing (a list came as "${other}")`, input: d });
      return d;
    }
    const rows = Array.isArray(raw.array) ? (raw.array as unknown[]) : [];
    if (!rows.length) return d;
    for (const f of pageFields)
      if (!rows.some((r) => !!r && typeof r === 'object' && f in r))
        ctx.addIssue({ code: 'custom', path: ['array', f], message: 'missing from every row', input: d });
    return d;
  }, page.optional());
  return checked.transform((d) => (d?.array ?? []) as z.output<R>[]);
}

/** The token call (devApp/appToken): the token is `datas`. */
export const ttTokenBody = z.looseObject({
  success: z.boolean().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  message: text,
  datas: z.union([z.string(), z.null()]).optional(),
});

/** partnerOpenInfo/getAppBuyerList: the buyers of this app; `partnerOpenId` is the merchantId. */
export const ttBuyerRow = z.looseObject({
  partnerOpenId: id,
  appTokenExpireDate: z.union([z.number(), z.string(), z.null()]).optional(),
});
export const ttBuyerBody = z.looseObject({
  success: z.boolean().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  message: text,
  datas: z.array(ttBuyerRow).nullable().optional(),
});

/** Where in a body a schema failed, as `datas.array[3].goodsSku`, for the seller's message and the log. */
export function issuePath(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return '?';
  let out = '';
  for (const p of first.path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return `${out || '(body)'}: ${first.message}`;
}

/** A whole answer of one call (envelope and page of rows), for the live probe's field-by-field diff. */
const bodyOf = <N extends TtCallName>(name: N) => ttEnvelope.extend({ datas: ttPage(TT_ROW_SCHEMAS[name], TT_PAGE_FIELDS[name]) });
/** The same for one request (a variant goods page needs goodsDetail). */
export const ttBodySchema = (name: TtCallName, body: Record<string, unknown>) =>
  ttEnvelope.extend({ datas: ttPage(TT_ROW_SCHEMAS[name], ttPageFields(name, body)) });
export const TT_BODY_SCHEMAS = {
  warehouseQuery: bodyOf('warehouseQuery'),
  stocksQuery: bodyOf('stocksQuery'),
  stocksChangeQuery: bodyOf('stocksChangeQuery'),
  goodsQuery: bodyOf('goodsQuery'),
} as const;
