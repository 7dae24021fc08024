/**
 * A refused unbind in the seller's words: what the platform's reason means (the reason comes in
 * Chinese from the fully-managed back office, sometimes in English from the global gateway), what
 * to do next, and a message to AliExpress seller support drafted with the SKU, its ids and the
 * refusal, so the seller only has to paste it.
 */
import { beijingTime } from '../calendar/workdays';
import type { RefusalView } from '../../../src-shared/types/auto';

const NO_REASON = '平台没有给出原因';

/** Known refusals in English, in Chinese (matched on a few words: the wording varies). */
const KNOWN: [RegExp, string, string][] = [
  [
    /campaign|promotion|activity|event/i,
    '商品正在参加平台活动，活动期间不允许解绑',
    'The product is in a platform campaign; it cannot be unbound until the campaign ends',
  ],
  [/order/i, '还有未完成的订单，暂时不能解绑', 'There are unfinished orders; it cannot be unbound yet'],
  [/stock|inventory|warehouse/i, '平台仓内还有库存，暂时不能解绑', 'The platform warehouse still holds stock; it cannot be unbound yet'],
];

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s);

export function refusalText(reason: string | null | undefined): { reason: string; zh: string; en: string } {
  const raw = (reason ?? '').trim();
  if (!raw) return { reason: '', zh: NO_REASON, en: 'The platform gave no reason' };
  if (hasChinese(raw)) {
    const en = /活动/.test(raw)
      ? KNOWN[0]![2]
      : /订单/.test(raw)
        ? KNOWN[1]![2]
        : /库存/.test(raw)
          ? KNOWN[2]![2]
          : `The platform says (in Chinese): ${raw}`;
    return { reason: raw, zh: raw, en };
  }
  const known = KNOWN.find(([re]) => re.test(raw));
  return {
    reason: raw,
    zh: known ? `${known[1]}（平台原文：${raw}）` : `平台原文（英文）：${raw}`,
    en: known ? `${known[2]} (platform: ${raw})` : raw,
  };
}

export interface RefusedSku {
  sellerSku: string;
  productId: string;
  skuId: string;
  scItemId: string | null;
  reason: string | null | undefined;
  refusedAt: string | null;
  actionId: number | null;
}

export function refusalView(x: RefusedSku): RefusalView {
  const t = refusalText(x.reason);
  // China time, as the seller and the support staff read it.
  const when = x.refusedAt ? beijingTime(x.refusedAt) : '';
  const draftZh = [
    '您好，我是全托管店铺的卖家。以下商品的解绑申请被拒绝了，但这个SKU已经没有库存，继续售卖会超卖，影响买家。请帮忙处理解绑，或告诉我还需要做什么：',
    `商品ID：${x.productId}`,
    `SKU ID：${x.skuId}`,
    `商家SKU：${x.sellerSku}`,
    x.scItemId ? `货品ID：${x.scItemId}` : null,
    when ? `被拒时间：${when}（北京时间）` : null,
    `拒绝原因：${t.reason || NO_REASON}`,
    '谢谢！',
  ]
    .filter(Boolean)
    .join('\n');
  const draftEn = [
    'Hello, I sell in a fully-managed (Choice) store. The unbind of the SKU below was refused, but it has no stock left: selling it means overselling to buyers. Please unbind it, or tell me what else I need to do:',
    `Product ID: ${x.productId}`,
    `SKU ID: ${x.skuId}`,
    `Seller SKU: ${x.sellerSku}`,
    x.scItemId ? `Goods ID (sc_item_id): ${x.scItemId}` : null,
    when ? `Refused at: ${when} (Beijing time)` : null,
    `Refusal reason: ${t.reason || 'none given'}`,
    'Thank you!',
  ]
    .filter(Boolean)
    .join('\n');
  return { reason: t.reason, zh: t.zh, en: t.en, draft: { zh: draftZh, en: draftEn }, actionId: x.actionId, refusedAt: x.refusedAt };
}

/** What to do next with a refused unbind, for notices and the risk tab. */
export const REFUSED_NEXT = {
  zh: '可以：① 复制“给平台客服的留言”发给速卖通卖家客服；② 活动结束后再重试解绑（在“超卖风险”里设置重试时间）；③ 固定这个SKU，自动处理不再管它。',
  en: 'You can: (1) copy the drafted message to AliExpress seller support; (2) retry the unbind after the campaign (set the retry time under Oversell risk); (3) pin the SKU so automation leaves it alone.',
};
