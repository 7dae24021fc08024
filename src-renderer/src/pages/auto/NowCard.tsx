/**
 * 现在的情况: the first thing on the dashboard, in words — the one thing that matters most now, what
 * to do next, what the last check did, and the latest binds/unbinds. A seller should not need to read
 * the tables below to know whether the store is safe.
 */
import { useCallback } from 'react';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ActionRow, DashboardView } from '../../../../src-shared/types/auto';
import { useChanged, useChannel } from '../../useChannel';
import { formatTime } from '../../formatTime';
import { STATE_COLOR, stateLabel } from './stateColor';
import { headline, headlineText, unbindsAhead } from './nowHeadline';
import { useLang } from '../../useLang';

export function NowCard({ d, onShowBlocked }: { d: DashboardView; onShowBlocked: () => void }) {
  const { t } = useTranslation('auto');
  const { en } = useLang();
  const navigate = useNavigate();
  const h = headline(d);
  const run = d.status.lastRun;
  const c = run?.counts;
  // With the switch off, what turning it on would do now (the last run may predate the setup).
  const would = useChannel('auto.dryRun', { only: 'changes', page: 1, pageSize: 1 }, { skip: h.key !== 'off' });
  const off = h.key === 'off';
  const reloadWould = would.reload;
  useChanged(
    'auto',
    useCallback(() => (off ? reloadWould() : undefined), [off, reloadWould]),
  );
  const nothing = would.data && would.data.counts.wouldUnbind + would.data.counts.wouldBind === 0;
  const nextKey = h.key !== 'off' ? `${h.key}Next` : !would.data ? 'offNextPlain' : nothing ? 'offNextNone' : 'offNext';
  const nextText = t(`now.${nextKey}`, {
    unbind: would.data?.counts.wouldUnbind ?? 0,
    bind: would.data?.counts.wouldBind ?? 0,
    next: formatTime(d.status.nextSyncAt),
    queued: unbindsAhead(d),
    review: d.riskModel.counts.review,
    unmapped: d.riskModel.counts.unmapped,
  });
  const note = h.unmappedNote ? ` ${t('now.unmappedNote', { n: h.unmappedNote })}` : '';
  return (
    <Card size="small" title={t('now.title')} data-testid="auto-now">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type={h.level}
          showIcon
          data-testid="auto-now-headline"
          data-state={h.key}
          data-total={h.total}
          title={<Typography.Text strong>{headlineText(h, t(`now.${h.key}`, { n: h.n }), en)}</Typography.Text>}
          description={nextText + note}
          action={
            h.setup ? (
              <Button type="primary" onClick={() => void navigate('/stock')}>
                {t('now.goSetup')}
              </Button>
            ) : undefined
          }
        />
        {run && c && (
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="auto-now-run">
            {t('now.lastRun', {
              id: run.id,
              trigger: t(`now.triggers.${run.trigger}`, { defaultValue: run.trigger }),
              at: formatTime(run.at),
            })}
            {run.switchOn
              ? t('now.runSummary', { unbind: c.unbind, bind: c.bind, held: c.heldUnbind, unchanged: c.unchanged })
              : t('now.runSummaryOff', { unbind: c.wouldUnbind, bind: c.wouldBind, unchanged: c.unchanged })}
            {d.unbindsFirst && d.unbindsFirst.bindsPassed > 0 && (
              <Typography.Text data-testid="auto-now-unbinds-first">
                {' '}
                {t('now.unbindsFirst', { unbinds: d.unbindsFirst.unbinds, binds: d.unbindsFirst.bindsPassed })}
              </Typography.Text>
            )}
            {d.blocked > 0 && (
              <>
                {' '}
                <Typography.Text type="secondary">{t('now.blocked', { n: d.blocked })}</Typography.Text>{' '}
                <Typography.Link onClick={onShowBlocked}>{t('now.seeBlocked')}</Typography.Link>
              </>
            )}
          </Typography.Paragraph>
        )}
        <Recent rows={d.recent} />
      </Space>
    </Card>
  );
}

function Recent({ rows }: { rows: ActionRow[] }) {
  const { t } = useTranslation('auto');
  const { en } = useLang();
  return (
    <div data-testid="auto-recent">
      <Typography.Text type="secondary">{t('now.recent')}</Typography.Text>
      {rows.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('now.recentNone')}</Typography.Text>
        </div>
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(r) => (
            <List.Item style={{ paddingInline: 0 }} data-testid={`auto-recent-${r.sellerSku}`}>
              <Space wrap>
                <Tag color={r.kind === 'bind' ? 'green' : 'volcano'}>{t(`dry.${r.kind}`)}</Tag>
                <Typography.Text strong>{r.sellerSku}</Typography.Text>
                <Tag color={STATE_COLOR[r.state]}>{stateLabel(r.kind, r.state, en)}</Tag>
                <Typography.Text type="secondary">{formatTime(r.finishedAt ?? r.updatedAt)}</Typography.Text>
                {/* Once it took effect, what the platform said on sending ("submitted, awaiting review") is out of date. */}
                {r.state !== 'done' && (r.marketMessage || r.lastError) && (
                  <Typography.Text type="secondary">{r.marketMessage ?? r.lastError}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
