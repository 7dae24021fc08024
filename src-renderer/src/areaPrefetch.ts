/**
 * The first data of the area the window opens on, asked for as the entry runs (shellLoader.ts), while
 * the shell's and the area's code load. An area with data worth asking for ahead has a prefetch.ts
 * exporting `prefetch`, found here (its folder is its route's path), which returns a promise that
 * settles once the answers its first render shows are in. They stay small: this module is in the
 * first screen's chunk.
 */
const modules = import.meta.glob<{ prefetch: () => Promise<unknown> }>('./pages/*/prefetch.ts', { eager: true });
const byPath = new Map(Object.entries(modules).map(([file, m]) => [file.split('/')[2], m.prefetch]));

/**
 * Asks for the first data of the area `hash` names (`#/stock/...` → stock), if it has a prefetch;
 * the promise settles (never rejects) once those answers are in.
 */
export function prefetchArea(hash: string): Promise<unknown> | undefined {
  return byPath.get(hash.replace(/^#\/?/, '').split(/[/?]/)[0])?.();
}
