import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import i18n from '../i18n';

/** A screen that throws shows a way out instead of a blank window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('error.title')}
        subTitle={i18n.t('error.body')}
        extra={
          <Button type="primary" onClick={() => location.reload()}>
            {i18n.t('error.reload')}
          </Button>
        }
      >
        <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{String(this.state.error.message)}</pre>
      </Result>
    );
  }
}
