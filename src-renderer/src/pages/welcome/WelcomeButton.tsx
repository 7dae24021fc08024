import type { ReactNode } from 'react';
import LoadingOutlined from '@ant-design/icons/LoadingOutlined';
import { WELCOME_CHOICE_ATTR } from '../../../../src-shared/firstRunMeta';

/**
 * antd's large Button as its DOM and classes (antd 6), styled by the first screen's stylesheet:
 * Welcome paints before antd's code is loaded (main.tsx). Without antd's click wave.
 */
export function WelcomeButton(props: {
  /** The choice it makes, named on the button for the first-run page's boot script (build/firstRunWelcome.ts). */
  choice: 'demo' | 'live';
  primary?: boolean;
  icon: ReactNode;
  loading?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  const { choice, primary, icon, loading, disabled, onClick, children } = props;
  const kind = primary
    ? 'ant-btn-primary ant-btn-color-primary ant-btn-variant-solid'
    : 'ant-btn-default ant-btn-color-default ant-btn-variant-outlined';
  return (
    <button
      type="button"
      {...{ [WELCOME_CHOICE_ATTR]: choice }}
      className={`ant-btn ${kind} ant-btn-lg${loading ? ' ant-btn-loading' : ''}`}
      disabled={disabled}
      // As antd's: a loading button ignores clicks.
      onClick={loading ? undefined : onClick}
    >
      {loading ? (
        <span className="ant-btn-icon ant-btn-loading-icon">
          <LoadingOutlined />
        </span>
      ) : (
        <span className="ant-btn-icon">{icon}</span>
      )}
      <span>{children}</span>
    </button>
  );
}
