import type { Language, Notice } from './types/app';

/** A notice's title and body in the seller's language. */
export function noticeIn(n: Notice, language: Language): { title: string; body: string } {
  const side = language === 'en-US' ? 'en' : 'zh';
  return { title: n.title[side], body: n.body[side] };
}
