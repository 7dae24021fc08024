/**
 * The one source of truth between the processes: every channel with its zod input schema and its
 * output type, and every event main pushes. Main validates with these schemas, the preload and the
 * web bridge generate `window.api` from the channel names, the renderer is typed from them.
 */
import { z } from 'zod';
import type { AppInfo, AppSettings, Notice, TaskProgress } from './types';

/** A channel: its input schema and (type-only) output. */
export interface Channel<I extends z.ZodType, O> {
  input: I;
  output?: O;
}
const channel = <I extends z.ZodType>(input: I) => ({
  returns: <O>(): Channel<I, O> => ({ input }),
});

const empty = z.object({}).strict();

export const languageSchema = z.enum(['zh-CN', 'en-US']);

export const settingsPatchSchema = z
  .object({
    language: languageSchema,
    /** Whether the first-run screen has been answered. */
    firstRunDone: z.boolean(),
    mode: z.enum(['demo', 'live']),
    storeName: z.string().trim().min(1).max(60),
  })
  .partial()
  .strict();

export const contract = {
  'app.info': channel(empty).returns<AppInfo>(),
  'settings.get': channel(empty).returns<AppSettings>(),
  'settings.set': channel(settingsPatchSchema).returns<AppSettings>(),
  'notices.list': channel(
    z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ).returns<Notice[]>(),
  'notices.markRead': channel(z.object({ ids: z.array(z.number().int().positive()).max(1000) }).strict()).returns<{
    updated: number;
  }>(),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type Output<K extends ChannelName> = NonNullable<Contract[K]['output']>;

export const CHANNELS = Object.keys(contract) as ChannelName[];

/** Events main pushes to every window. */
export interface Events {
  notice: Notice;
  progress: TaskProgress;
  /** Something stored changed; screens showing `topic` should reload. */
  changed: { topic: string };
}
export type EventName = keyof Events;
export const EVENTS: EventName[] = ['notice', 'progress', 'changed'];

/** What `window.api` is, in the preload and in the web bridge alike. */
export type Api = { [K in ChannelName]: (input: Input<K>) => Promise<Output<K>> } & {
  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void;
};
