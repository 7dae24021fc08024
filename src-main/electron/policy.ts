/**
 * The window's security policy as plain functions (no electron import), so tests can check it:
 * the CSP, which external links may open, and which frames may call IPC.
 */
import { pathToFileURL } from 'node:url';

export { CSP } from '../../src-shared/csp';

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
export function isTrustedFrame(frame: { url: string } | null | undefined, expected: string): boolean {
  if (!frame) return false;
  try {
    const got = new URL(frame.url);
    const want = new URL(expected);
    return want.protocol === 'file:' ? got.protocol === 'file:' && got.pathname === want.pathname : got.origin === want.origin;
  } catch {
    return false;
  }
}

