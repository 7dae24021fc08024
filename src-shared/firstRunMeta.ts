/**
 * The meta element by which the web host marks the page it serves on a first run, with the
 * language to show it in (`<meta name="desk-first-run" content="zh-CN">`): the page then draws
 * Welcome as its entry runs, not after a settings call's round trip (src-renderer/src/firstRunHint.ts).
 * It says nothing else about the data folder: the page is served to anyone who asks for it.
 */
import type { Language } from './types/app';

export const FIRST_RUN_META = 'desk-first-run';

/** Only a language the page knows goes into the mark or is read from it (the settings file may have been edited by hand). */
export const isLanguage = (s: unknown): s is Language => s === 'zh-CN' || s === 'en-US';
