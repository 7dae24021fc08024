/**
 * `window.api`: inside Electron the preload made it; in a browser (the web host) this bridge makes
 * the same object over HTTP, from the same channel list, so screens never know where they run. The
 * list comes from the build (electron.vite.config.ts), so the page never loads the zod schemas.
 */
import type { Api } from '../../src-shared/contract';
import { EVENTS, type EventName, type Events } from '../../src-shared/events';
import { ApiError, fromBridgeError, type ErrorPayload, type Result } from '../../src-shared/errors';
import { AFTER_SESSION_HASH, SESSION_FRAGMENT, SESSION_STORAGE_KEY } from '../../src-shared/webSession';

declare global {
  interface Window {
    api?: Api;
  }
}

/** The launch redirect's session secret moved to sessionStorage and cleared from the address bar (src-shared/webSession.ts), before the router reads the hash. */
function takeSession(): string | null {
  if (window.api) return null;
  const m = SESSION_FRAGMENT.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(SESSION_STORAGE_KEY, m[1]!);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}${AFTER_SESSION_HASH}`);
  }
  return sessionStorage.getItem(SESSION_STORAGE_KEY);
}

/** The web host's session secret; null in Electron, or in a browser tab opened without the launch link. */
export const webSession: string | null = takeSession();

const offline: ErrorPayload = {
  code: 'TRANSIENT',
  message: '无法连接到本机的助手服务。请确认程序仍在运行，然后刷新页面。',
  messageEn: 'Cannot reach the local app service. Check that the app is still running, then reload the page.',
};

function createHttpApi(): Api {
  const api: Record<string, unknown> = {};
  for (const channel of __DESK_CHANNELS__) {
    api[channel] = async (input: unknown) => {
      let res: Response;
      try {
        res = await fetch(`/api/${channel}`, {
          method: 'POST',
          credentials: 'omit',
          headers: { 'Content-Type': 'application/json', 'X-Desk-Session': webSession ?? '' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError(offline);
      }
      // A session this run of the host does not know (it restarted): the next load says to open the link.
      if (res.status === 401) sessionStorage.removeItem(SESSION_STORAGE_KEY);
      const result = (await res.json().catch(() => ({ ok: false, error: offline }))) as Result<unknown>;
      if (!result.ok) throw new ApiError(result.error);
      return result.data;
    };
  }
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const known = new Set<string>(EVENTS);
  const deliver = (block: string) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (!data.length || !known.has(event)) return;
    const payload = JSON.parse(data.join('\n')) as unknown;
    for (const cb of listeners.get(event as EventName) ?? []) cb(payload);
  };
  let connected = false;
  /**
   * The event stream, read with fetch so it carries the session header (EventSource cannot send
   * one); reconnects after a drop, as EventSource would.
   */
  const connect = () => {
    connected = true;
    void (async () => {
      for (;;) {
        try {
          const res = await fetch('/events', {
            credentials: 'omit',
            headers: { 'X-Desk-Session': webSession ?? '', Accept: 'text/event-stream' },
          });
          if (res.status === 401 || res.status === 403) return;
          if (res.ok && res.body) {
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            let buf = '';
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              buf += value.replace(/\r\n?/g, '\n');
              let i: number;
              while ((i = buf.indexOf('\n\n')) >= 0) {
                deliver(buf.slice(0, i));
                buf = buf.slice(i + 2);
              }
            }
          }
        } catch {
          // dropped: try again below
        }
        await new Promise((r) => setTimeout(r, 3000));
      }
    })();
  };
  api.on = <E extends EventName>(event: E, cb: (p: Events[E]) => void) => {
    if (!connected) connect();
    const set = listeners.get(event) ?? new Set();
    set.add(cb as (p: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(cb as (p: unknown) => void);
  };
  return api as Api;
}

/** The preload's api, with its errors turned back into ApiError (the bridge keeps only messages). */
function wrapPreload(preload: Api): Api {
  const api: Record<string, unknown> = { on: preload.on };
  for (const channel of __DESK_CHANNELS__) {
    const call = preload[channel] as (i: unknown) => Promise<unknown>;
    api[channel] = (input: unknown) =>
      call(input).catch((err: unknown) => {
        throw fromBridgeError(err) ?? err;
      });
  }
  return api as Api;
}

export const api: Api = window.api ? wrapPreload(window.api) : createHttpApi();
export const runsInElectron = Boolean(window.api);
