/**
 * The renderer's index.html as the web host serves it on a first run: marked with FIRST_RUN_META,
 * so the page paints Welcome as its entry runs. What marks it is the settings file, which the host
 * reads without the core (core/platform/settingsFile.ts) and the core's store writes at once when
 * the seller chooses on Welcome: a reload after that gets the plain page.
 */
import type { ServerResponse } from 'node:http';
import { FIRST_RUN_META, isLanguage } from '../../src-shared/firstRunMeta';
import type { AppSettings } from '../../src-shared/types/app';

/** `indexHtml` with the first-run mark before `</head>`. */
export function markFirstRun(indexHtml: string, settings: AppSettings): string {
  const language = isLanguage(settings.language) ? settings.language : 'zh-CN';
  return indexHtml.replace('</head>', `<meta name="${FIRST_RUN_META}" content="${language}" />\n  </head>`);
}

/** Sends the marked page; never stored, since a first run ends with the seller's first choice. */
export function sendFirstRunPage(res: ServerResponse, html: string, head: boolean): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(head ? undefined : html);
}
