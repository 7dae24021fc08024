/**
 * The areas of the app. Each area lives in pages/<area>/ and exports `route` from route.tsx; they
 * are found here automatically, ordered by `order`, and shown in the side navigation.
 */
import type { ReactNode } from 'react';

export interface AreaRoute {
  /** URL path under the hash, e.g. 'stock' (children use 'stock/*'). */
  path: string;
  /** i18n key of the navigation label, e.g. 'nav.stock'. */
  labelKey: string;
  icon: ReactNode;
  order: number;
  element: ReactNode;
  /** Fetches the area's code ahead of a visit (lazily loaded areas, see lazyPage.tsx). */
  preload?: () => Promise<void>;
  /** Hidden areas are routable but not in the navigation. */
  hidden?: boolean;
}

const modules = import.meta.glob<{ route: AreaRoute }>('./pages/*/route.tsx', { eager: true });

export const routes: AreaRoute[] = Object.values(modules)
  .map((m) => m.route)
  .sort((a, b) => a.order - b.order);

/** The area the address points at (`#/stock/...` → stock), if any. */
export function areaOf(hash: string): AreaRoute | undefined {
  const path = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return routes.find((r) => r.path === path);
}

/** Fetches every lazily loaded area's code, for when the window is idle. */
export function preloadAll(): void {
  for (const r of routes) void r.preload?.().catch(() => undefined);
}
