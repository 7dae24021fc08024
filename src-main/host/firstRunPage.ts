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

/** What the first-run page is made with: the build's parts, and index.html's stylesheets with their text. */
export interface FirstRunParts extends FirstRunWelcome {
  /**
   * Each `<link rel="stylesheet">` of index.html with its file's text. In the page as `<style>`: a
   * linked sheet holds the first paint until the host has sent it beside the page's scripts (about
   * 40 ms of the 110 between the page's arrival and Welcome on screen).
   */
  styles: [tag: string, css: string][];
}

/** index.html's stylesheets with their text; one that cannot be read, or could end a style element, stays linked. */
function inlineStyles(rendererDir: string, indexHtml: string): FirstRunParts['styles'] {
  const styles: FirstRunParts['styles'] = [];
  for (const [tag, file] of indexHtml.matchAll(/<link rel="stylesheet" crossorigin href="\.\/(assets\/[\w.-]+\.css)">/g)) {
    try {
      const css = readFileSync(join(rendererDir, file!), 'utf8');
      if (!/<\/style/i.test(css)) styles.push([tag, css]);
    } catch {
      // Left as a link: the browser asks for it as before.
    }
  }
  return styles;
}

/**
 * The build's first-run page parts beside index.html, when they fit it: undefined when missing, not
 * in every language, or naming another entry than index.html's (the page then draws Welcome itself).
 */
export function readFirstRunWelcome(rendererDir: string, indexHtml: string): FirstRunParts | undefined {
  try {
    const read = JSON.parse(readFileSync(join(rendererDir, FIRST_RUN_WELCOME_FILE), 'utf8')) as Partial<FirstRunWelcome>;
    const { markup, entry, boot } = read;
    const whole = typeof entry === 'string' && typeof boot === 'string' && LANGUAGES.every((l) => typeof markup?.[l] === 'string');
    return whole && indexHtml.includes(scriptTag(entry))
      ? { ...(read as FirstRunWelcome), styles: inlineStyles(rendererDir, indexHtml) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** `indexHtml` marked as a first run, with Welcome drawn and the entry loaded after it when the build gave them. */
export function markFirstRun(indexHtml: string, settings: AppSettings, welcome?: FirstRunParts): string {
  const language = isLanguage(settings.language) ? settings.language : 'zh-CN';
  const marked = indexHtml.replace('</head>', `<meta name="${FIRST_RUN_META}" content="${language}" />\n  </head>`);
  if (!welcome) return marked;
  // Functions, so a `$` in the markup is never read as a replacement pattern. The entry and its
  // imports are asked for by the boot script once Welcome is on screen, not preloaded with the page:
  // fetching and compiling them beside the page's parsing held its first paint back (build/firstRunWelcome.ts).
  const drawn = marked
    .replace(scriptTag(welcome.entry), () => scriptTag(welcome.boot))
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
    .replace('<div id="root"></div>', () => `<div id="root">${welcome.markup[language]}</div>`);
  return welcome.styles.reduce((page, [tag, css]) => page.replace(tag, () => `<style>${css}</style>`), drawn);
}

/** Sends the marked page; never stored, since a first run ends with the seller's first choice. */
export function sendFirstRunPage(res: ServerResponse, html: string, head: boolean): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(head ? undefined : html);
}
