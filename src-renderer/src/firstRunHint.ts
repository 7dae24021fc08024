/**
 * A first run named by the page itself: the web host marks the page it serves then (its settings
 * file says so, src-main/host/firstRunPage.ts), with the language to show. Welcome is then drawn
 * as the entry runs, not after the settings call's round trip, whose answer replaces this hint
 * when it comes. Electron loads the plain page: there the settings call is a few milliseconds.
 */
import { EARLY_CHOICE_ATTR, ENTRY_RUNNING_ATTR, FIRST_RUN_META, isLanguage } from '../../src-shared/firstRunMeta';
import type { Language } from '../../src-shared/types/app';

function read(): Language | undefined {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${FIRST_RUN_META}"]`)?.content;
  return isLanguage(content) ? content : undefined;
}

/** The first run's language when the page is marked as a first run; otherwise undefined. */
export const firstRunLanguage: Language | undefined = read();

/**
 * Marks the drawn Welcome as taken over by the entry (main.tsx, before it hydrates): from then React
 * answers the clicks, and the boot script stops noting them (build/firstRunWelcome.ts).
 */
export function markEntryRunning(root: HTMLElement): void {
  root.setAttribute(ENTRY_RUNNING_ATTR, '');
}

/**
 * The choice clicked on the drawn Welcome before the entry ran, once: read and cleared, with the
 * busy cursor the boot script showed for it.
 */
export function takeEarlyChoice(): 'demo' | 'live' | undefined {
  const root = document.getElementById('root');
  const choice = root?.getAttribute(EARLY_CHOICE_ATTR);
  if (!root || choice == null) return undefined;
  root.removeAttribute(EARLY_CHOICE_ATTR);
  root.style.removeProperty('cursor');
  return choice === 'demo' || choice === 'live' ? choice : undefined;
}
