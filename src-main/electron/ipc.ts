/** One `handle()` for every channel: the sender must be our renderer, the input is checked in dispatch. */
import { ipcMain, type BrowserWindow } from 'electron';
import { CHANNELS, EVENTS } from '../../src-shared/contract';
import { dispatch, type Handlers } from '../core/dispatch';
import type { App } from '../core/app';
import { isTrustedFrame } from './security';

export function registerIpc(app: App, handlers: Handlers, expectedUrl: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(`api:${channel}`, async (event, input: unknown) => {
      if (!isTrustedFrame(event.senderFrame, expectedUrl)) {
        app.log.warn('ipc from an untrusted frame refused', { channel, url: event.senderFrame?.url });
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求。', messageEn: 'Request from an unknown page refused.' },
        };
      }
      return dispatch(handlers, channel, input, app.log);
    });
  }
}

/** Main's pushes go to every open window. */
export function forwardEvents(app: App, windows: () => BrowserWindow[]): void {
  for (const e of EVENTS) {
    app.events.on(e, (payload) => {
      for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(`event:${e}`, payload);
    });
  }
}
