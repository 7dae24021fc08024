/**
 * The state of each AliExpress authorisation request (OAuth's anti-forgery value), kept in the
 * database, not in memory: the seller may paste the code into another process (the CLI's
 * `connect authorize`, or the app after a restart) within the state's lifetime.
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../app';
import { getSetting, setSetting } from './store';
import { AUTH_STATE_TTL_MS } from '../../../src-shared/authState';

const KEY = 'aliexpress.pendingStates';

type Pending = { state: string; at: number }[];

/** A new state for an authorisation request, remembered with the last 20 that have not expired. */
export function newAuthState(app: App): string {
  const state = randomBytes(12).toString('hex');
  const now = app.clock.now();
  const pending = (getSetting<Pending>(app, KEY) ?? []).filter((p) => p.at > now - AUTH_STATE_TTL_MS);
  setSetting(app, KEY, [...pending, { state, at: now }].slice(-20));
  return state;
}

/** True (and used up) when `state` came from an authorisation request of this data folder that has not expired. */
export function takeAuthState(app: App, state: string): boolean {
  const now = app.clock.now();
  const pending = getSetting<Pending>(app, KEY) ?? [];
  const found = pending.some((p) => p.state === state && p.at > now - AUTH_STATE_TTL_MS);
  setSetting(
    app,
    KEY,
    pending.filter((p) => p.state !== state && p.at > now - AUTH_STATE_TTL_MS),
  );
  return found;
}
