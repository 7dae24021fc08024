/**
 * The renderer's index.html as the web host serves it on a first run: marked with FIRST_RUN_META, so
 * the entry draws Welcome as it runs; and, from what the build gives (FIRST_RUN_WELCOME_FILE), with
 * Welcome already drawn in #root, so it paints as the page parses, and the entry script swapped for
 * one that loads the entry after that paint, to hydrate it (build/firstRunWelcome.ts). What
 * marks it is the settings file, which the host reads without the core
 * (core/platform/settingsFile.ts) and the core's store writes at once when the seller chooses on
 * Welcome: a reload after that gets the plain page.
 */
import type { ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_RUN_META, FIRST_RUN_WELCOME_FILE, LANGUAGES, isLanguage, type FirstRunWelcome } from '../../src-shared/firstRunMeta';
import type { AppSettings } from '../../src-shared/types/app';

const scriptTag = (src: string) => `<script type="module" crossorigin src="./${src}"></script>`;

/**
 * The build's first-run page parts beside index.html, when they fit it: undefined when missing, not
 * in every language, or naming another entry than index.html's (the page then draws Welcome itself).
 */
export function readFirstRunWelcome(rendererDir: string, indexHtml: string): FirstRunWelcome | undefined {
  try {
    const read = JSON.parse(readFileSync(join(rendererDir, FIRST_RUN_WELCOME_FILE), 'utf8')) as Partial<FirstRunWelcome>;
    const { markup, entry, boot } = read;
    const whole = typeof entry === 'string' && typeof boot === 'string' && LANGUAGES.every((l) => typeof markup?.[l] === 'string');
    return whole && indexHtml.includes(scriptTag(entry)) ? (read as FirstRunWelcome) : undefined;
  } catch {
    return undefined;
  }
}

/** `indexHtml` marked as a first run, with Welcome drawn and the entry loaded after it when the build gave them. */
export function markFirstRun(indexHtml: string, settings: AppSettings, welcome?: FirstRunWelcome): string {
  const language = isLanguage(settings.language) ? settings.language : 'zh-CN';
  const marked = indexHtml.replace('</head>', `<meta name="${FIRST_RUN_META}" content="${language}" />\n  </head>`);
  if (!welcome) return marked;
  // Functions, so a `$` in the markup is never read as a replacement pattern. The entry is still
  // fetched with the page (modulepreload), only run later.
  return marked
    .replace(
      scriptTag(welcome.entry),
      () => `${scriptTag(welcome.boot)}\n    <link rel="modulepreload" crossorigin href="./${welcome.entry}">`,
    )
    .replace('<div id="root"></div>', () => `<div id="root">${welcome.markup[language]}</div>`);
}

/** Sends the marked page; never stored, since a first run ends with the seller's first choice. */
export function sendFirstRunPage(res: ServerResponse, html: string, head: boolean): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(head ? undefined : html);
}
