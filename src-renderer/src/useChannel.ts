/** Calling the contract from screens: a loading/error/data hook for reads, and errors in the seller's language. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import { settledPrefetch, takePrefetched } from './channelPrefetch';
import { useLang } from './useLang';
import type { ChannelName, Input, Output } from '../../src-shared/contract';
import { ApiError, type ErrorPayload } from '../../src-shared/errors';

export function toPayload(err: unknown): ErrorPayload {
  if (err instanceof ApiError) return err.payload;
  return { code: 'INTERNAL', message: String(err), messageEn: String(err) };
}

/** The message of an error in the current UI language. */
export function useErrorText(): (err: unknown) => string {
  const { lang } = useLang();
  return useCallback(
    (err: unknown) => {
      const p = toPayload(err);
      return lang === 'en' ? p.messageEn : p.message;
    },
    [lang],
  );
}

export interface ChannelState<T> {
  data: T | undefined;
  error: ErrorPayload | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Reads a channel when `input` changes (compared as JSON) and on `reload()`. */
export function useChannel<K extends ChannelName>(channel: K, input: Input<K>, opts: { skip?: boolean } = {}): ChannelState<Output<K>> {
  const key = JSON.stringify(input);
  // A prefetched answer that has already arrived is the first render's data (channelPrefetch.ts).
  const [first] = useState(() => (opts.skip ? undefined : settledPrefetch(channel, key)));
  const [data, setData] = useState(first?.value as Output<K> | undefined);
  const [error, setError] = useState<ErrorPayload>();
  const [loading, setLoading] = useState(!opts.skip && !first);
  const shownFirst = useRef(first !== undefined);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const out = (await (takePrefetched(channel, key) ??
        (api[channel] as (i: unknown) => Promise<unknown>)(JSON.parse(key)))) as Output<K>;
      if (mine === seq.current) {
        setData(out);
        setError(undefined);
      }
    } catch (err) {
      if (mine === seq.current) setError(toPayload(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [channel, key]);
  useEffect(() => {
    if (opts.skip) return;
    if (shownFirst.current) {
      // Already shown: taken so that a reload or a later visit asks again.
      shownFirst.current = false;
      void takePrefetched(channel, key);
      return;
    }
    void reload();
  }, [reload, opts.skip, channel, key]);
  return { data, error, loading, reload };
}

/** Reloads when main says one of these topics changed. */
export function useChanged(topic: string | string[], reload: () => unknown): void {
  const key = Array.isArray(topic) ? topic.join('\n') : topic;
  useEffect(() => {
    const topics = key.split('\n');
    return api.on('changed', (e) => topics.includes(e.topic) && void reload());
  }, [key, reload]);
}
