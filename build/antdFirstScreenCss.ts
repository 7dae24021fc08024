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

const ID = 'virtual:antd-first-screen.css';
/** Ends in .css so Vite's CSS pipeline takes the module (bundled, minified, emitted as a file). */
const RESOLVED = '\0antd-first-screen.css';

/**
 * What the first screen draws: Welcome (Typography, Card, Row/Col, Button with its icons and wave,
 * Alert for an error), App's Spin while the settings load, ErrorBoundary's Result. A component
 * added there needs its prefix here, or it shows unstyled until the shell's stylesheet arrives.
 */
const FIRST_SCREEN = ['typography', 'btn', 'card', 'row', 'col', 'spin', 'alert', 'app', 'wave', 'result', 'css-var'];

/** A class of one of them: `.ant-btn`, `.ant-btn-primary`, `.ant-btn:hover`, not `.ant-btnx`; and the icons. */
const firstScreenClass = new RegExp(`\\.(?:anticon|ant-(?:${FIRST_SCREEN.join('|')}))(?![\\w])`);
const anyComponent = /\.ant-/;

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
      // An at-rule (@media, @supports…) is kept whole when it holds a first-screen component's rule.
      const text = head.trimStart().startsWith('@') ? rule : head;
      return firstScreenClass.test(text) || !anyComponent.test(text);
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
      return (css ??= firstScreenRules(readFileSync(path, 'utf8')));
    },
  };
}
