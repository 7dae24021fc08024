/**
 * The window's security policy as plain functions (no electron import), so tests can check it:
 * the CSP, which external links may open, which frames may call IPC, and which file an app:// URL
 * may read.
 */
import { extname, join, normalize, sep } from 'node:path';

export { CSP } from '../../src-shared/csp';

/** Sites a seller may be sent to from inside the app (Seller Center, Alipay, Tongtool, the Open Platform). */
const EXTERNAL_ALLOW = [
  /(^|\.)aliexpress\.com$/,
  /(^|\.)alipay\.com$/,
  /(^|\.)tongtool\.com$/,
  /(^|\.)alibaba\.com$/,
  /(^|\.)alicdn\.com$/,
];

/**
 * The renderer is served from its own scheme, not file://: a file:// page may read any file its
 * origin reaches and every file:// page shares one origin; app://desk is one origin with only the
 * renderer's files behind it.
 */
export const APP_SCHEME = 'app';
/**
 * The installer's appId (build/electron-builder.yml). NSIS stamps it on the Start-menu shortcut as
 * the AppUserModelID; main must announce the same one or Windows shows no desktop notifications.
 */
export const APP_ID = 'com.choiceseller.desk';
export const APP_HOST = 'desk';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_ALLOW.some((re) => re.test(u.hostname));
  } catch {
    return false;
  }
}

/**
 * The page the window loads: the dev server's URL only while developing (a packaged app ignores
 * ELECTRON_RENDERER_URL, or anyone who can set an environment variable could load their own page
 * with the app's IPC), otherwise the built renderer through app://.
 */
export function rendererUrl(packaged: boolean, env: NodeJS.ProcessEnv = process.env): string {
  return !packaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : APP_URL;
}

/** The frame is our renderer page, not an injected or navigated one. */
export function isTrustedFrame(frame: { url: string } | null | undefined, expected: string): boolean {
  if (!frame) return false;
  try {
    const got = new URL(frame.url);
    const want = new URL(expected);
    if (want.protocol === 'file:') return got.protocol === 'file:' && got.pathname === want.pathname;
    // Not `origin`: a non-special scheme such as app: has the opaque origin "null" for every URL.
    return got.protocol === want.protocol && got.host === want.host;
  } catch {
    return false;
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * The renderer file an app:// URL names, or undefined for another host or a path that climbs out
 * of the renderer folder (`..`, encoded or not).
 */
export function appFileFor(url: string, rendererDir: string): { file: string; type: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel.includes('\0')) return undefined;
  const root = normalize(rendererDir);
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return undefined;
  return { file, type: MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
