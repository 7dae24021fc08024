import { Component, lazy, Suspense, type ReactNode } from 'react';

// antd's Result and Button: the first screen's chunk carries no antd (main.tsx), so they come when a screen throws.
const ErrorScreen = lazy(() => import('./ErrorScreen'));

/** A screen that throws shows a way out instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Suspense fallback={null}>
        <ErrorScreen error={this.state.error} />
      </Suspense>
    );
  }
}
