/**
 * The Marketplace port over the IOP client: which calls the app makes and how their bodies map to
 * listing SKUs and bind states. Every choice call needs the fully-managed channel pair, found once.
 * bind/unBind answer no bind status, so after each the SKU's state is read again from products.list.
 */
import type { BindRef, BindResult, ChoiceChannel, ListingReadOptions, ListingSku, Marketplace, ProductType } from '../marketplace';
import { ConnectorError } from '../retry';
import { z } from 'zod';
import { businessError, wireShapeError } from './errors';
import type { IopClient } from './client';
import { wireLong } from './json';
import type { AeResponse } from './schemas';
import { BIND_STATUS } from '../../../../src-shared/bindStatus';

export const AE_PAGE_SIZE = 20;
const FULLY_MANAGED = 'ONE_STOP_SERVICE';
const SEMI_MANAGED = 'POP_CHOICE';

type ListResult = AeResponse<'aliexpress.choice.products.list'>['result'];
type Product = NonNullable<ListResult['product_list']>[number];
type Sku = NonNullable<Product['search_sku_info_list']>[number];

function productType(v: string): ProductType {
  return v === '1' ? 1 : v === '2' ? 2 : 0;
}

/**
 * The product's first image: image_urls comes as a list, wrapped as {string: [...]} by the gateway,
 * or as one text of addresses joined by ';'. Only an https address is kept.
 */
export function firstImage(v: unknown): string | undefined {
  const list = Array.isArray(v)
    ? v
    : v && typeof v === 'object' && Array.isArray((v as { string?: unknown }).string)
      ? (v as { string: unknown[] }).string
      : typeof v === 'string'
        ? v.split(/[;,]/)
        : [];
  const url = list.find((u): u is string => typeof u === 'string' && /^https:\/\/\S+$/.test(u.trim()));
  return url?.trim().slice(0, 1000);
}

/** The SKUs of a product as listed (a product without its SKU list has none). */
const skusOf = (p: Product): Sku[] => p.search_sku_info_list ?? [];

/** The listing SKU, or undefined when the platform left out its goods (sc item) and with them its bind state. */
function toListingSku(p: Product, s: Sku, status?: string): ListingSku | undefined {
  const dto = s.product_sku_sc_item_info_dto;
  if (!dto) return undefined;
  return {
    productId: p.product_id,
    productTitle: p.title ?? '',
    productType: productType(p.product_type),
    productStatus: status,
    skuId: s.sku_id,
    // No 商家编码: nothing to match exactly; a rule or a manual link still can.
    sellerSku: s.seller_sku ?? '',
    skuStock: s.sku_stock ?? undefined,
    skuStatus: s.status ?? '',
    bindStatus: dto.bind_status,
    scItemId: dto.sc_item_id || undefined,
    refuseReason: dto.unbind_refuse_reason || undefined,
    variation: s.variation?.trim().slice(0, 500) || undefined,
    productImage: firstImage(p.image_urls),
  };
}

/**
 * One SKU without its goods is left out of the read; a page on which no SKU has them is the field
 * renamed or gone, and fails loudly by its path (read as missing SKU by SKU, the whole catalogue would
 * quietly drop out of the read).
 */
function noGoodsOnPage(products: Product[]): void {
  const skus = products.flatMap((p, i) => skusOf(p).map((s, j) => ({ s, path: ['result', 'product_list', i, 'search_sku_info_list', j] })));
  if (skus.length === 0 || skus.some(({ s }) => s.product_sku_sc_item_info_dto)) return;
  throw wireShapeError(
    'aliexpress.choice.products.list',
    new z.ZodError([
      {
        code: 'custom',
        path: [...skus[0]!.path, 'product_sku_sc_item_info_dto'],
        message: 'missing on every SKU of the page',
        input: undefined,
      },
    ]),
  );
}

export class AliExpressMarketplace implements Marketplace {
  private channelCache: ChoiceChannel | null = null;

  constructor(private readonly client: IopClient) {}

