/**
 * i18next with Simplified Chinese first. Each area keeps its words in locales/<area>.ts (or
 * pages/<area>/locale.ts), exporting `{ zh, en }`; they are found here automatically.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-shared/types/app';
import { firstRunLanguage } from './firstRunHint';

type Dict = { [k: string]: string | Dict };
interface LocaleModule {
  namespace: string;
  zh: Dict;
  en: Dict;
}

const modules = import.meta.glob<LocaleModule>(['./locales/*.ts', './pages/*/locale.ts'], { eager: true });
const resources: Record<Language, Record<string, Dict>> = { 'zh-CN': {}, 'en-US': {} };
for (const m of Object.values(modules)) {
  resources['zh-CN'][m.namespace] = m.zh;
  resources['en-US'][m.namespace] = m.en;
}

void i18n.use(initReactI18next).init({
  resources,
  // A first run's page names its language (firstRunHint.ts): Welcome is drawn in it before the settings come.
  lng: firstRunLanguage ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  defaultNS: 'app',
  interpolation: { escapeValue: false },
});

export default i18n;
