/** The words the deposit wizard hands the seller: labels, the application to paste, the note to support. */
import type { DepositStatus, DepositViolation } from '../../../src-shared/channels/deposit';
import { fenToYuanText, formatFen } from './money';

export const STATUS_LABELS: Record<DepositStatus, [string, string]> = {
  paid: ['已缴纳', 'Paid'],
  refundable: ['可退还', 'Refundable'],
  frozen: ['已冻结', 'Frozen'],
  refunding: ['退款中', 'Refund in progress'],
  refunded: ['已退还', 'Refunded'],
};

export const WHERE_TO_FIND = [
  '速卖通卖家中心 → 全托管服务中心 → 保证金：可以看到保证金金额、当前状态（是否可退还）和“申请退保证金”按钮。',
  'AliExpress Seller Center → Fully-managed service centre (全托管服务中心) → Deposit (保证金): the amount, its status (refundable or not) and the "申请退保证金" button.',
] as const;

export const PHONE_REMINDER = [
  '审核期间请保持电话畅通，速卖通工作人员可能会打电话核实；错过电话可能让审核变慢。',
  'Keep your phone reachable during the review: AliExpress staff may call to verify, and a missed call can slow the review down.',
] as const;

export interface ApplicationFacts {
  storeName: string;
  depositFen: number;
  violations: DepositViolation[];
  refundableFen: number;
  amountFen: number;
  reason: string;
  alipayMasked: string | null;
}

/** The application, ready to paste into the 申请退保证金 form (the data must be true and accurate). */
export function applicationText(f: ApplicationFacts): string {
  const penalties = f.violations.reduce((s, v) => s + v.penaltyFen, 0);
  const lines = [
    '申请退还全托管保证金',
    `店铺：${f.storeName}`,
    `退款原因：${f.reason}`,
    `已缴保证金：${formatFen(f.depositFen)}`,
  ];
  if (f.violations.length) {
    lines.push(`违规扣款：${formatFen(penalties)}（${f.violations.map((v) => `${v.description} ${formatFen(v.penaltyFen)}`).join('；')}）`);
  }
  lines.push(
    `可退金额：${formatFen(f.refundableFen)}`,
    `申请退还金额：${fenToYuanText(f.amountFen)} 元`,
    `收款账户：店铺绑定的支付宝账号${f.alipayMasked ? `（${f.alipayMasked}）` : ''}`,
    '店铺目前没有未解决的纠纷、没有未完成的订单、没有未清偿的欠款。',
    '以上信息真实、准确。审核期间我会保持电话畅通，谢谢！',
  );
  return lines.join('\n');
}

export interface SupportFacts {
  storeName: string;
  appliedOn: string;
  amountFen: number;
  approvedOn: string | null;
  windowTo: string | null;
  today: string;
  alipayMasked: string;
  /** The confirmed rows, when something came in: the letter states their sum, as the summary does. */
  received?: { fen: number; time: string; counterparty: string; tradeNo: string | null }[] | null;
}

/** The message for 速卖通客服 when the refund is short, more than applied for, or did not come within the window. */
export function supportText(f: SupportFacts): string {
  const head = `您好，我是速卖通全托管店铺“${f.storeName}”的卖家。我于 ${f.appliedOn} 申请退还保证金 ${formatFen(f.amountFen)}${
    f.approvedOn ? `，${f.approvedOn} 审核通过，按规定应在 3–5 个工作日内（${f.windowTo} 前）退到绑定的支付宝账号（${f.alipayMasked}）` : ''
  }。`;
  if (f.received && f.received.length) {
    const total = f.received.reduce((s, r) => s + r.fen, 0);
    const diff = f.amountFen - total;
    const rows = f.received.map((r) => `${r.time} 收到“${r.counterparty}”${formatFen(r.fen)}${r.tradeNo ? `（交易号 ${r.tradeNo}）` : ''}`);
    const got = f.received.length === 1 ? `支付宝${rows[0]}` : `支付宝共收到 ${f.received.length} 笔，合计 ${formatFen(total)}：${rows.join('；')}`;
    if (diff > 0) {
      return [
        head,
        `${got}，比申请金额少 ${formatFen(diff)}。`,
        '请帮忙核实差额的原因（是否有违规扣款或欠款抵扣），如有扣款请提供明细；如是少退，请安排补退。谢谢！',
      ].join('\n');
    }
    return [
      head,
      `${got}，比申请金额多 ${formatFen(-diff)}。`,
      '请帮忙核实多出的金额是否属于这次保证金退款；如果是多退了，请告诉我退回的方式。谢谢！',
    ].join('\n');
  }
  return [
    head,
    `截至 ${f.today}，我的支付宝账单里还没有这笔退款。`,
    '请帮忙查询退款进度和预计到账时间；如退款失败（例如支付宝账号异常），请告诉我需要怎么处理。谢谢！',
  ].join('\n');
}
