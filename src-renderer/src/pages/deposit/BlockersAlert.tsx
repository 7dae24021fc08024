import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../../src-shared/bilingual';
import { useLang } from '../../useLang';

/** Why the application cannot be sent yet, one line each; nothing when nothing holds it. */
export function BlockersAlert({ blockers, testId }: { blockers: Bilingual[]; testId?: string }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  if (blockers.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('checks.blocked')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {blockers.map((b) => (
            <li key={b.zh}>{pick(b)}</li>
          ))}
        </ul>
      }
      data-testid={testId}
    />
  );
}
