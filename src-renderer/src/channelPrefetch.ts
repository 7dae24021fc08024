/**
 * A channel call started before the screen that shows its answer has rendered: an area's first
 * data, asked for while the area's code loads and renders (areaPrefetch.ts, at start), instead of from the
 * screen's effect after that. The screen's useChannel takes the answer rather than asking again.
 * An answer is kept briefly and used once, so a later visit never shows an old one.
 */
import { api } from './api';
import type { ChannelName, Input } from '../../src-shared/contract';

const KEEP_MS = 10_000;
interface Started {
  at: number;
  answer: Promise<unknown>;
  /** The answer once it has arrived, so a screen's first render can show it (settledPrefetch). */
  settled?: { value: unknown };
}
const started = new Map<string, Started>();

/** `input` as useChannel keys it (JSON, so the property order must be the screen's). */
const keyOf = (channel: string, inputJson: string) => `${channel}\n${inputJson}`;

export function prefetch<K extends ChannelName>(channel: K, input: Input<K>): void {
  const answer = (api[channel] as (i: unknown) => Promise<unknown>)(input);
  const entry: Started = { at: Date.now(), answer };
  // A failure is the screen's to report when it takes the answer (or it asks again).
  answer.then(
    (value) => (entry.settled = { value }),
    () => undefined,
  );
  started.set(keyOf(channel, JSON.stringify(input)), entry);
}

/**
 * The answer of a prefetched call with this input if it has already arrived (in the last few
 * seconds), left in place: a screen renders it on its first render, then takes it (takePrefetched)
 * from its effect. Taking it from the effect after rendering empty cost a second render of the
 * whole screen a task later: with the mapping step's table, about a third of opening the step.
 */
export function settledPrefetch(channel: string, inputJson: string): { value: unknown } | undefined {
  const hit = started.get(keyOf(channel, inputJson));
  return hit && Date.now() - hit.at < KEEP_MS ? hit.settled : undefined;
}

/** The answer of a prefetched call with this input, once, if it was started in the last few seconds. */
export function takePrefetched(channel: string, inputJson: string): Promise<unknown> | undefined {
  const key = keyOf(channel, inputJson);
  const hit = started.get(key);
  started.delete(key);
  return hit && Date.now() - hit.at < KEEP_MS ? hit.answer : undefined;
}
