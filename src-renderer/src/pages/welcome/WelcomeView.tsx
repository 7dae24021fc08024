import ExperimentOutlined from '@ant-design/icons/ExperimentOutlined';
import ShopOutlined from '@ant-design/icons/ShopOutlined';
import { useTranslation } from 'react-i18next';
import type { CSSProperties, ReactNode } from 'react';
import { WelcomeButton } from './WelcomeButton';

/**
 * What Welcome draws, apart from what it does: the build renders this in Node for the web host's
 * first-run page (build/firstRunWelcome.ts), so it imports nothing that needs a browser or the API.
 * It draws antd's Title, Paragraph, Card and Button looks with plain elements, antd's classes and
 * theme variables: with antd's components the entry chunk held react-dom and antd's core (586 KB
 * minified), all run before the first paint.
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

export function WelcomeView(props: { busy: boolean; alert?: ReactNode; onChoose: (mode: 'demo' | 'live') => void }) {
  const { busy, alert, onChoose } = props;
  const { t } = useTranslation();
  return (
    <div style={{ maxWidth: 880, margin: '64px auto', padding: 24 }}>
      <h2 style={title}>{t('welcome.title')}</h2>
      <p style={paragraph}>{t('welcome.body')}</p>
      {alert}
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24, marginTop: 24 }}>
        <div style={card}>
          <p style={paragraph}>{t('welcome.demoHint')}</p>
          <WelcomeButton choice="demo" primary icon={<ExperimentOutlined />} loading={busy} onClick={() => onChoose('demo')}>
            {t('welcome.demo')}
          </WelcomeButton>
        </div>
        <div style={card}>
          <p style={paragraph}>{t('welcome.liveHint')}</p>
          <WelcomeButton choice="live" icon={<ShopOutlined />} disabled={busy} onClick={() => onChoose('live')}>
            {t('welcome.live')}
          </WelcomeButton>
        </div>
      </div>
    </div>
  );
}
