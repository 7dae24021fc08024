import type { ActionState } from '../../../../src-shared/types/auto';

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
