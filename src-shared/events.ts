/**
 * The events main pushes to every window. Kept apart from the channels so the renderer can import
 * them without the zod schemas (it gets the channel names at build time, electron.vite.config.ts).
 */
import type { Notice, TaskProgress } from './types/app';

/**
 * What a `changed` event can be about: one topic per kind of stored thing a screen shows. A new
 * topic goes here first, so the screens' listeners and every emitter agree on its name.
 */
export const CHANGED_TOPICS = ['auto', 'connect', 'deposit', 'exit', 'fit', 'settings', 'sku', 'stock', 'stock.settings'] as const;
export type ChangedTopic = (typeof CHANGED_TOPICS)[number];

export interface Events {
  notice: Notice;
  /** Long work (sync, import, export): `task` names it, `finished` closes it. */
  progress: TaskProgress;
  /** Something stored changed; screens showing `topic` should reload. */
  changed: { topic: ChangedTopic };
}
export type EventName = keyof Events;
export const EVENTS: EventName[] = ['notice', 'progress', 'changed'];
