/**
 * The AliExpress authorisation request waiting for its code, kept in the tab's sessionStorage while
 * its state is valid: a seller who reloads the page while on AliExpress's page (or whose browser
 * reloads it) still has the code box, instead of having to start the authorisation again.
 */
import { AUTH_STATE_TTL_MS } from '../../../../src-shared/authState';

const KEY = 'desk-ae-auth';

export function rememberAuth(state: string): void {
  sessionStorage.setItem(KEY, JSON.stringify({ state, at: Date.now() }));
}

/** The request's state, when one was started in this tab and has not expired. */
export function pendingAuth(): string | undefined {
  try {
    const p = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { state?: unknown; at?: unknown } | null;
    if (p && typeof p.state === 'string' && typeof p.at === 'number' && Date.now() - p.at < AUTH_STATE_TTL_MS) return p.state;
  } catch {
    // Unreadable: as if none was started.
  }
  sessionStorage.removeItem(KEY);
  return undefined;
}

export function forgetAuth(): void {
  sessionStorage.removeItem(KEY);
}
