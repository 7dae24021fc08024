/**
 * antd's theme CSS variables (`--ant-color-primary`, `--ant-font-size`…) are not in antd.css: in
 * zero-runtime mode ConfigProvider still computes them at runtime and puts them on a class its
 * components carry. The first screen paints before antd is loaded (main.tsx), so its plain elements
 * and its antd-classed buttons read them from `:root` instead, computed here at build time exactly as
 * ConfigProvider does (same seed, same derivation, same names and units). The screens after it keep
 * ConfigProvider's own, which sit closer to each element and win.
 */
import { createRequire } from 'node:module';
import { THEME_TOKEN } from '../src-shared/themeToken';

const require = createRequire(__filename);

/** `:root` with the app theme's variables, and the durations a reduced-motion system zeroes (motion: false). */
export function antdThemeVars(): string {
  const { theme } = require('antd') as typeof import('antd');
  const { unitless, ignore } = require('antd/lib/theme/useToken') as {
    unitless: Record<string, boolean>;
    ignore: Record<string, boolean>;
  };
  const vars = (token: Record<string, unknown>) =>
    Object.entries(token)
      // As @ant-design/cssinjs's transformToken: strings and numbers only, numbers in px unless unitless;
      // the breakpoints (screen*) stay out, as antd's `preserve` keeps them.
      .filter(([key, value]) => (typeof value === 'string' || typeof value === 'number') && !ignore[key] && !key.startsWith('screen'))
      .map(([key, value]) => [cssVarName(key), typeof value === 'number' && !unitless[key] ? `${value}px` : String(value)] as const);
  const full = vars(theme.getDesignToken({ token: THEME_TOKEN }) as unknown as Record<string, unknown>);
  const still = new Map(vars(theme.getDesignToken({ token: { ...THEME_TOKEN, motion: false } }) as unknown as Record<string, unknown>));
  const decl = (list: (readonly [string, string])[]) => list.map(([k, v]) => `${k}:${v};`).join('');
  const changed = full.filter(([k, v]) => still.get(k) !== v).map(([k]) => [k, still.get(k)!] as const);
  return `:root{${decl(full)}}@media (prefers-reduced-motion: reduce){:root{${decl(changed)}}}${buttonVars()}`;
}

/**
 * Button's own variables (`--ant-button-padding-inline-lg`, `--ant-button-primary-shadow`…), some
 * derived from the theme's colour: antd registers them at runtime too, so they are taken here from
 * a server render of Welcome's two buttons under the app's theme, moved from ConfigProvider's class
 * onto `.ant-btn` itself.
 */
function buttonVars(): string {
  const { createElement: h } = require('react') as typeof import('react');
  const { renderToString } = require('react-dom/server') as typeof import('react-dom/server');
  const { Button, ConfigProvider } = require('antd') as typeof import('antd');
  const { createCache, extractStyle, StyleProvider } = require('@ant-design/cssinjs') as typeof import('@ant-design/cssinjs');
  const cache = createCache();
  renderToString(
    h(
      StyleProvider,
      { cache },
      h(ConfigProvider, { theme: { zeroRuntime: true, token: THEME_TOKEN } }, h(Button, { type: 'primary' }), h(Button)),
    ),
  );
  const rules = [...extractStyle(cache, { plain: true, types: ['cssVar'] }).matchAll(/([^{}]+)(\{[^}]*\})/g)];
  const css = rules.filter(([, sel]) => sel!.includes('.ant-btn')).map(([, sel, body]) => sel!.replace(/\.css-var-[\w-]+/g, '') + body);
  if (!css.length) throw new Error("antd's Button variables not found in its server render");
  return css.join('');
}

/** @ant-design/cssinjs's token2CSSVar with antd's prefix: colorPrimaryHover → --ant-color-primary-hover. */
function cssVarName(token: string): string {
  return `--ant-${token}`
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z0-9]+)/g, '$1-$2')
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .toLowerCase();
}
