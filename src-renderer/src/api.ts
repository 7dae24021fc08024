/**
 * `window.api`: inside Electron the preload made it; in a browser (the web host) this bridge makes
 * the same object over HTTP, from the same channel list, so screens never know where they run. The
 * list comes from the build (electron.vite.config.ts), so the page never loads the zod schemas.
 */
import type { Api } from '../../src-shared/contract';
import { EVENTS, type EventName, type Events } from '../../src-shared/events';
import { ApiError, fromBridgeError, type ErrorPayload, type Result } from '../../src-shared/errors';

declare global {
  interface Window {
    api?: Api;
  }
}

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
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Desk': '1' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new ApiError(offline);
      }
      const result = (await res.json().catch(() => ({ ok: false, error: offline }))) as Result<unknown>;
      if (!result.ok) throw new ApiError(result.error);
      return result.data;
    };
  }
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let source: EventSource | undefined;
  const connect = () => {
    source = new EventSource('/events', { withCredentials: true });
    for (const e of EVENTS) {
      source.addEventListener(e, (msg) => {
        const payload = JSON.parse((msg as MessageEvent<string>).data) as unknown;
        for (const cb of listeners.get(e) ?? []) cb(payload);
      });
    }
  };
  api.on = <E extends EventName>(event: E, cb: (p: Events[E]) => void) => {
    if (!source) connect();
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
