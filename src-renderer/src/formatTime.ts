import { minutesText } from '../../src-shared/minutesText';
import { currentLang } from './useLang';

/** China keeps one offset all year (no summer time), as the core's beijingTime counts it. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * A moment as the seller reads it: China time (the marketplace's and Tongtool's), year first in
 * both languages; '—' when there is none. Every screen uses this, so times never differ between
 * screens. English is written 2026-12-08 01:18:24, the way the screens write dates (2026-12-11):
 * en-GB's 08/12/2026 reads as 12 August to many, and beside a date box the system shows as
 * 12/08/2026 the same day looked like two.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (currentLang() === 'en') return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
  return new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

/** How long something has lasted, from whole minutes, in the UI language (src-shared/minutesText.ts). */
export function formatMinutes(minutes: number | null | undefined): string {
  return minutesText(minutes, currentLang());
}
