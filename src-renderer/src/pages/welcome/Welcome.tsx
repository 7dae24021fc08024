import ExperimentOutlined from '@ant-design/icons/ExperimentOutlined';
import ShopOutlined from '@ant-design/icons/ShopOutlined';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useState, type CSSProperties } from 'react';
import { useSettings } from '../../state/settings';
import { api } from '../../api';
import { toPayload } from '../../useChannel';
import { WelcomeButton } from './WelcomeButton';
import type { ErrorPayload } from '../../../../src-shared/errors';

// antd's Alert: only when choosing fails, so it comes then, not with the first screen.
const ApiErrorAlert = lazy(() => import('../../components/ApiErrorAlert').then((m) => ({ default: m.ApiErrorAlert })));

/**
 * The first screen a seller sees, so its code is in the entry chunk, which the window loads and runs
 * before it paints anything. It draws antd's Title, Paragraph, Card and Button looks with plain
 * elements, antd's classes and theme variables: with antd's components that chunk held react-dom and
 * antd's core (586 KB minified), all run before the first paint.
 */
const title: CSSProperties = {
  marginBottom: '0.5em',
  color: 'var(--ant-color-text-heading)',
  fontWeight: 'var(--ant-font-weight-strong)',
  fontSize: 'var(--ant-font-size-heading-2)',
  lineHeight: 'var(--ant-line-height-heading-2)',
  wordBreak: 'break-word',
};
const paragraph: CSSProperties = { margin: '0 0 1em', wordBreak: 'break-word' };
const card: CSSProperties = {
  padding: 24,
  background: 'var(--ant-color-bg-container)',
  border: 'var(--ant-line-width) var(--ant-line-type) var(--ant-color-border-secondary)',
  borderRadius: 'var(--ant-border-radius-lg)',
};

/** First run: try the built-in demo store, or go connect a real one. */
export function Welcome() {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const choose = async (mode: 'demo' | 'live') => {
    setBusy(true);
    try {
      if (mode === 'demo') await api['connect.useDemo']({});
      await update({ mode, firstRunDone: true });
      location.hash = mode === 'demo' ? '#/home' : '#/settings';
    } catch (err) {
      setError(toPayload(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 880, margin: '64px auto', padding: 24 }}>
      <h2 style={title}>{t('welcome.title')}</h2>
      <p style={paragraph}>{t('welcome.body')}</p>
      {error && (
        <Suspense fallback={null}>
          <ApiErrorAlert error={error} />
        </Suspense>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24, marginTop: 24 }}>
        <div style={card}>
          <p style={paragraph}>{t('welcome.demoHint')}</p>
          <WelcomeButton primary icon={<ExperimentOutlined />} loading={busy} onClick={() => void choose('demo')}>
            {t('welcome.demo')}
          </WelcomeButton>
        </div>
        <div style={card}>
          <p style={paragraph}>{t('welcome.liveHint')}</p>
          <WelcomeButton icon={<ShopOutlined />} disabled={busy} onClick={() => void choose('live')}>
            {t('welcome.live')}
          </WelcomeButton>
        </div>
      </div>
    </div>
  );
}
