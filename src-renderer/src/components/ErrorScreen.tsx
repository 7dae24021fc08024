import { Button, Result } from 'antd';
import i18n from '../i18n';

/** What ErrorBoundary shows: a way out instead of a blank window. Its own chunk, as it brings antd. */
export default function ErrorScreen({ error }: { error: Error }) {
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
      <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{String(error.message)}</pre>
    </Result>
  );
}
