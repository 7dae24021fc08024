import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErrorPayload } from '../../../src-shared/errors';
import { useLang } from '../useLang';

/**
 * An error from main, in the seller's language, with the field problems listed: each message
 * already names its field as the screen does, so the raw path is never shown. Forms put theirs
 * at the field first (useFieldErrors) and pass on only what is left.
 */
export function ApiErrorAlert({ error, onRetry }: { error?: ErrorPayload; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { en } = useLang();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={en ? error.messageEn : error.message}
      description={
        error.issues && error.issues.length > 1 ? (
          <ul>
            {error.issues.map((i) => (
              <li key={i.path}>{en ? i.messageEn : i.message}</li>
            ))}
          </ul>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button type="link" size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
