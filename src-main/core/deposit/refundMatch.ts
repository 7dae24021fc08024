/**
 * Finds the deposit refund among Alipay bill rows. A refund reads differently from bill to bill
 * (退款, a transfer in) and may come back short after penalties, so each incoming row is scored on
 * who paid, what the row says, the amount and the date, and the reasons are shown: the seller
 * decides, the app explains. Only 收入 rows of a positive amount, dated on or after the application,
 * can be the refund; 不计收支 (冻结/解冻) and 支出 rows are shown apart and never counted.
 */
import type { ApartRow, ArrivalWindow, BillRow, BillVerdict, MatchCandidate } from '../../../src-shared/channels/deposit';
import { formatFen } from './money';
import type { Bilingual } from '../../../src-shared/bilingual';

const PLATFORM = /阿里巴巴|alibaba|ali\s*express|速卖通/i;
const DEPOSIT = /保证金/;
const REFUND_WORDS = /退款|退回|退还|转账|返还/;
const CLOSED = /关闭|失败|撤销|取消/;

/** Below this a row is shown as a possibility, never picked as the refund. */
const MATCH_THRESHOLD = 50;
/** The report keeps the rows a seller needs to see, not a year of bill. */
const SHOWN = 20;

export interface MatchInput {
  rows: BillRow[];
  expectedFen: number;
  /** Day the application was sent (Beijing): a row before it cannot be this refund. */
  appliedOn: string | null;
  window: ArrivalWindow | null;
}

export interface MatchResult {
  considered: MatchCandidate[];
  apart: ApartRow[];
  counts: { income: number; expense: number; neutral: number; closed: number };
  match: MatchCandidate | null;
  verdict: BillVerdict;
  differenceFen: number | null;
}

function confidence(score: number): MatchCandidate['confidence'] {
  return score >= 80 ? 'high' : score >= 55 ? 'medium' : 'low';
}

const textOf = (row: BillRow) => `${row.description} ${row.remarks} ${row.counterparty}`;
const looksRelated = (row: BillRow, expectedFen: number) =>
  PLATFORM.test(row.counterparty) || DEPOSIT.test(textOf(row)) || Math.abs(row.amountFen) === expectedFen;

/** Scores one incoming row; `eligible` is false when nothing in its wording points at the platform. */
export function scoreRow(row: BillRow, input: MatchInput): MatchCandidate & { eligible: boolean } {
  const reasons: MatchCandidate['reasons'] = [];
  let score = 0;
  const fromPlatform = PLATFORM.test(row.counterparty);
  if (fromPlatform) {
    score += 30;
    reasons.push({
      zh: `交易对方“${row.counterparty}”是阿里巴巴/速卖通`,
      en: `the counterparty "${row.counterparty}" is Alibaba/AliExpress`,
    });
  } else {
    reasons.push({
      zh: `交易对方“${row.counterparty || '（空）'}”不像速卖通`,
      en: `the counterparty "${row.counterparty || '(empty)'}" does not look like AliExpress`,
    });
  }
  const text = textOf(row);
  const saysDeposit = DEPOSIT.test(text);
  const saysRefund = REFUND_WORDS.test(text);
  if (saysDeposit) {
    score += saysRefund ? 30 : 25;
    reasons.push({ zh: '说明或备注里有“保证金”', en: 'the description or remarks mention 保证金 (deposit)' });
  } else if (saysRefund) {
    score += 10;
    reasons.push({ zh: '说明里有退款/退回/转账字样', en: 'the description reads as a refund, return or transfer' });
  }
  const diff = row.amountFen - input.expectedFen;
  const partial = diff < 0;
  if (diff === 0) {
    score += 30;
    reasons.push({
      zh: `金额 ${formatFen(row.amountFen)} 与申请金额一致`,
      en: `the amount ${formatFen(row.amountFen)} equals the amount applied for`,
    });
  } else if (partial) {
    // A refund short by penalties is still the refund: most of the amount is a strong sign.
    score += row.amountFen * 2 >= input.expectedFen ? 20 : 10;
    reasons.push({
      zh: `金额 ${formatFen(row.amountFen)} 比申请金额少 ${formatFen(-diff)}（部分退款：可能扣了违规罚款或欠款）`,
      en: `the amount ${formatFen(row.amountFen)} is ${formatFen(-diff)} less than applied for (a partial refund: penalties or debts deducted?)`,
    });
  } else {
    reasons.push({
      zh: `金额 ${formatFen(row.amountFen)} 比申请金额多 ${formatFen(diff)}`,
      en: `the amount ${formatFen(row.amountFen)} is ${formatFen(diff)} more than applied for`,
    });
  }
  const day = row.time.slice(0, 10);
  // An estimated window is named as one, so a reason never states a guess as the platform's window.
  const term = input.window?.estimated
    ? { zh: '估算的到账期', en: 'estimated window (counted Monday to Friday; holidays not known yet)' }
    : { zh: '预计到账期', en: 'expected window' };
  const beforeApplication = !!input.appliedOn && day < input.appliedOn;
  if (beforeApplication) {
    reasons.push({
      zh: `日期 ${day} 早于提交申请的日期 ${input.appliedOn}，不可能是这次的退款；如果申请其实更早就提交了，请先把申请日期改为实际日期`,
      en: `the date ${day} is before the application (${input.appliedOn}), so it cannot be this refund; if you really applied earlier, set the application date to the real one first`,
    });
  } else if (input.window && day >= input.window.from && day <= input.window.to) {
    score += 10;
    reasons.push({
      zh: `日期 ${day} 在${term.zh}内（${input.window.from} 至 ${input.window.to}）`,
      en: `the date ${day} is within the ${term.en} (${input.window.from} to ${input.window.to})`,
    });
  } else if (input.window && day >= input.window.approvedOn && day < input.window.from) {
    // Early, but after the approval: the platform sometimes pays before the 3rd working day. Named
    // apart, so the reason never states a window other than the one the seller was shown.
    score += 10;
    reasons.push({
      zh: `日期 ${day} 在审核通过（${input.window.approvedOn}）之后、${term.zh}（${input.window.from} 至 ${input.window.to}）之前：提前到账也可能是这笔退款`,
      en: `the date ${day} is after the approval (${input.window.approvedOn}) and before the ${term.en} (${input.window.from} to ${input.window.to}): an early refund can still be this one`,
    });
  } else if (input.window && day > input.window.to) {
    score += 5;
    reasons.push({
      zh: `日期 ${day} 晚于${term.zh}（${input.window.to}）`,
      en: `the date ${day} is after the ${term.en} (${input.window.to})`,
    });
  }
  score = Math.max(0, Math.min(100, score));
  return {
    row,
    score,
    confidence: confidence(score),
    reasons,
    beforeApplication,
    partial,
    eligible: (fromPlatform || saysDeposit) && !beforeApplication,
  };
}

