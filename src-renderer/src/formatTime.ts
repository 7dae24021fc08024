import { minutesText } from '../../src-shared/minutesText';
import { currentLang } from './useLang';

/**
 * A moment as the seller reads it: China time (the marketplace's and Tongtool's), in the UI language;
 * '—' when there is none. Every screen uses this, so times never differ between screens.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' });
}

/** How long something has lasted, from whole minutes, in the UI language (src-shared/minutesText.ts). */
export function formatMinutes(minutes: number | null | undefined): string {
  return minutesText(minutes, currentLang());
}
