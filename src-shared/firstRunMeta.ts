/**
 * The meta element by which the web host marks the page it serves on a first run, with the
 * language to show it in (`<meta name="desk-first-run" content="zh-CN">`): the page then draws
 * Welcome as its entry runs, not after a settings call's round trip (src-renderer/src/firstRunHint.ts).
 * It says nothing else about the data folder: the page is served to anyone who asks for it.
 */
export const FIRST_RUN_META = 'desk-first-run';
