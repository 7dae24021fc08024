/**
 * The seller's language on screen: 'zh' or 'en', and the text of a `{ zh, en }` pair in it. The one
 * place the renderer reads i18next's language code.
 */
import { useTranslation } from 'react-i18next';
import i18n from './i18n';

export type Lang = 'zh' | 'en';
export type Pick = <T>(b: { zh: T; en: T }) => T;

const langOf = (code: string): Lang => (code === 'en-US' ? 'en' : 'zh');

/** The language now, outside a component (formatting, event callbacks). */
export function currentLang(): Lang {
  return langOf(i18n.language);
}

/** The language of the screen; the component renders again when the seller switches it. */
export function useLang(): { lang: Lang; en: boolean; pick: Pick } {
  const { i18n: i } = useTranslation();
  const lang = langOf(i.language);
  return { lang, en: lang === 'en', pick: (b) => b[lang] };
}
