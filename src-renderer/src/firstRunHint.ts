/**
 * A first run named by the page itself: the web host marks the page it serves then (its settings
 * file says so, src-main/host/firstRunPage.ts), with the language to show. Welcome is then drawn
 * as the entry runs, not after the settings call's round trip, whose answer replaces this hint
 * when it comes. Electron loads the plain page: there the settings call is a few milliseconds.
 */
import { FIRST_RUN_META, isLanguage } from '../../src-shared/firstRunMeta';
import type { Language } from '../../src-shared/types/app';

function read(): Language | undefined {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${FIRST_RUN_META}"]`)?.content;
  return isLanguage(content) ? content : undefined;
}

/** The first run's language when the page is marked as a first run; otherwise undefined. */
export const firstRunLanguage: Language | undefined = read();
