/**
 * Every namespace but `app`: the areas' words (about 60 KB minified), in their own chunk. The
 * screens that use them are all under the shell, which waits for them (shellLoader.ts); the first
 * screen (Welcome, the loading and error screens) needs only `app`, which i18n.ts holds.
 * Each area keeps its words in locales/<area>.ts or pages/<area>/locale.ts, exporting
 * `{ namespace, zh, en }`; they are found here automatically.
 */
import type { LocaleModule } from './i18n';

const modules = import.meta.glob<LocaleModule>(['./locales/*.ts', '!./locales/app.ts', './pages/*/locale.ts'], { eager: true });

export const areaWords: LocaleModule[] = Object.values(modules);
