/**
 * The events main pushes to every window. Kept apart from the channels so the renderer can import
 * them without the zod schemas (it gets the channel names at build time, electron.vite.config.ts).
 */
import type { Notice, TaskProgress } from './types/app';

export interface Events {
  notice: Notice;
  /** Long work (sync, import, export): `task` names it, `finished` closes it. */
  progress: TaskProgress;
  /** Something stored changed; screens showing `topic` should reload. */
  changed: { topic: string };
}
export type EventName = keyof Events;
export const EVENTS: EventName[] = ['notice', 'progress', 'changed'];
