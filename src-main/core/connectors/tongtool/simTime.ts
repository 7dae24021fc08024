// The simulator's own reading of Tongtool wire times (it shares no code with the client, see simulator.ts).

/** "yyyy-MM-dd HH:mm:ss" in China time (UTC+8, no daylight saving). */
function chinaTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** The ms of a "yyyy-MM-dd HH:mm:ss" China time, or undefined when it is not one. */
export function fromChinaTime(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - 8 * 3600_000;
  // Date.UTC rolls 2026-02-30 over into March: a date that does not exist is malformed.
  return chinaTime(ms) === v ? ms : undefined;
}
