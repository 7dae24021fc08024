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

/**
 * How long the open area, its code in, still waits for its first data. With them, its first render
 * shows them: shown without, it renders again as they come, and that second render of a large screen
 * (the mapping step's table) delayed the rows more than the wait. Bounded, so a slow answer shows the
 * screen with its own loading state, as before.
 */
export const FIRST_DATA_WAIT_MS = 500;

/** The window's first area's first data, asked for at start (below); settles once they are in. */
let firstData: Promise<unknown> | undefined;

/**
 * The shell's code and the open area's, fetched once (each is memoised; a failure shows in the area),
 * then the area's first data asked for at start, for at most FIRST_DATA_WAIT_MS.
 */
export const loadArea = () =>
  loadShell()
    .then((m) => m.areaOf(location.hash)?.preload?.())
    .then(() => firstData && Promise.race([firstData, new Promise((done) => setTimeout(done, FIRST_DATA_WAIT_MS))]));

// An address naming an area is no first run: its code and first data are asked for as this module
// runs, while the settings load and React renders the first time, not from the effect after that render.
if (namesArea(location.hash)) {
  firstData = prefetchArea(location.hash);
  void loadArea().catch(() => undefined);
}
