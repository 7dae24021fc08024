/**
 * i18next with Simplified Chinese first. The entry holds only the `app` namespace, which is all the
 * first screen needs; the areas' words come with the shell (loadAreaWords, areaWords.ts).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/types/app';
import { firstRunLanguage } from './firstRunHint';
import * as app from './locales/app';

type Dict = { [k: string]: string | Dict };
export interface LocaleModule {
  namespace: string;
  zh: Dict;
  en: Dict;
}

const resources: Record<Language, Record<string, Dict>> = {
  'zh-CN': { [app.namespace]: app.zh },
  'en-US': { [app.namespace]: app.en },
};

void i18n.use(initReactI18next).init({
  resources,
  // A first run's page names its language (firstRunHint.ts): Welcome is drawn in it before the settings come.
  lng: firstRunLanguage ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  defaultNS: app.namespace,
  interpolation: { escapeValue: false },
});

let wordsPending: Promise<void> | undefined;
/** The areas' words, fetched and added once (again after a failure). */
export function loadAreaWords(): Promise<void> {
  return (wordsPending ??= import('./areaWords').then(
    ({ areaWords }) => {
      for (const m of areaWords) {
        i18n.addResourceBundle('zh-CN', m.namespace, m.zh);
        i18n.addResourceBundle('en-US', m.namespace, m.en);
      }
    },
    (err: unknown) => {
      wordsPending = undefined;
      throw err;
    },
  ));
}

export default i18n;
