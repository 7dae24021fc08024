/**
 * The only bridge between the sandboxed page and main: one method per contract channel and `on`
 * for events, nothing else. Calls come back as {ok, data} | {ok, error} so errors keep their code.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, type EventName } from '../src-shared/contract';
import { toBridgeError, type Result } from '../src-shared/errors';

const api: Record<string, unknown> = {};
for (const channel of CHANNELS) {
  api[channel] = async (input: unknown) => {
    const result = (await ipcRenderer.invoke(`api:${channel}`, input)) as Result<unknown>;
    if (!result.ok) throw toBridgeError(result.error);
    return result.data;
  };
}
api.on = (event: EventName, cb: (payload: unknown) => void) => {
  if (!EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const listener = (_e: IpcRendererEvent, payload: unknown) => cb(payload);
  ipcRenderer.on(`event:${event}`, listener);
  return () => ipcRenderer.removeListener(`event:${event}`, listener);
};

contextBridge.exposeInMainWorld('api', api);
