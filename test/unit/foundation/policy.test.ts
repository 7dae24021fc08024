import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP } from '../../../src-shared/csp';
import { isAllowedExternal, isTrustedFrame } from '../../../src-main/electron/policy';

describe('the window security policy', () => {
  it('ships the same strict CSP in the page as the hosts send, with scripts from the app only', () => {
    const html = readFileSync(join(__dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(CSP).toContain("object-src 'none'");
  });

  it('opens only https links to AliExpress (and its image CDN), Alipay, Tongtool and Alibaba outside the app', () => {
    expect(isAllowedExternal('https://ae01.alicdn.com/kf/S0001.jpg')).toBe(true);
    expect(isAllowedExternal('https://alicdn.com.evil.example/x.jpg')).toBe(false);
    expect(isAllowedExternal('https://csp.aliexpress.com/m_apps/logistics')).toBe(true);
    expect(isAllowedExternal('https://b.alipay.com/')).toBe(true);
    expect(isAllowedExternal('http://www.aliexpress.com/')).toBe(false);
    expect(isAllowedExternal('https://aliexpress.com.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://evil-aliexpress.com/')).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('accepts IPC only from the app page itself', () => {
    const app = 'file:///C:/Program%20Files/desk/resources/app/out/renderer/index.html';
    expect(isTrustedFrame({ url: `${app}#/stock` }, app)).toBe(true);
    expect(isTrustedFrame({ url: 'file:///C:/Users/x/Downloads/evil.html' }, app)).toBe(false);
    expect(isTrustedFrame({ url: 'https://www.aliexpress.com/' }, app)).toBe(false);
    expect(isTrustedFrame(null, app)).toBe(false);
    expect(isTrustedFrame({ url: 'http://localhost:5173/#/' }, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedFrame({ url: 'http://localhost:5174/' }, 'http://localhost:5173/')).toBe(false);
  });
});
