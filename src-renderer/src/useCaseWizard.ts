/**
 * The state every case wizard (退店, 退保证金) shares: the case as main keeps it, the step shown,
 * and reloads when main says the case changed. The shown step follows the case only when the case
 * moved on, so a seller looking back at an earlier step stays there.
 */
import { useEffect, useRef, useState } from 'react';
import { useChanged, useChannel, type ChannelState } from './useChannel';

type CaseChannel = 'exit.get' | 'deposit.get';

export function useCaseWizard<V extends { stage: string }>(
  channel: CaseChannel,
  topics: string[],
  stageIndex: (v: V) => number,
): {
  got: ChannelState<{ case: V | null }>;
  view: V | null;
  current: number;
  setCurrent: (n: number) => void;
  update: (v: V) => void;
} {
  const got = useChannel(channel, {}) as unknown as ChannelState<{ case: V | null }>;
  useChanged(topics, got.reload);
  const [view, setView] = useState<V | null>(null);
  const [current, setCurrent] = useState(0);
  const lastStage = useRef<string | null>(null);

  useEffect(() => {
    const v = got.data?.case ?? null;
    setView(v);
    if (v && v.stage !== lastStage.current) setCurrent(stageIndex(v));
    lastStage.current = v?.stage ?? null;
    // stageIndex is a module-level function in each wizard.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [got.data]);

  const update = (v: V) => {
    const moved = !view || view.stage !== v.stage;
    setView(v);
    lastStage.current = v.stage;
    if (moved) setCurrent(stageIndex(v));
  };
  return { got, view, current, setCurrent, update };
}
