/**
 * The one source of truth between the processes: every channel with its zod input schema and its
 * output type, and every event main pushes. Main validates with these schemas, the preload and the
 * web bridge generate `window.api` from the channel names, the renderer is typed from them.
 * Each domain keeps its channels in `channels/<domain>.ts`; this file only gathers them.
 */
import type { z } from 'zod';
import type { EventName, Events } from './events';
import { appChannels } from './channels/app';
import { autoChannels } from './channels/auto';
import { connectChannels } from './channels/connect';
import { depositChannels } from './channels/deposit';
import { exitChannels } from './channels/exit';
import { fitChannels } from './channels/fit';
import { stockChannels } from './channels/stock';

export const contract = {
  ...appChannels,
  ...autoChannels,
  ...connectChannels,
  ...depositChannels,
  ...exitChannels,
  ...fitChannels,
  ...stockChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type Output<K extends ChannelName> = NonNullable<Contract[K]['output']>;

export const CHANNELS = Object.keys(contract) as ChannelName[];

export { EVENTS, type EventName, type Events } from './events';

/** What `window.api` is, in the preload and in the web bridge alike. */
export type Api = { [K in ChannelName]: (input: Input<K>) => Promise<Output<K>> } & {
  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void;
};
