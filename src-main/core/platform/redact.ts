/**
 * Secrets must never reach the log, the database or the renderer. Values registered here are
 * masked wherever they appear; fields whose names look secret are masked whatever their value.
 */
const known = new Set<string>();
const SECRET_KEY = /secret|token|password|passwd|session|sign$|^sign|authorization|app_?key_?secret|refresh/i;

export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) known.add(value);
}

export function mask(value: string): string {
  if (value.length <= 4) return '****';
  return `${value.slice(0, 2)}****${value.slice(-2)}`;
}

function redactString(s: string): string {
  let out = s;
  for (const k of known) if (out.includes(k)) out = out.split(k).join('[已隐藏]');
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) {
    const e = new Error(redactString(value.message));
    e.stack = value.stack ? redactString(value.stack) : undefined;
    return e;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && typeof v === 'string' ? '[已隐藏]' : redact(v, depth + 1);
  }
  return out;
}
