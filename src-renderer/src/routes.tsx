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
  /** Hidden areas are routable but not in the navigation. */
  hidden?: boolean;
}

const modules = import.meta.glob<{ route: AreaRoute }>('./pages/*/route.tsx', { eager: true });

export const routes: AreaRoute[] = Object.values(modules)
  .map((m) => m.route)
  .sort((a, b) => a.order - b.order);
