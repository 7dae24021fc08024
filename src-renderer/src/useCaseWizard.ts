/**
 * The state every case wizard (退店, 退保证金) shares: the case as main keeps it, the step shown,
 * and reloads when main says the case changed. The step shown moves only when the seller moves it:
 * it opens where the case stands and stays there after the last tick of a step (the "next" button
 * appears instead). It only steps back when what is shown is no longer reachable (a stock change
 * reopening the exit plan, say).
 */
import { useEffect, useState } from 'react';
import { useChanged, useChannel, type ChannelState } from './useChannel';

type CaseChannel = 'exit.get' | 'deposit.get';

export interface CaseWizard<V> {
  got: ChannelState<{ case: V | null }>;
  view: V | null;
  /** The step shown: never past the case's stage. */
  current: number;
  setCurrent: (n: number) => void;
  /** Shows the case a step's call returned. */
  update: (v: V) => void;
}

export function useCaseWizard<V extends { stage: string }>(
  channel: CaseChannel,
  topics: string[],
  stageIndex: (v: V) => number,
): CaseWizard<V> {
  const got = useChannel(channel, {}) as unknown as ChannelState<{ case: V | null }>;
  useChanged(topics, got.reload);
  const [view, setView] = useState<V | null>(null);
  useEffect(() => setView(got.data?.case ?? null), [got.data]);
  const [chosen, setCurrent] = useState<number | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  // Set once while rendering, when the case first arrives (React's "adjusting state" pattern).
  if (view && opened === null) setOpened(stageIndex(view));
  const current = view ? Math.min(chosen ?? opened ?? stageIndex(view), stageIndex(view)) : 0;
  return { got, view, current, setCurrent, update: setView };
}
