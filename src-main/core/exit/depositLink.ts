/**
 * Step ④① 退还保证金 is the deposit refund wizard's own case: the exit case only keeps its id and
 * reads its state through the deposit domain's door, so both wizards always show the same thing.
 */
import type { App } from '../app';
import type { DepositLink } from '../../../src-shared/channels/exit';
import { depositSummary, openDepositCase } from '../deposit';
import { yuanText } from '../fit/margin';

/** The deposit wizard's step names, as its screen shows them. */
const DEPOSIT_STAGE: Record<string, { zh: string; en: string }> = {
  status: { zh: '查看保证金状态', en: 'Deposit status' },
  checks: { zh: '条件检查', en: 'Preconditions' },
  apply: { zh: '提交申请', en: 'Apply' },
  review: { zh: '审核', en: 'Review' },
  arrival: { zh: '到账核对', en: 'Confirm arrival' },
  done: { zh: '已到账', en: 'Arrived' },
};

export function readDepositLink(app: App, caseId: number | null): DepositLink {
  // The seller may have started the refund from its own wizard before linking: that is the same case.
  const s = depositSummary(app, caseId ?? undefined);
  if (!s) {
    return {
      caseId: null,
      state: 'not_started',
      stage: null,
      statusLabel: null,
      refundableFen: null,
      done: false,
      text: { zh: '还没有开始退保证金。', en: 'The deposit refund has not been started.' },
    };
  }
  const amount = s.refundableFen === null ? '' : `，可退 ¥${yuanText(s.refundableFen)}`;
  const amountEn = s.refundableFen === null ? '' : `, refundable ¥${yuanText(s.refundableFen)}`;
  return {
    caseId: s.caseId,
    state: 'linked',
    stage: s.stage,
    statusLabel: s.statusLabel,
    refundableFen: s.refundableFen,
    done: s.done,
    text: s.done
      ? { zh: `退保证金案件 #${s.caseId}：已到账。`, en: `Deposit case #${s.caseId}: arrived.` }
      : {
          zh: `退保证金案件 #${s.caseId}：${s.statusLabel}${amount}（进行到“${DEPOSIT_STAGE[s.stage]?.zh ?? s.stage}”步）。`,
          en: `Deposit case #${s.caseId}: ${s.status}${amountEn} (at step "${DEPOSIT_STAGE[s.stage]?.en ?? s.stage}").`,
        },
  };
}

/** Opens (or finds) the store's deposit case and returns its id. */
export function openDepositLink(app: App): number {
  return openDepositCase(app).caseId;
}
