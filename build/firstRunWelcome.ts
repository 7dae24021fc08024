/**
 * What the web host's first-run page needs from the build (src-main/host/firstRunPage.ts):
 * - Welcome rendered in each language, so the browser paints it as the page parses, before the
 *   entry's react-dom, i18next and word lists have run. It is the real component's markup
 *   (src-renderer/src/pages/welcome/welcomeMarkup.tsx), loaded through Vite so its TSX and imports
 *   resolve as in the app; the entry hydrates it (main.tsx).
 * - A script run there in place of the entry, which asks for the entry after the first frame: a
 *   module script in the page would run before that paint and hold the page's load event.
 * Electron loads index.html from its file and gets none of this: there the entry draws Welcome itself.
 */
import { basename, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { FIRST_RUN_WELCOME_FILE, LANGUAGES, type FirstRunWelcome } from '../src-shared/firstRunMeta';
import type { Language } from '../src-shared/types/app';

export function firstRunWelcome(): Plugin {
  return {
    name: 'desk-first-run-welcome',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'index')?.fileName;
      if (!entry) throw new Error('the renderer build has no entry chunk');
      // requestAnimationFrame runs before the frame's paint, a task it queues after it (a tab opened
      // in the background paints, and so hydrates, once shown).
      const source = `requestAnimationFrame(() => setTimeout(() => import(${JSON.stringify(`./${basename(entry)}`)})));\n`;
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