/** Why a row that looks like the deposit is not money coming back, in the seller's words. */
function apartReason(row: BillRow): Bilingual | null {
  if (row.direction === 'neutral') {
    return /冻结|解冻/.test(textOf(row))
      ? {
          zh: '不计收支（冻结/解冻）：只是支付宝里冻结的钱变为可用或反过来，不是速卖通退来的钱，不计入到账。如果您的保证金是在支付宝里冻结缴纳的，请向速卖通客服确认是否已经退还。',
          en: 'Not income (a freeze or release): money in Alipay became available or was held, it is not money AliExpress sent back, and it is not counted. If your deposit was paid by freezing funds in Alipay, ask AliExpress support whether it has been returned.',
        }
      : { zh: '不计收支：不是收到的钱，不计入到账。', en: 'Not income or expense: no money came in, so it is not counted.' };
  }
  if (row.direction === 'expense')
    return {
      zh: '支出：是付出去的钱（例如缴纳保证金），不是退款。',
      en: 'Expense: money paid out (such as paying the deposit), not a refund.',
    };
  if (row.amountFen <= 0) {
    return {
      zh: `收入行的金额是 ${formatFen(row.amountFen)}（负数或零），不是退款，不计入到账。`,
      en: `An income row of ${formatFen(row.amountFen)} (negative or zero) is not a refund and is not counted.`,
    };
  }
  return null;
}

export function findRefund(input: MatchInput): MatchResult {
  const counts = { income: 0, expense: 0, neutral: 0, closed: 0 };
  const scored: (MatchCandidate & { eligible: boolean })[] = [];
  const apart: ApartRow[] = [];
  for (const row of input.rows) {
    counts[row.direction]++;
    // Only money coming in can be the refund. A 支出 of the same amount is the deposit being paid;
    // 不计收支 (a release of frozen funds, a move to 余额宝) is no money received; a negative 收入
    // is money taken back. They are shown apart when they look related, and never counted.
    const why = apartReason(row);
    if (why) {
      if (looksRelated(row, input.expectedFen)) apart.push({ row, why });
      continue;
    }
    if (CLOSED.test(row.status)) {
      counts.closed++;
      continue;
    }
    scored.push(scoreRow(row, input));
  }
  scored.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.score - a.score ||
      Math.abs(a.row.amountFen - input.expectedFen) - Math.abs(b.row.amountFen - input.expectedFen) ||
      a.row.time.localeCompare(b.row.time),
  );
  const best = scored.find((c) => c.eligible && c.score >= MATCH_THRESHOLD) ?? null;
  // Keep the report readable: the rows with any sign of being the refund, best first.
  const considered = scored.filter((c) => looksRelated(c.row, input.expectedFen)).slice(0, SHOWN);
  const strip = ({ eligible: _eligible, ...c }: MatchCandidate & { eligible: boolean }): MatchCandidate => c;
  const shownApart = apart.slice(0, SHOWN);
  if (!best)
    return { considered: considered.map(strip), apart: shownApart, counts, match: null, verdict: 'not_found', differenceFen: null };
  const differenceFen = best.row.amountFen - input.expectedFen;
  return {
    considered: considered.map(strip),
    apart: shownApart,
    counts,
    match: strip(best),
    verdict: differenceFen === 0 ? 'arrived' : differenceFen < 0 ? 'partial' : 'amount_differs',
    differenceFen,
  };
}
