/** Loading the shell's chunk (navigation, header, the areas and react-router), shared by App and AntdRoot. */
import { prefetchArea } from './areaPrefetch';
import { loadAreaWords } from './i18n';

export type ShellModule = typeof import('./Shell');

/**
 * The shell is its own chunk: a first run paints Welcome without it, and it comes once that screen
 * is up. It comes with the areas' words (i18n.ts), which its screens are the first to need.
 * Asked for at most once (again after a failure).
 */
let shellPending: Promise<ShellModule> | undefined;
export function loadShell(): Promise<ShellModule> {
  return (shellPending ??= Promise.all([import('./Shell'), loadAreaWords()]).then(
    ([shell]) => shell,
    (err: unknown) => {
      shellPending = undefined;
      throw err;
    },
  ));
}

/** An address naming an area (`#/stock/...`), not the launch link's `#desk-session=` nor an empty one. */
export const namesArea = (hash: string) => /^#\/[\w-]/.test(hash);

/** The shell's code and the open area's, fetched once (each is memoised; a failure shows in the area). */
export const loadArea = () => loadShell().then((m) => m.areaOf(location.hash)?.preload?.());

// An address naming an area is no first run: its code and first data are asked for as this module
// runs, while the settings load and React renders the first time, not from the effect after that render.
if (namesArea(location.hash)) {
  prefetchArea(location.hash);
  void loadArea().catch(() => undefined);
}