  /** Found once and kept; `fresh` asks again (the connection test does). */
  async sellerChannel(opts: { fresh?: boolean } = {}): Promise<ChoiceChannel> {
    if (this.channelCache && !opts.fresh) return this.channelCache;
    const body = await this.client.call('global.seller.relation.query');
    const found = body.seller_relation_list.find((r) => r.business_type === FULLY_MANAGED);
    if (!found) {
      const semi = body.seller_relation_list.some((r) => r.business_type === SEMI_MANAGED);
      throw new ConnectorError(
        'PERMANENT',
        semi
          ? '这个速卖通账号只开通了 POP/半托管（POP_CHOICE），没有全托管（ONE_STOP_SERVICE）渠道。本程序用于全托管店铺的自动绑定/解绑；半托管的库存可以直接在卖家后台设置，不需要本程序。如果您也有全托管店铺，请用那个店铺的账号重新授权。'
          : '这个速卖通账号下没有找到全托管（ONE_STOP_SERVICE）渠道。请确认授权的是开通了全托管的店铺账号，然后重新授权。',
        semi
          ? "This AliExpress account has only POP / semi-managed (POP_CHOICE), no fully-managed (ONE_STOP_SERVICE) channel. This app binds and unbinds fully-managed (Choice) listings; semi-managed stock can be set directly in Seller Center. If you also have a fully-managed store, authorise with that store's account."
          : 'No fully-managed (ONE_STOP_SERVICE) channel was found for this AliExpress account. Make sure you authorised the store that joined fully-managed, then authorise again.',
        { system: 'aliexpress', code: semi ? 'SemiManagedOnly' : 'NoChoiceChannel', requestId: body.request_id ?? undefined },
      );
    }
    this.channelCache = { channelSellerId: found.channel_seller_id, channel: found.channel, businessType: found.business_type };
    return this.channelCache;
  }

