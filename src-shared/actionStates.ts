/**
 * The states of a bind/unbind action in the outbox, and the groups the code asks about, named once
 * for TypeScript and SQL. A new state goes into ACTION_STATES and then into every group it belongs to.
 */
export const ACTION_STATES = ['held', 'queued', 'sent', 'review', 'done', 'refused', 'failed', 'cancelled'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

/** Not finished: the SKU has an action in flight (held for the seller, or the sender's). */
export const OPEN_STATES = ['held', 'queued', 'sent', 'review'] as const satisfies readonly ActionState[];
/** What the sender works on: open and not waiting for the seller. */
export const SENDABLE_STATES = ['queued', 'sent', 'review'] as const satisfies readonly ActionState[];
/** Finished for good: nothing more is sent for the action. */
export const FINISHED_STATES = ['done', 'refused', 'failed', 'cancelled'] as const satisfies readonly ActionState[];
/** Sendable and not yet in the marketplace's review: the marketplace has not taken it. */
export const UNTAKEN_STATES = ['queued', 'sent'] as const satisfies readonly ActionState[];
/** Not yet sent: a decision pass may still take it back. */
export const UNSENT_STATES = ['held', 'queued'] as const satisfies readonly ActionState[];
/** Finished without taking effect: the seller may send it again. */
export const RETRYABLE_STATES = ['refused', 'failed'] as const satisfies readonly ActionState[];
/** The marketplace answered (took effect or refused). */
export const ANSWERED_STATES = ['done', 'refused'] as const satisfies readonly ActionState[];

export const isIn = (states: readonly ActionState[], s: ActionState): boolean => states.includes(s);

/** The quoted SQL list for `state IN (${statesSql(OPEN_STATES)})`, from the named states only. */
export function statesSql(states: readonly ActionState[]): string {
  return states.map((s) => `'${s}'`).join(', ');
}
