/**
 * Finds the deposit refund among Alipay bill rows. A refund reads differently from bill to bill
 * (退款, a transfer in, 解冻 of frozen funds) and may come back short after penalties, so each
 * candidate is scored on who paid, what the row says, the amount and the date, and the reasons are
 * shown: the seller decides, the app explains.
 */
import type { ArrivalWindow, BillRow, BillVerdict, MatchCandidate } from '../../../src-shared/channels/deposit';
import { formatFen } from './money';

const PLATFORM = /阿里巴巴|alibaba|ali\s*express|速卖通/i;
const DEPOSIT = /保证金/;
const REFUND_WORDS = /退款|退回|退还|解冻|转账|返还/;
const CLOSED = /关闭|失败|撤销|取消/;

/** Below this a row is shown as a possibility, never picked as the refund. */
const MATCH_THRESHOLD = 50;

export interface MatchInput {
  rows: BillRow[];
  expectedFen: number;
  /** Day the application was sent (Beijing): a row before it cannot be this refund. */
  appliedOn: string | null;
  window: ArrivalWindow | null;
}

export interface MatchResult {
  considered: MatchCandidate[];
  counts: { income: number; expense: number; neutral: number; closed: number };
  match: MatchCandidate | null;
  verdict: BillVerdict;
  differenceFen: number | null;
}

function confidence(score: number): MatchCandidate['confidence'] {
  return score >= 80 ? 'high' : score >= 55 ? 'medium' : 'low';
}

/** Scores one incoming row; `eligible` is false when nothing in its wording points at the platform. */
export function scoreRow(row: BillRow, input: MatchInput): MatchCandidate & { eligible: boolean } {
  const reasons: MatchCandidate['reasons'] = [];
  let score = 0;
  const fromPlatform = PLATFORM.test(row.counterparty);
  if (fromPlatform) {
    score += 30;
    reasons.push({ zh: `交易对方“${row.counterparty}”是阿里巴巴/速卖通`, en: `the counterparty "${row.counterparty}" is Alibaba/AliExpress` });
  } else {
    reasons.push({ zh: `交易对方“${row.counterparty || '（空）'}”不像速卖通`, en: `the counterparty "${row.counterparty || '(empty)'}" does not look like AliExpress` });
  }
  const text = `${row.description} ${row.counterparty}`;
  const saysDeposit = DEPOSIT.test(text);
  const saysRefund = REFUND_WORDS.test(text);
  if (saysDeposit) {
    score += saysRefund ? 30 : 25;
    reasons.push({ zh: '说明里有“保证金”', en: 'the description mentions 保证金 (deposit)' });
  } else if (saysRefund) {
    score += 10;
    reasons.push({ zh: '说明里有退款/解冻/转账字样', en: 'the description reads as a refund, release or transfer' });
  }
  const diff = row.amountFen - input.expectedFen;
  if (diff === 0) {
    score += 30;
    reasons.push({ zh: `金额 ${formatFen(row.amountFen)} 与申请金额一致`, en: `the amount ${formatFen(row.amountFen)} equals the amount applied for` });
  } else if (diff < 0) {
    score += 10;
    reasons.push({
      zh: `金额 ${formatFen(row.amountFen)} 比申请金额少 ${formatFen(-diff)}（可能只退了一部分）`,
      en: `the amount ${formatFen(row.amountFen)} is ${formatFen(-diff)} less than applied for (a partial refund?)`,
    });
  } else {
    reasons.push({ zh: `金额 ${formatFen(row.amountFen)} 比申请金额多 ${formatFen(diff)}`, en: `the amount ${formatFen(row.amountFen)} is ${formatFen(diff)} more than applied for` });
  }
  const day = row.time.slice(0, 10);
  if (input.appliedOn && day < input.appliedOn) {
    score -= 30;
    reasons.push({ zh: `日期 ${day} 早于提交申请的日期 ${input.appliedOn}`, en: `the date ${day} is before the application (${input.appliedOn})` });
  } else if (input.window && day >= input.window.approvedOn && day <= input.window.to) {
    score += 10;
    reasons.push({ zh: `日期 ${day} 在预计到账期内（${input.window.approvedOn} 至 ${input.window.to}）`, en: `the date ${day} is within the expected window (${input.window.approvedOn} to ${input.window.to})` });
  } else if (input.window && day > input.window.to) {
    score += 5;
    reasons.push({ zh: `日期 ${day} 晚于预计到账期（${input.window.to}）`, en: `the date ${day} is after the expected window (${input.window.to})` });
  }
  score = Math.max(0, Math.min(100, score));
  return { row, score, confidence: confidence(score), reasons, eligible: fromPlatform || saysDeposit };
}

/** 不计收支 rows that say a frozen deposit was released: the deposit coming back without a 收入 row. */
function isDepositRelease(row: BillRow): boolean {
  const text = `${row.description} ${row.counterparty}`;
  return /解冻/.test(text) && DEPOSIT.test(text);
}

export function findRefund(input: MatchInput): MatchResult {
  const counts = { income: 0, expense: 0, neutral: 0, closed: 0 };
  const scored: (MatchCandidate & { eligible: boolean })[] = [];
  for (const row of input.rows) {
    // Only money coming in can be the refund: a 支出 of the same amount is the deposit being paid.
    // A frozen deposit released back (解冻) is booked as 不计收支, so that one row kind counts too.
    counts[row.direction]++;
    if (row.direction === 'expense') continue;
    if (row.direction === 'neutral' && !isDepositRelease(row)) continue;
    if (CLOSED.test(row.status)) {
      counts.closed++;
      continue;
    }
    if (row.amountFen <= 0) continue;
    scored.push(scoreRow(row, input));
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      Math.abs(a.row.amountFen - input.expectedFen) - Math.abs(b.row.amountFen - input.expectedFen) ||
      a.row.time.localeCompare(b.row.time),
  );
  const best = scored.find((c) => c.eligible && c.score >= MATCH_THRESHOLD) ?? null;
  // Keep the report readable: the rows with any sign of being the refund, best first.
  const considered = scored.filter((c) => c.eligible || c.row.amountFen === input.expectedFen).slice(0, 20);
  const strip = (c: MatchCandidate & { eligible: boolean }): MatchCandidate => ({
    row: c.row,
    score: c.score,
    confidence: c.confidence,
    reasons: c.reasons,
  });
  if (!best) return { considered: considered.map(strip), counts, match: null, verdict: 'not_found', differenceFen: null };
  const differenceFen = best.row.amountFen - input.expectedFen;
  return {
    considered: considered.map(strip),
    counts,
    match: strip(best),
    verdict: differenceFen === 0 ? 'arrived' : 'amount_differs',
    differenceFen,
  };
}
