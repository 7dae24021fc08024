/**
 * Step ④① 退还保证金 is the deposit refund wizard's own case: the exit case only keeps its id and
 * reads its state through the deposit domain's door, so both wizards always show the same thing.
 */
import type { App } from '../app';
import type { DepositLink } from '../../../src-shared/channels/exit';
import { depositSummary, openDepositCase } from '../deposit';
import { STAGE_LABELS } from '../deposit/texts';
import { formatFen } from '../../../src-shared/money';

/** No deposit refund case yet. */
export const NO_DEPOSIT_CASE: DepositLink = {
  caseId: null,
  state: 'not_started',
  stage: null,
  statusLabel: null,
  refundableFen: null,
  done: false,
  text: { zh: '还没有开始退保证金。', en: 'The deposit refund has not been started.' },
};

export function readDepositLink(app: App, caseId: number | null): DepositLink {
  // The seller may have started the refund from its own wizard before linking: that is the same case.
  const s = depositSummary(app, caseId ?? undefined);
  if (!s) return NO_DEPOSIT_CASE;
  const amount = s.refundableFen === null ? '' : `，可退 ${formatFen(s.refundableFen)}`;
  const amountEn = s.refundableFen === null ? '' : `, refundable ${formatFen(s.refundableFen)}`;
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
          zh: `退保证金案件 #${s.caseId}：${s.statusLabel}${amount}（进行到“${STAGE_LABELS[s.stage].zh}”步）。`,
          en: `Deposit case #${s.caseId}: ${s.status}${amountEn} (at step "${STAGE_LABELS[s.stage].en}").`,
        },
  };
}

/** Opens (or finds) the store's deposit case and returns its id. */
export function openDepositLink(app: App): number {
  return openDepositCase(app).caseId;
}
