/**
 * The Marketplace port over the IOP client: which calls the app makes and how their bodies map to
 * listing SKUs and bind states. Every choice call needs the fully-managed channel pair, found once.
 */
import type { BindRef, BindResult, BindStatus, ChoiceChannel, ListingSku, Marketplace } from '../marketplace';
import { ConnectorError } from '../retry';
import { businessError } from './errors';
import type { IopClient } from './client';

export const AE_PAGE_SIZE = 20;
const FULLY_MANAGED = 'ONE_STOP_SERVICE';

interface Relation {
  channel_seller_id?: string | number;
  channel?: string;
  business_type?: string;
}

interface ProductBody {
  product_id: string | number;
  subject?: string;
  product_type?: number;
  product_status?: string;
  sku_list?: { sku_id: string | number; seller_sku?: string; sku_stock?: number; bind_status?: number; sc_item_id?: string }[];
}

interface ListResult {
  success?: boolean;
  total_count?: number;
  error_code?: string;
  error_message?: string;
  product_list?: ProductBody[];
}

interface BindBody {
  result?: { success?: boolean; bind_status?: number; sc_item_id?: string; error_code?: string; error_message?: string; message?: string };
  request_id?: string;
}

function toBindStatus(v: unknown): BindStatus {
  const n = Number(v);
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : 1;
}

export class AliExpressMarketplace implements Marketplace {
  private channelCache: ChoiceChannel | null = null;

  constructor(private readonly client: IopClient) {}

  /** Found once and kept; `fresh` asks again (the connection test does). */
  async sellerChannel(opts: { fresh?: boolean } = {}): Promise<ChoiceChannel> {
    if (this.channelCache && !opts.fresh) return this.channelCache;
    const body = await this.client.call<{ seller_relation_list?: { global_seller_relation?: Relation[] }; request_id?: string }>(
      'global.seller.relation.query',
    );
    const list = body.seller_relation_list?.global_seller_relation ?? [];
    const found = list.find((r) => r.business_type === FULLY_MANAGED);
    if (!found?.channel_seller_id || !found.channel) {
      throw new ConnectorError(
        'PERMANENT',
        '这个速卖通账号下没有找到全托管（ONE_STOP_SERVICE）渠道。请确认授权的是开通了全托管的店铺账号，然后重新授权。',
        'No fully-managed (ONE_STOP_SERVICE) channel was found for this AliExpress account. Make sure you authorised the store that joined fully-managed, then authorise again.',
        { system: 'aliexpress', code: 'NoChoiceChannel', requestId: body.request_id },
      );
    }
    this.channelCache = { channelSellerId: String(found.channel_seller_id), channel: found.channel, businessType: found.business_type ?? FULLY_MANAGED };
    return this.channelCache;
  }

  async listListingSkus(opts: { status?: string; onPage?: (page: number) => void; signal?: AbortSignal } = {}): Promise<ListingSku[]> {
    const ch = await this.sellerChannel();
    const out: ListingSku[] = [];
    // Pages can repeat an item when the catalogue changes mid-read: keep the first sighting.
    const seen = new Set<string>();
    let total = Infinity;
    for (let page = 1; (page - 1) * AE_PAGE_SIZE < total; page++) {
      let products: ProductBody[] = [];
      // A page that is short before the announced total, or that only repeats SKUs already seen,
      // means the list moved under us: ask again once, then fail rather than return a partial list.
      for (let attempt = 0; ; attempt++) {
        const r = await this.listPage(ch, page, opts);
        total = Number(r.total_count ?? 0);
        products = r.product_list ?? [];
        const expected = Math.min(AE_PAGE_SIZE, Math.max(0, total - (page - 1) * AE_PAGE_SIZE));
        const fresh = products.some((p) => (p.sku_list ?? []).some((s) => !seen.has(`${p.product_id}/${s.sku_id}`)));
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
        for (const s of p.sku_list ?? []) {
          const key = `${p.product_id}/${s.sku_id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            productId: String(p.product_id),
            productTitle: p.subject ?? '',
            productType: Number(p.product_type ?? 0),
            productStatus: p.product_status ?? '',
            skuId: String(s.sku_id),
            sellerSku: s.seller_sku ?? '',
            skuStock: Number(s.sku_stock ?? 0),
            bindStatus: toBindStatus(s.bind_status),
            scItemId: s.sc_item_id || undefined,
          });
        }
      }
      opts.onPage?.(page);
    }
    return out;
  }

  private async listPage(ch: ChoiceChannel, page: number, opts: { status?: string; signal?: AbortSignal }) {
    const body = await this.client.call<{ result?: ListResult; request_id?: string }>(
      'aliexpress.choice.products.list',
      { channel_seller_id: ch.channelSellerId, channel: ch.channel, current_page: page, page_size: AE_PAGE_SIZE, product_status: opts.status },
      { signal: opts.signal },
    );
    const r = body.result;
    if (!r || r.success === false) throw businessError(r ?? {}, body.request_id);
    return r;
  }

  queryBind(ref: BindRef): Promise<BindResult> {
    return this.bindCall('aliexpress.ascp.item.query', ref);
  }
  bind(ref: BindRef): Promise<BindResult> {
    return this.bindCall('aliexpress.ascp.item.bind', ref);
  }
  unbind(ref: BindRef): Promise<BindResult> {
    return this.bindCall('aliexpress.ascp.item.unBind', ref);
  }

  private async bindCall(method: string, ref: BindRef): Promise<BindResult> {
    const ch = await this.sellerChannel();
    const body = await this.client.call<BindBody>(method, {
      item_id: ref.itemId,
      sku_id: ref.skuId,
      sc_item_id: ref.scItemId,
      channel_seller_id: ch.channelSellerId,
      channel: ch.channel,
    });
    const r = body.result;
    if (!r || r.success === false) throw businessError(r ?? {}, body.request_id);
    return { bindStatus: toBindStatus(r.bind_status), message: r.message, requestId: body.request_id };
  }
}
