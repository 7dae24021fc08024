/**
 * An area's screen loaded on first visit, so the window paints the shell and the first screen
 * without parsing every wizard up front.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';

export function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ReactNode {
  const Page = lazy(() => load().then((m) => ({ default: pick(m) })));
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <Page />
    </Suspense>
  );
}
