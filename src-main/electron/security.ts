/**
 * Electron's security checklist in one place: strict CSP header, no navigation away from the app,
 * no new windows (allow-listed links open in the seller's browser), every permission denied, and
 * IPC accepted only from our own renderer frame.
 */
import { shell, session, type WebContents } from 'electron';
import { CSP, isAllowedExternal } from './policy';

export { isTrustedFrame, rendererUrl } from './policy';

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

export function lockNavigation(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== appUrl && !url.startsWith(`${appUrl}#`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
