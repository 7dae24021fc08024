/**
 * Text in the seller's two languages: the one shape every view type uses for it. The renderer shows
 * one side with `useLang().pick(b)`; core code writes both.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * A table of short labels written as two parallel rows, the Chinese and the English, keyed alike:
 * the compiler checks that both rows name every key, and the words read side by side.
 */
export function bilingualTable<K extends string>(zh: Record<K, string>, en: Record<K, string>): Record<K, Bilingual> {
  return Object.fromEntries((Object.keys(zh) as K[]).map((k) => [k, { zh: zh[k], en: en[k] }])) as Record<K, Bilingual>;
}