  async listListingSkus(opts: ListingReadOptions = {}): Promise<ListingSku[]> {
    const ch = await this.sellerChannel();
    const out: ListingSku[] = [];
    // Pages can repeat an item when the catalogue changes mid-read: keep the first sighting.
    const seen = new Set<string>();
    // The announced number of products; without one (a nullable Long in the SDK) pages are read
    // until an empty one, since a short page could be the catalogue moving, not its end.
    let total: number | undefined = Infinity;
    for (let page = 1; total === undefined || (page - 1) * AE_PAGE_SIZE < total; page++) {
      let products: Product[] = [];
      // A page that is short before the announced total, or that only repeats SKUs already seen,
      // means the list moved under us: ask again once, then fail rather than return a partial list.
      for (let attempt = 0; ; attempt++) {
        const r = await this.listPage(ch, page, { product_status: opts.status }, opts.signal);
        total = r.total_count ?? undefined;
        products = r.product_list ?? [];
        noGoodsOnPage(products);
        const expected = total === undefined ? 0 : Math.min(AE_PAGE_SIZE, Math.max(0, total - (page - 1) * AE_PAGE_SIZE));
        const fresh = products.some((p) => skusOf(p).some((s) => !seen.has(`${p.product_id}/${s.sku_id}`)));
        if (products.length >= expected && (fresh || expected === 0)) break;
        if (attempt >= 1) {
          throw new ConnectorError(
            'TRANSIENT',
            `速卖通商品列表第 ${page} 页不完整（商品可能正在变动）。这次读取已停止，稍后会自动重试。`,
            `Page ${page} of the AliExpress product list was incomplete (the catalogue may be changing). This read stopped and is retried later.`,
            { system: 'aliexpress', code: 'INCOMPLETE_PAGE' },
          );
        }
      }
      for (const p of products) {
        for (const s of skusOf(p)) {
          const key = `${p.product_id}/${s.sku_id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const sku = toListingSku(p, s, opts.status);
          if (sku) out.push(sku);
          else opts.onWithoutGoods?.({ productId: p.product_id, skuId: s.sku_id });
        }
      }
      opts.onPage?.(page);
      if (total === undefined && products.length === 0) break;
    }
    return out;
  }

  /** One page; the filter goes as the JSON `search_condition_do`, ids in it as exact digits. */
  private async listPage(
    ch: ChoiceChannel,
    page: number,
    condition: { product_status?: string; product_id?: string },
    signal?: AbortSignal,
  ): Promise<ListResult> {
    const search = {
      product_status: condition.product_status || undefined,
      product_id: condition.product_id ? wireLong(condition.product_id) : undefined,
    };
    const body = await this.client.call(
      'aliexpress.choice.products.list',
      {
        channel_seller_id: wireLong(ch.channelSellerId),
        channel: ch.channel,
        current_page: page,
        page_size: AE_PAGE_SIZE,
        search_condition_do: search.product_status || search.product_id ? search : undefined,
      },
      { signal },
    );
    const r = body.result;
    if (!r.success) throw businessError({ code: r.error_code, message: r.error_msg }, body.request_id);
    return r;
  }

  /**
   * The SKU's state from products.list filtered by its product. (aliexpress.ascp.item.query is
   * keyed by the goods, needs the channel user and business type, and its relation_list carries no
   * unbind_refuse_reason: products.list answers the same state with the refuse reason, in the same
   * shape the listing read already uses.)
   */
  async queryBind(ref: BindRef): Promise<BindResult> {
    const ch = await this.sellerChannel();
    const r = await this.listPage(ch, 1, { product_id: ref.itemId });
    const p = (r.product_list ?? []).find((x) => x.product_id === ref.itemId);
    const s = p && skusOf(p).find((x) => x.sku_id === ref.skuId);
    if (!p || !s) {
      throw new ConnectorError(
        'PERMANENT',
        `速卖通商品 ${ref.itemId} 下找不到线上SKU ${ref.skuId}（可能已删除或下架）。请重新读取线上商品。`,
        `AliExpress product ${ref.itemId} has no listing SKU ${ref.skuId} (it may have been deleted). Read the listings again.`,
        { system: 'aliexpress', code: 'SKU_NOT_FOUND' },
      );
    }
    const sku = toListingSku(p, s);
    if (!sku) {
      // Its bind state is unknown: nothing is decided or sent on it until the platform answers it again.
      throw new ConnectorError(
        'TRANSIENT',
        `速卖通这次没有返回线上SKU ${ref.skuId} 的货品信息，绑定状态未知。稍后会自动重新查询，在此之前不会对它绑定或解绑。`,
        `AliExpress did not return the goods of listing SKU ${ref.skuId} this time, so its bind state is unknown. It is asked again later; nothing is bound or unbound on it until then.`,
        { system: 'aliexpress', code: 'SC_ITEM_MISSING' },
      );
    }
    return {
      bindStatus: sku.bindStatus,
      refuseReason: sku.refuseReason,
      message: sku.bindStatus === BIND_STATUS.UNBIND_REFUSED ? sku.refuseReason : undefined,
    };
  }

  bind(ref: BindRef): Promise<BindResult> {
    return this.operate('aliexpress.ascp.item.bind', ref);
  }
  unbind(ref: BindRef): Promise<BindResult> {
    return this.operate('aliexpress.ascp.item.unBind', ref);
  }

  /** One bind or unbind (param0, ids as exact digits), then the state read again. */
  private async operate(method: 'aliexpress.ascp.item.bind' | 'aliexpress.ascp.item.unBind', ref: BindRef): Promise<BindResult> {
    const ch = await this.sellerChannel();
    const body = await this.client.call(method, {
      param0: {
        item_id: wireLong(ref.itemId),
        sku_id: wireLong(ref.skuId),
        sc_item_id: wireLong(ref.scItemId),
        channel_seller_id: wireLong(ch.channelSellerId),
        channel: ch.channel,
      },
    });
    const r = body.result;
    if (!r.success) throw businessError({ code: r.err_code, message: r.err_message }, body.request_id);
    const state = await this.queryBind(ref);
    return {
      ...state,
      message: state.bindStatus === BIND_STATUS.UNBIND_REFUSED ? state.refuseReason : (r.data ?? undefined),
      requestId: body.request_id ?? undefined,
    };
  }
}
