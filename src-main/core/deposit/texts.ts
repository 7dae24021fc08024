/** The words the deposit wizard hands the seller: labels, the application to paste, the note to support. */
import type { DepositStage, DepositStatus, DepositViolation } from '../../../src-shared/channels/deposit';
import { bilingualTable, type Bilingual } from '../../../src-shared/bilingual';
import { fenToYuanText, formatFen } from './money';

export const STATUS_LABELS = bilingualTable<DepositStatus>(
  { paid: '已缴纳', refundable: '可退还', frozen: '已冻结', refunding: '退款中', refunded: '已退还' },
  { paid: 'Paid', refundable: 'Refundable', frozen: 'Frozen', refunding: 'Refund in progress', refunded: 'Refunded' },
);

/** The deposit wizard's step names, as its screen shows them. */
export const STAGE_LABELS = bilingualTable<DepositStage>(
  { status: '查看保证金状态', checks: '条件检查', apply: '提交申请', review: '审核', arrival: '到账核对', done: '已到账' },
  { status: 'Deposit status', checks: 'Preconditions', apply: 'Apply', review: 'Review', arrival: 'Confirm arrival', done: 'Arrived' },
);

export const WHERE_TO_FIND: Bilingual = {
  zh: '速卖通卖家中心 → 全托管服务中心 → 保证金：可以看到保证金金额、当前状态（是否可退还）和“申请退保证金”按钮。',
  en: 'AliExpress Seller Center → Fully-managed service centre (全托管服务中心) → Deposit (保证金): the amount, its status (refundable or not) and the "申请退保证金" button.',
};

