/**
 * Electron's security checklist in one place: the renderer served from app:// (never file://),
 * strict CSP header, no navigation away from the app, no new windows (allow-listed links open in
 * the seller's browser), no webviews, every permission denied, and IPC accepted only from our own
 * renderer frame.
 */
import { app, protocol, shell, session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, CSP, appFileFor, isAllowedExternal } from './policy';

export { isTrustedFrame, rendererUrl, APP_ID, APP_URL } from './policy';

/**
 * Must run before `ready`. `standard` gives app://desk a real origin (relative URLs, localStorage),
 * `secure` makes it a secure context like https, fetch works for the page's own files. No extra
 * privileges beyond those (no CSP bypass, no service workers).
 */
export function registerAppScheme(): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer folder, and nothing outside it, as app://desk/…. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const hit = appFileFor(request.url, rendererDir);
    if (!hit) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(hit.file);
      return new Response(body, { headers: { 'Content-Type': hit.type, 'Content-Security-Policy': CSP } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/** For every web contents the app ever makes (app 'web-contents-created'), not only the main window's. */
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

/** The exit wipe: Chromium's profile in the data folder (local storage, cookies, cache) is emptied too. */
export async function clearBrowserStorage(): Promise<void> {
  await session.defaultSession.clearStorageData();
  await session.defaultSession.clearCache();
}
