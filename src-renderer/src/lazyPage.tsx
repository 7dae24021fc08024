/**
 * An area's screen loaded on first visit, so the window paints the shell and the first screen
 * without parsing every wizard up front. The app fetches the open area's code while it loads the
 * settings, and every other area's code once the window is idle, so a screen whose code is already
 * here renders at once: a Suspense fallback that shows even briefly holds the screen back for
 * React's 300 ms reveal throttle.
 */
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';
import type { AreaRoute } from './routes';

export interface LazyArea {
  element: ReactNode;
  /** Fetches the area's code (once); safe to call again after a failure. */
  preload: () => Promise<void>;
}

export function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): LazyArea {
  let Loaded: ComponentType | undefined;
  let pending: Promise<void> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (m) => {
        Loaded = pick(m);
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    ));
  const Lazy = lazy(() => preload().then(() => ({ default: Loaded as ComponentType })));
  function Area() {
    // Decided once per mount: switching between the two trees later would remount the screen.
    const [ready] = useState(() => Loaded);
    if (ready) {
      const Page = ready;
      return <Page />;
    }
    return (
      <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
        <Lazy />
      </Suspense>
    );
  }
  return { element: <Area />, preload };
}

/** An area's route whose screen is a lazyPage: its navigation entry and the code fetched on first visit or preload. */
export function lazyArea<M>(
  entry: Omit<AreaRoute, 'element' | 'preload'>,
  load: () => Promise<M>,
  pick: (m: M) => ComponentType,
): AreaRoute {
  return { ...entry, ...lazyPage(load, pick) };
}
