/**
 * What the web host's first-run page needs from the build (src-main/host/firstRunPage.ts):
 * - Welcome rendered in each language, so the browser paints it as the page parses, before the
 *   entry's react-dom, i18next and word lists have run. It is the real component's markup
 *   (src-renderer/src/pages/welcome/welcomeMarkup.tsx), loaded through Vite so its TSX and imports
 *   resolve as in the app; the entry hydrates it (main.tsx).
 * - A script run there in place of the entry, which asks for the entry and its imports after the first
 *   frame: a module script in the page would run before that paint and hold the page's load event. It also
 *   keeps a click made on the drawn buttons before the entry runs.
 * Electron loads index.html from its file and gets none of this: there the entry draws Welcome itself.
 */
import { basename, resolve } from 'node:path';
import type { Plugin } from 'vite';
import {
  EARLY_CHOICE_ATTR,
  ENTRY_RUNNING_ATTR,
  FIRST_RUN_WELCOME_FILE,
  LANGUAGES,
  WELCOME_CHOICE_ATTR,
  type FirstRunWelcome,
} from '../src-shared/firstRunMeta';
import type { Language } from '../src-shared/types/app';
import { AFTER_SESSION_HASH, SESSION_FRAGMENT, SESSION_STORAGE_KEY } from '../src-shared/webSession';

export function firstRunWelcome(): Plugin {
  return {
    name: 'desk-first-run-welcome',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'index');
      if (chunk?.type !== 'chunk') throw new Error('the renderer build has no entry chunk');
      const entry = chunk.fileName;
      // The entry's own imports, asked for beside it once Welcome is on screen: the page carries no
      // modulepreload (the host takes them out), since fetching and compiling some 300 kB of script
      // while the page parsed held Welcome's first paint back by about 40 ms on a 2-core machine.
      const deps = chunk.imports.map((f) => `./${basename(f)}`);
      // The entry starts once the browser has presented Welcome (its first contentful paint): started
      // on the first animation frame, it held that frame off screen while it ran (first paint 160–250
      // ms after navigation instead of about 70). A tab opened in the background paints, and so
      // hydrates, once shown; the timer is a fallback for a browser that reports no paint entries.
      //
      // Until the entry runs, Welcome's buttons are drawn but do nothing: a click there is noted on
      // #root, shown as a busy cursor, and starts the entry at once; Welcome makes that choice once it
      // has taken the page over (Welcome.tsx). The first click counts, as on the live buttons.
      // The session secret leaves the address bar at once, as the entry would take it (webSession.ts).
      const source = `const handed = ${SESSION_FRAGMENT}.exec(location.hash);
if (handed) {
  sessionStorage.setItem(${JSON.stringify(SESSION_STORAGE_KEY)}, handed[1]);
  history.replaceState(null, '', location.pathname + location.search + ${JSON.stringify(AFTER_SESSION_HASH)});
}
let started = false;
const go = () => {
  if (started) return;
  started = true;
  for (const dep of ${JSON.stringify(deps)}) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = new URL(dep, import.meta.url).href;
    document.head.append(link);
  }
  import(${JSON.stringify(`./${basename(entry)}`)});
};
const root = document.getElementById('root');
document.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest('[${WELCOME_CHOICE_ATTR}]') : null;
  if (!root || !button || root.hasAttribute('${ENTRY_RUNNING_ATTR}') || root.hasAttribute('${EARLY_CHOICE_ATTR}')) return;
  root.setAttribute('${EARLY_CHOICE_ATTR}', button.getAttribute('${WELCOME_CHOICE_ATTR}'));
  root.style.cursor = 'progress';
  go();
}, true);
const seen = () => performance.getEntriesByName('first-contentful-paint').length > 0;
if (seen()) go();
else {
  try { new PerformanceObserver((_list, o) => { if (seen()) { o.disconnect(); setTimeout(go); } }).observe({ type: 'paint', buffered: true }); }
  catch { requestAnimationFrame(() => setTimeout(go)); }
  setTimeout(go, 1000);
}
`;
      const boot = this.getFileName(this.emitFile({ type: 'asset', name: 'firstRunBoot.js', source }));
      const { runnerImport } = await import('vite');
      const root = resolve(__dirname, '../src-renderer');
      const { module } = await runnerImport<{ welcomeMarkup(language: Language): string }>(
        resolve(root, 'src/pages/welcome/welcomeMarkup.tsx'),
        // antd's icons ship ES modules Node cannot load (imports without extensions): Vite transforms them.
        { configFile: false, logLevel: 'error', root, resolve: { noExternal: [/^@ant-design\//] } },
      );
      const page: FirstRunWelcome = {
        markup: Object.fromEntries(LANGUAGES.map((language) => [language, module.welcomeMarkup(language)])) as FirstRunWelcome['markup'],
        entry,
        boot,
      };
      this.emitFile({ type: 'asset', fileName: FIRST_RUN_WELCOME_FILE, source: JSON.stringify(page) });
    },
  };
}
