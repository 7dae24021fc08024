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

/** The tag colour of a listing SKU's bind status (1 unbound, 2 bound, 3 unbind in review, 4 unbind refused), on the risk list and the dry run. */
export const BIND_STATUS_COLOR: Record<number, string> = { 1: 'default', 2: 'green', 3: 'gold', 4: 'red' };

/** An action's state in the seller's words (the same function core uses in notices): 已解绑, never 完成. */
export function stateLabel(kind: ActionKind, state: ActionState, en: boolean): string {
  return actionStateText(kind, state)[en ? 'en' : 'zh'];
}
