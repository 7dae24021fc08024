/**
 * The meta element by which the web host marks the page it serves on a first run, with the
 * language to show it in (`<meta name="desk-first-run" content="zh-CN">`): the page then draws
 * Welcome as its entry runs, not after a settings call's round trip (src-renderer/src/firstRunHint.ts).
 * It says nothing else about the data folder: the page is served to anyone who asks for it.
 */
import type { Language } from './types/app';

export const FIRST_RUN_META = 'desk-first-run';

/**
 * Beside index.html in the built renderer: what the host changes in the page it serves on a first run
 * (src-main/host/firstRunPage.ts), from the build (build/firstRunWelcome.ts).
 */
export const FIRST_RUN_WELCOME_FILE = 'first-run-welcome.json';

export interface FirstRunWelcome {
  /** Welcome's markup in each language, put in #root so it paints as the page parses. */
  markup: Record<Language, string>;
  /** index.html's entry script (`assets/index-….js`), and the script the first-run page runs in its place. */
  entry: string;
  boot: string;
}

/** On each of the drawn Welcome's buttons: the choice it makes (`demo` or `live`). */
export const WELCOME_CHOICE_ATTR = 'data-welcome-choice';
/**
 * On #root: a choice clicked on the drawn Welcome before the entry ran, which the boot script notes
 * and Welcome makes once it has taken the page over: a click there is otherwise lost, since the drawn
 * buttons do nothing until then.
 */
export const EARLY_CHOICE_ATTR = 'data-early-choice';
/** On #root: set by the entry as it takes the drawn Welcome over; from then React answers the clicks. */
export const ENTRY_RUNNING_ATTR = 'data-entry-running';

export const LANGUAGES = ['zh-CN', 'en-US'] as const satisfies readonly Language[];

/** Only a language the page knows goes into the mark or is read from it (the settings file may have been edited by hand). */
export const isLanguage = (s: unknown): s is Language => s === 'zh-CN' || s === 'en-US';
