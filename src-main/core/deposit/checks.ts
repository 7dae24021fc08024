/**
 * The three preconditions the platform sets before it refunds a deposit: no unresolved disputes
 * (纠纷), no unfinished orders, no unpaid debts (欠款). The app holds none of that data, so the
 * seller answers each one, and every failing or unanswered one says where to look and what to do.
 */
import type { DepositCheck, DepositCheckAnswer, DepositCheckKey } from '../../../src-shared/channels/deposit';
import { DEPOSIT_CHECKS } from '../../../src-shared/channels/deposit';
import type { Bilingual } from '../../../src-shared/bilingual';

export interface StoredCheck {
  answer: DepositCheckAnswer;
  note?: string | null;
  at?: string;
}

const DEFS: Record<DepositCheckKey, { title: Bilingual; advice: Bilingual }> = {
  disputes: {
    title: { zh: '没有未解决的纠纷', en: 'No unresolved disputes' },
    advice: {
      zh: '到 卖家中心 → 交易 → 纠纷管理 查看还没结束的纠纷，与买家协商或等平台裁决结束后再申请；有纠纷时保证金可能被冻结。',
      en: 'Open Seller Center → Orders → Disputes and settle every open dispute (agree with the buyer or wait for the ruling) before applying; an open dispute can freeze the deposit.',
    },
  },
  orders: {
    title: { zh: '没有未完成的订单', en: 'No unfinished orders' },
    advice: {
      zh: '到全托管后台查看 备货单/待发货/入仓中 的单据，全部完成入仓或取消后再申请；仓内库存按退店指引处理。',
      en: 'In the fully-managed back office, finish or cancel every stocking order (备货单), pending shipment and inbound delivery before applying; deal with stock in the warehouse as the exit guide says.',
    },
  },
  debts: {
    title: { zh: '没有未清偿的欠款', en: 'No unpaid debts' },
    advice: {
      zh: '到 全托管服务中心 → 资金/结算 查看应付款、罚款和欠费，结清后再申请；未结清的金额会从保证金里扣除。',
      en: 'Open the fully-managed service centre → Funds/Settlement and pay every amount owed, fine and fee before applying; anything unpaid is taken from the deposit.',
    },
  },
};

const UNKNOWN_ADVICE = [
  '还没有确认。请按上面的位置查看后回答“没有”或“有”。',
  'Not answered yet. Look where described and answer "none" or "some".',
];

export function evaluateChecks(stored: Partial<Record<DepositCheckKey, StoredCheck>>): DepositCheck[] {
  return DEPOSIT_CHECKS.map((key) => {
    const def = DEFS[key];
    const answer: DepositCheckAnswer = stored[key]?.answer ?? 'unknown';
    const source: DepositCheck['source'] = stored[key] && stored[key]!.answer !== 'unknown' ? 'seller' : 'none';
    const advice: Bilingual =
      answer === 'clear'
        ? { zh: '已满足。', en: 'Met.' }
        : answer === 'open'
          ? def.advice
          : { zh: `${UNKNOWN_ADVICE[0]}${def.advice.zh}`, en: `${UNKNOWN_ADVICE[1]} ${def.advice.en}` };
    return {
      key,
      title: def.title,
      answer,
      source,
      note: stored[key]?.note ?? null,
      advice,
    };
  });
}
