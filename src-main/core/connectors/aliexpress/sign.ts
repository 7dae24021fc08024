/**
 * AliExpress Open Platform (IOP) request signing, as published: every parameter but `sign`, sorted
 * by key in ASCII order, concatenated key+value; `/rest` system calls put the API path in front;
 * HMAC-SHA256 keyed with the app secret; upper-case hex.
 */
import { createHmac } from 'node:crypto';

export function signString(params: Record<string, string>, apiPath?: string): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign')
    // ASCII order: compare code units, not locale.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let s = apiPath ?? '';
  for (const k of keys) s += k + params[k];
  return s;
}

export function signIop(params: Record<string, string>, appSecret: string, apiPath?: string): string {
  return createHmac('sha256', appSecret).update(signString(params, apiPath), 'utf8').digest('hex').toUpperCase();
}
