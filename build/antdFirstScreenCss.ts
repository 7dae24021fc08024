/**
 * antd's zero-runtime stylesheet (antd/dist/antd.css) is about 1 MB for every component antd has;
 * parsing it and building its rule sets took about 280 ms of the browser's main thread before the
 * first screen could paint. The first screen (Welcome, the loading spinner, the error screen) shows
 * a handful of components, so the entry imports `virtual:antd-first-screen.css`: only the rules
 * that name those components, plus the ones that name no antd component at all (the theme's CSS
 * variables, links, keyframes). The shell imports the whole antd.css, which the lazy import waits
 * for before any other screen renders.
 *
 * The whole sheet loads after the subset, so its rules come later in the cascade: each rule of the
 * subset is overridden by its own copy in the whole sheet, and every screen after the first ends
 * up styled exactly as with the whole sheet alone.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { antdThemeVars } from './antdThemeVars';

const ID = 'virtual:antd-first-screen.css';
/** Ends in .css so Vite's CSS pipeline takes the module (bundled, minified, emitted as a file). */
const RESOLVED = '\0antd-first-screen.css';

/**
 * What the first screen draws: Welcome (Button with its icons and wave, Alert for an error; its
 * heading and boxes are plain elements), App's Spin while the settings load and Alert if they fail,
 * ErrorBoundary's Result. A component added there needs its prefix here, or it shows unstyled until
 * the shell's stylesheet arrives.
 */
const FIRST_SCREEN = ['btn', 'spin', 'alert', 'app', 'wave', 'result', 'css-var'];

/**
 * The class a selector styles, its first of antd's: `.ant-upload-list .anticon` is the upload
 * list's rule (not the icons'), `.ant-btn-primary:hover` the button's. antd.css also has blocks for
 * the theme variables under the class names of its own build (`.css-var-_R_0_`), which name no
 * element of this app (its variables come at runtime under its own ids): they count as a component's.
 */
const firstClass = /\.(anticon|ant-[\w-]+|css-var-[\w-]+)/;
const firstScreenClass = new RegExp(`^(?:anticon|ant-(?:${FIRST_SCREEN.join('|')}))(?![\\w])`);

/** Whether a selector list (`a, .ant-btn:hover`) styles the first screen: a first-screen component, or none of antd's. */
function forFirstScreen(selectors: string): boolean {
  return selectors.split(',').some((selector) => {
    const cls = firstClass.exec(selector)?.[1];
    return cls === undefined || firstScreenClass.test(cls);
  });
}

/** The top-level rules of a stylesheet (an at-rule's block stays one rule with what it holds). */
function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      rules.push(css.slice(start, i + 1));
      start = i + 1;
    }
  }
  return rules;
}

/** The rules of antd's stylesheet the first screen needs, in their original order. */
export function firstScreenRules(css: string): string {
  return topLevelRules(css)
    .filter((rule) => {
      const head = rule.slice(0, rule.indexOf('{'));
      if (!head.trimStart().startsWith('@')) return forFirstScreen(head);
      // An at-rule's block (@media, @supports…) is kept whole when one of its rules is kept;
      // @keyframes (no selectors inside, only percentages) always.
      const inner = [...rule.slice(head.length + 1).matchAll(/([^{}]+)\{/g)].map((m) => m[1]!);
      return /^\s*@keyframes/.test(head) || inner.some(forFirstScreen);
    })
    .join('');
}

export function antdFirstScreenCss(): Plugin {
  let css: string | undefined;
  return {
    name: 'desk-antd-first-screen-css',
    enforce: 'pre',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const path = (await this.resolve('antd/dist/antd.css'))?.id;
      if (!path) throw new Error('antd/dist/antd.css not found');
      // The theme's variables at :root first: the first screen has no ConfigProvider to give them.
      return (css ??= antdThemeVars() + firstScreenRules(readFileSync(path, 'utf8')));
    },
  };
}
