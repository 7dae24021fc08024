/** The decision table's reasons in the seller's words, Chinese first (the texts live in the contract, for the screens too). */
import { REASON_TEXT, type DecisionReason } from '../../../src-shared/channels/auto';
import type { Bilingual } from '../../../src-shared/bilingual';

export const REASONS = REASON_TEXT;

export function reasonText(r: DecisionReason): Bilingual {
  return REASONS[r];
}
