import type { Language, Notice } from './types/app';

/** A notice's title and body in the seller's language (the Chinese where no English was stored). */
export function noticeIn(n: Notice, language: Language): { title: string; body: string } {
  return language === 'en-US' && n.titleEn ? { title: n.titleEn, body: n.bodyEn } : { title: n.title, body: n.body };
}
