/**
 * The deposit case in brief, for the store exit wizard's step ④① (退还保证金): it reads the same
 * case through `deposit.summary`, so both wizards always show one state.
 */
import { Button, Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { formatFen } from './format';
import { rangeText } from '../../../../src-shared/estimatedDate';
import { useLang } from '../../useLang';

/** `onOpen` replaces the plain "go to the deposit wizard" (the exit wizard links its case first). */
export function DepositSummaryCard({ caseId, onOpen, openLabel }: { caseId?: number; onOpen?: () => void; openLabel?: string }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const navigate = useNavigate();
  const s = useChannel('deposit.summary', caseId === undefined ? {} : { caseId });
  useChanged('deposit', s.reload);
  const summary = s.data?.summary;
  return (
    <Card
      size="small"
      title={t('title')}
      data-testid="deposit-summary"
      extra={
        <Button
          type={summary?.done ? 'default' : 'primary'}
          data-testid="deposit-summary-open"
          onClick={() => (onOpen ? onOpen() : navigate('/deposit'))}
        >
          {openLabel ?? (summary ? t('steps.status') : t('start'))}
        </Button>
      }
    >
      <ApiErrorAlert error={s.error} onRetry={() => void s.reload()} />
      {summary && (
        <Descriptions size="small" column={1} data-testid="deposit-summary-facts">
          <Descriptions.Item label={t('summaryCase')}>
            #{summary.caseId} · {t(`steps.${summary.stage === 'done' ? 'arrival' : summary.stage}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('status.status')}>
            <span data-testid="deposit-summary-status">{t(`status.${summary.status}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('checks.refundable')}>{formatFen(summary.refundableFen)}</Descriptions.Item>
          <Descriptions.Item label={t('apply.amount')}>{formatFen(summary.appliedFen)}</Descriptions.Item>
          {summary.window && <Descriptions.Item label={t('review.window')}>{pick(rangeText(summary.window))}</Descriptions.Item>}
          <Descriptions.Item label={t('arrival.verdict')}>
            <Tag color={summary.done ? 'green' : 'blue'}>{t(`arrival.${summary.arrival}`)}</Tag> {formatFen(summary.arrivedFen)}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
