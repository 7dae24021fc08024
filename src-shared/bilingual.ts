/**
 * Text in the seller's two languages: the one shape every view type uses for it. The renderer shows
 * one side with `useLang().pick(b)`; core code writes both.
 */
export interface Bilingual {
  zh: string;
  en: string;
}
