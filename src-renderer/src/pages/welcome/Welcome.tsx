import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useSettings } from '../../state/settings';
import { api } from '../../api';
import { toPayload } from '../../useChannel';
import { takeEarlyChoice } from '../../firstRunHint';
import { WelcomeView } from './WelcomeView';
import type { ErrorPayload } from '../../../../src-shared/errors';

// antd's Alert: only when choosing fails, so it comes then, not with the first screen.
const ApiErrorAlert = lazy(() => import('../../components/ApiErrorAlert').then((m) => ({ default: m.ApiErrorAlert })));

/**
 * First run: try the built-in demo store, or go connect a real one. The first screen a seller sees,
 * so its code is in the entry chunk; on the web host's first run the page comes with it already
 * drawn (WelcomeView, rendered at build time), which the entry then hydrates (main.tsx).
 */
export function Welcome() {
  const update = useSettings((s) => s.update);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  // One choice at a time: a click before the buttons show busy, or one beside the early choice below, is not a second.
  const choosing = useRef(false);
  const choose = async (mode: 'demo' | 'live') => {
    if (choosing.current) return;
    choosing.current = true;
    setBusy(true);
    try {
      if (mode === 'demo') await api['connect.useDemo']({});
      await update({ mode, firstRunDone: true });
      location.hash = mode === 'demo' ? '#/home' : '#/settings';
    } catch (err) {
      setError(toPayload(err));
    } finally {
      choosing.current = false;
      setBusy(false);
    }
  };
  // A choice clicked on the web host's drawn Welcome before this code ran (firstRunHint.ts).
  useEffect(() => {
    const early = takeEarlyChoice();
    if (early) void choose(early);
    // Once, as Welcome first shows: the note is cleared as it is read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const alert = error && (
    <Suspense fallback={null}>
      <ApiErrorAlert error={error} />
    </Suspense>
  );
  return <WelcomeView busy={busy} alert={alert} onChoose={(mode) => void choose(mode)} />;
}
