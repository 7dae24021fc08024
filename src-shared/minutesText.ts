/**
 * How long something has lasted, from whole minutes, as a seller reads it: days and hours past a
 * day, hours and minutes past an hour ("2天3小时", "1小时5分钟", "4分钟"; "2 d 3 h" in English); '—'
 * when unknown. A campaign-long oversell risk read as "2880" minutes.
 */
export function minutesText(minutes: number | null | undefined, lang: 'zh' | 'en'): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const total = Math.max(0, Math.round(minutes));
  const [d, h, m] = [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
  const en = lang === 'en';
  const part = (n: number, zh: string, unit: string) => (en ? `${n} ${unit}` : `${n}${zh}`);
  const parts =
    d > 0
      ? [part(d, '天', 'd'), h > 0 && part(h, '小时', 'h')]
      : h > 0
        ? [part(h, '小时', 'h'), m > 0 && part(m, '分钟', 'min')]
        : [part(m, '分钟', 'min')];
  return parts.filter(Boolean).join(en ? ' ' : '');
}
