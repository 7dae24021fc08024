import { actionStateText, type ActionKind, type ActionState } from '../../../../src-shared/types/auto';

/** The tag colour of a bind/unbind action's state, the same on every card of the dashboard. */
export const STATE_COLOR: Record<ActionState, string> = {
  held: 'orange',
  queued: 'blue',
  sent: 'geekblue',
  review: 'gold',
  done: 'green',
  refused: 'red',
  failed: 'red',
  cancelled: 'default',
};

/** An action's state in the seller's words (the same function core uses in notices): 已解绑, never 完成. */
export function stateLabel(kind: ActionKind, state: ActionState, en: boolean): string {
  return actionStateText(kind, state)[en ? 1 : 0];
}
