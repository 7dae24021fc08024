/**
 * The first data of the area the window opens on, asked for as the entry runs (App.tsx), while the
 * shell's and the area's code load. An area with data worth asking for ahead has a prefetch.ts
 * exporting `prefetch`, found here (its folder is its route's path). They stay small: this module is
 * in the first screen's chunk.
 */
const modules = import.meta.glob<{ prefetch: () => void }>('./pages/*/prefetch.ts', { eager: true });
const byPath = new Map(Object.entries(modules).map(([file, m]) => [file.split('/')[2], m.prefetch]));

/** Asks for the first data of the area `hash` names (`#/stock/...` → stock), if it has a prefetch. */
export function prefetchArea(hash: string): void {
  byPath.get(hash.replace(/^#\/?/, '').split(/[/?]/)[0])?.();
}
