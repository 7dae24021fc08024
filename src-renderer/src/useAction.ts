import { useCallback, useState } from 'react';
import type { ErrorPayload } from '../../src-shared/errors';
import { toPayload } from './useChannel';

/** Runs a channel call for a button: busy while it runs, the error kept for an ApiErrorAlert. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await fn();
    } catch (err) {
      setError(toPayload(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(undefined) };
}
