/**
 * Electron's security checklist in one place: strict CSP header, no navigation away from the app,
 * no new windows (allow-listed links open in the seller's browser), every permission denied, and
 * IPC accepted only from our own renderer frame.
 */
import { shell, session, type WebContents, type WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

/** Sites a seller may be sent to from inside the app (Seller Center, Alipay, Tongtool, the Open Platform). */
const EXTERNAL_ALLOW = [/(^|\.)aliexpress\.com$/, /(^|\.)alipay\.com$/, /(^|\.)tongtool\.com$/, /(^|\.)alibaba\.com$/];

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_ALLOW.some((re) => re.test(u.hostname));
  } catch {
    return false;
  }
}

export function rendererUrl(rendererIndex: string): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(rendererIndex).toString();
}

/** The frame is our renderer page, not an injected or navigated one. */
export function isTrustedFrame(frame: WebFrameMain | null, expected: string): boolean {
  if (!frame) return false;
  try {
    const got = new URL(frame.url);
    const want = new URL(expected);
    return want.protocol === 'file:' ? got.protocol === 'file:' && got.pathname === want.pathname : got.origin === want.origin;
  } catch {
    return false;
  }
}

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
