import type { Migration } from './index';

/**
 * The sender looks, between any two less urgent actions, for an unbind that has become due: this
 * index answers that in one lookup however many binds are queued (a restock wave queues thousands).
 */
export const m009_auto_lanes: Migration = {
  version: 9,
  name: 'auto outbox: lane index (kind, state, next try)',
  up(db) {
    db.exec('CREATE INDEX auto_actions_lane ON auto_actions(kind, state, next_try_at);');
  },
};