export const PHONE_REMINDER: Bilingual = {
  zh: '审核期间请保持电话畅通，速卖通工作人员可能会打电话核实；错过电话可能让审核变慢。',
  en: 'Keep your phone reachable during the review: AliExpress staff may call to verify, and a missed call can slow the review down.',
};

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
  const lines = ['申请退还全托管保证金', `店铺：${f.storeName}`, `退款原因：${f.reason}`, `已缴保证金：${formatFen(f.depositFen)}`];
  if (f.violations.length) {
    lines.push(`违规扣款：${formatFen(penalties)}（${f.violations.map((v) => `${v.description} ${formatFen(v.penaltyFen)}`).join('；')}）`);
  }
  lines.push(
    `可退金额：${formatFen(f.refundableFen)}`,
    // Every amount reads ¥1,234.56 like the rest of the app; the one figure the seller types into the
    // platform's 退款金额 box is the plain number that box takes, and is labelled as that.
    `申请退还金额：${formatFen(f.amountFen)}（在“退款金额”一栏填写：${fenToYuanText(f.amountFen)}）`,
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
    const got =
      f.received.length === 1 ? `支付宝${rows[0]}` : `支付宝共收到 ${f.received.length} 笔，合计 ${formatFen(total)}：${rows.join('；')}`;
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

export function caseNotFound(caseId?: number): Bilingual {
  return caseId === undefined
    ? {
        zh: '还没有开始退保证金。请先在“退保证金”里开始办理。',
        en: 'No deposit refund has been started yet. Start one under "Deposit refund" first.',
      }
    : {
        zh: `找不到编号为 ${caseId} 的退保证金记录，可能已被删除。请从“退保证金”重新打开。`,
        en: `Deposit case ${caseId} does not exist; it may have been removed. Open it again from "Deposit refund".`,
      };
}

/** Why the application cannot be sent yet, each with what to do about it. */
export const BLOCKERS = {
  noStatus: {
    zh: '先在全托管服务中心查看并填写保证金金额和状态。',
    en: 'First look up and enter the deposit amount and status in the fully-managed service centre.',
  },
  frozen: {
    zh: '保证金处于冻结状态，通常是有纠纷、违规处罚或欠款没处理完。请在全托管服务中心查看冻结原因并处理，解冻后再申请。',
    en: 'The deposit is frozen, usually because of a dispute, a penalty or a debt still open. Check the reason in the service centre, resolve it, and apply once it is released.',
  },
  paid: {
    zh: '服务中心显示的状态还不是“可退还”。等状态变为可退还后，把这里的状态改为“可退还”再申请。',
    en: 'The service centre does not show the deposit as refundable yet. Once it does, set the status here to "Refundable" and apply.',
  },
  refunded: { zh: '保证金已经退还，不需要再申请。', en: 'The deposit has already been refunded; there is nothing to apply for.' },
  nothingRefundable: {
    zh: '违规扣款已经等于或超过保证金，没有可退的金额。如对扣款有异议，请联系速卖通客服申诉。',
    en: 'Penalties equal or exceed the deposit, so nothing is refundable. If you disagree with a penalty, appeal through AliExpress support.',
  },
} satisfies Record<string, Bilingual>;

/** What one imported bill says, in a sentence for the seller (the verdict decides which). */
export function matchMessage(
  result: {
    verdict: 'arrived' | 'partial' | 'amount_differs' | 'not_found';
    match: { row: { time: string; amountFen: number; counterparty: string } } | null;
    differenceFen: number | null;
  },
  amountFen: number,
  window: { approvedOn: string; from: string; to: string } | null,
  overdue: boolean,
): Bilingual {
  const m = result.match;
  const diff = result.differenceFen ?? 0;
  if (result.verdict === 'arrived' && m) {
    return {
      zh: `找到了：${m.row.time} 收到 ${formatFen(m.row.amountFen)}（${m.row.counterparty}），与申请金额一致。请确认这笔就是保证金退款。`,
      en: `Found: ${formatFen(m.row.amountFen)} received ${m.row.time} from ${m.row.counterparty}, equal to the amount applied for. Confirm that this is the deposit refund.`,
    };
  }
  if (result.verdict === 'partial' && m) {
    // The letter to support is drafted from confirmed rows only (the case view), so it always
    // states the sum the summary and the verdict show.
    return {
      zh: `找到部分退款：${m.row.time} 收到 ${formatFen(m.row.amountFen)}（${m.row.counterparty}），比申请金额 ${formatFen(amountFen)} 少 ${formatFen(-diff)}，可能扣了违规罚款或欠款。请确认这笔是保证金退款；确认后会写好发给速卖通客服核实差额的文字。`,
      en: `A partial refund was found: ${formatFen(m.row.amountFen)} received ${m.row.time} from ${m.row.counterparty}, ${formatFen(-diff)} less than the ${formatFen(amountFen)} applied for (penalties or debts deducted?). Confirm it is the deposit refund; the text for AliExpress support about the difference is drafted once you do.`,
    };
  }
  if (result.verdict === 'amount_differs' && m) {
    return {
      zh: `找到一笔可能的退款 ${formatFen(m.row.amountFen)}（${m.row.time}，${m.row.counterparty}），比申请金额 ${formatFen(amountFen)} 多 ${formatFen(diff)}。请核对这笔是不是保证金退款。`,
      en: `A possible refund of ${formatFen(m.row.amountFen)} (${m.row.time}, ${m.row.counterparty}) was found, ${formatFen(diff)} more than the ${formatFen(amountFen)} applied for. Check whether it is the deposit refund.`,
    };
  }
  if (overdue && window) {
    return {
      zh: `账单里没有找到保证金退款，而预计到账期已在 ${window.to} 结束。请确认导入的账单覆盖了 ${window.approvedOn} 之后的日期；如果覆盖了，请把下面的文字发给速卖通客服。`,
      en: `No deposit refund in this bill, and the expected window ended on ${window.to}. Make sure the bill covers the days after ${window.approvedOn}; if it does, send the text below to AliExpress support.`,
    };
  }
  return window
    ? {
        zh: `账单里还没有找到保证金退款。预计 ${window.from} 至 ${window.to} 到账，到期后再导入一次最新账单。`,
        en: `No deposit refund in this bill yet. It is expected between ${window.from} and ${window.to}; import a fresh bill after that.`,
      }
    : {
        zh: '账单里还没有找到保证金退款。申请还在审核中，审核通过后一般 3–5 个工作日到账。',
        en: 'No deposit refund in this bill yet. The application is still in review; refunds usually arrive 3–5 working days after approval.',
      };
}

/** The timeline's words for a bill import's verdict. */
export const IMPORT_VERDICT: Record<'arrived' | 'partial' | 'amount_differs' | 'not_found', Bilingual> = {
  arrived: { zh: '找到金额一致的退款，待确认', en: 'refund of the amount found, to confirm' },
  partial: { zh: '找到部分退款，待确认', en: 'partial refund found, to confirm' },
  amount_differs: { zh: '找到金额多于申请的款项，待确认', en: 'more than applied for found, to confirm' },
  not_found: { zh: '未找到退款', en: 'no refund found' },
};

/** How a confirmed arrival leaves the total against the amount applied for. */
export function arrivalTail(arrivedFen: number, amountFen: number | null): Bilingual {
  if (amountFen === null || arrivedFen === amountFen) return { zh: '，保证金已退还', en: '; deposit refunded' };
  return arrivedFen < amountFen
    ? {
        zh: `，累计 ${formatFen(arrivedFen)}，比申请金额少 ${formatFen(amountFen - arrivedFen)}（部分退款）`,
        en: `; ${formatFen(arrivedFen)} in total, ${formatFen(amountFen - arrivedFen)} short (partial refund)`,
      }
    : {
        zh: `，累计 ${formatFen(arrivedFen)}，比申请金额多 ${formatFen(arrivedFen - amountFen)}`,
        en: `; ${formatFen(arrivedFen)} in total, ${formatFen(arrivedFen - amountFen)} more than applied for`,
      };
}

/** The review outcome as the timeline writes it. */
export function reviewWords(
  outcome: 'pending' | 'approved' | 'rejected',
  decidedOn: string | null,
  window: { from: string; to: string } | null,
  note: string | undefined,
): Bilingual {
  if (outcome === 'pending') return { zh: '审核中', en: 'In review' };
  if (outcome === 'rejected') {
    return {
      zh: `申请被驳回（${decidedOn}）${note ? `：${note}` : ''}，处理后可以重新申请`,
      en: `Rejected (${decidedOn})${note ? `: ${note}` : ''}; fix the cause and apply again`,
    };
  }
  return window
    ? {
        zh: `审核通过（${decidedOn}），预计 ${window.from} 至 ${window.to} 到账`,
        en: `Approved (${decidedOn}); expected between ${window.from} and ${window.to}`,
      }
    : {
        zh: `审核通过（${decidedOn}）。节假日库还没有明年的放假安排，无法算出到账期：一般为审核通过后 3–5 个工作日，请按国务院公布的安排自行留意。`,
        en: `Approved (${decidedOn}). The holiday calendar does not know next year's schedule yet, so the window cannot be computed: usually 3–5 working days after approval.`,
      };
}

/** The approval's date or note corrected after the refund arrived: an edit of the record, not a new approval. */
export function reviewEditWords(
  before: { decidedOn: string | null; note: string | null },
  after: { decidedOn: string | null; note: string | null },
): Bilingual {
  const zh: string[] = [];
  const en: string[] = [];
  if (before.decidedOn !== after.decidedOn) {
    zh.push(`审核日期由 ${before.decidedOn ?? '未填'} 改为 ${after.decidedOn}`);
    en.push(`review date changed from ${before.decidedOn ?? 'none'} to ${after.decidedOn}`);
  }
  if (before.note !== after.note) {
    zh.push(after.note ? `备注改为“${after.note}”` : '删除备注');
    en.push(after.note ? `note changed to "${after.note}"` : 'note removed');
  }
  return {
    zh: `修改审核通过的记录：${zh.join('，')}。退款已到账，状态仍为“${STATUS_LABELS.refunded.zh}”`,
    en: `Approval record edited: ${en.join('; ')}. The refund has arrived; the status stays ${STATUS_LABELS.refunded.en}`,
  };
}

/** The "window ended, nothing arrived" reminder: its timeline entry and its notice. */
export function arrivalReminder(amount: string, windowFrom: string | null, windowTo: string) {
  return {
    text: { zh: `预计到账期已于 ${windowTo} 结束，尚未确认到账`, en: `Expected window ended ${windowTo}; arrival not confirmed` },
    notice: {
      zh: {
        title: '保证金退款还没有确认到账',
        body: `保证金 ${amount} 预计在 ${windowFrom} 至 ${windowTo} 退到支付宝，现在已过期限。请导出最近的支付宝账单导入“退保证金 → 到账核对”；如果确实没到账，按提示联系速卖通客服。`,
      },
      en: {
        title: 'Deposit refund not yet confirmed',
        body: `The deposit of ${amount} was expected in Alipay between ${windowFrom} and ${windowTo}, and that window has passed. Export your latest Alipay bill and import it under Deposit refund → Arrival check; if it really has not arrived, contact AliExpress support as shown.`,
      },
    },
  };
}
