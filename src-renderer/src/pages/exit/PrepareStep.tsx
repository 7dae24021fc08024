import { useState } from 'react';
import { Alert, Button, Checkbox, Input, List, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXIT_REASONS, type AskedKey, type Bilingual, type ExitReason, type ReadinessItem } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import type { StepProps } from './shared';
import { ListAlert } from '../../components/ListAlert';
import { useLang } from '../../useLang';

const LEVEL_COLOR = { ok: 'green', warn: 'orange', asked: 'default' } as const;

/**
 * Open or unanswered orders, disputes and debts: the deposit refund's preconditions, said before
 * the seller applies (steps ① and ②) so nobody learns of them only at the deposit wizard.
 */
export function DepositAdvice({ view }: Pick<StepProps, 'view'>) {
  const { t } = useTranslation('exit');
  const lines = view.prepare.depositAdvice;
  return <ListAlert lines={lines} title={t('depositAdvice', { n: lines.length })} testId="exit-deposit-advice" />;
}

export function PrepareStep({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const action = useAction();
  const [reason, setReason] = useState<ExitReason | undefined>(view.prepare.reason ?? undefined);
  const [text, setText] = useState(view.prepare.reasonText ?? '');
  const save = <T,>(fn: () => Promise<T>) => void action.run(fn).then((v) => v && onChange(v as never));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <ApiErrorAlert error={action.error} />
      <div>
        <Typography.Title level={5}>{t('reason')}</Typography.Title>
        <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as ExitReason)} data-testid="exit-reason">
          {EXIT_REASONS.map((r) => (
            <Radio key={r} value={r}>
              {t(`reasons.${r}`)}
            </Radio>
          ))}
        </Radio.Group>
        <Input.TextArea
          style={{ marginTop: 8 }}
          rows={2}
          maxLength={500}
          placeholder={t('reasonText')}
          data-testid="exit-reason-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button
          style={{ marginTop: 8 }}
          disabled={!reason}
          loading={action.busy}
          data-testid="exit-save-reason"
          onClick={() => save(() => api['exit.setReason']({ reason: reason!, ...(text.trim() ? { reasonText: text.trim() } : {}) }))}
        >
          {t('saveReason')}
        </Button>
      </div>
      <Alert type="info" title={t('path')} description={tx(view.prepare.sellerCenterPath)} />
      <div>
        <Typography.Title level={5}>{t('agreement')}</Typography.Title>
        {view.prepare.agreement.map((a) => (
          <div key={a.key}>
            <Checkbox
              checked={a.confirmed}
              data-testid={`exit-agree-${a.key}`}
              onChange={(e) => save(() => api['exit.confirmAgreement']({ key: a.key, confirmed: e.target.checked }))}
            >
              {tx(a.text)}
            </Checkbox>
          </div>
        ))}
      </div>
      <div>
        <Typography.Title level={5}>{t('readiness')}</Typography.Title>
        <List
          dataSource={view.prepare.readiness}
          renderItem={(r: ReadinessItem) => (
            <List.Item data-testid={`exit-ready-${r.key}`}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space>
                  <Tag color={LEVEL_COLOR[r.level]}>{t(`levels.${r.level}`)}</Tag>
                  <b>{tx(r.title)}</b>
                  {r.source === 'app' && <Tag>{t('fromApp')}</Tag>}
                </Space>
                <span>{tx(r.detail)}</span>
                {r.level !== 'ok' && <Typography.Text type="secondary">→ {tx(r.todo)}</Typography.Text>}
                {r.rows.length > 0 && (
                  <Table
                    size="small"
                    pagination={r.rows.length > 10 ? { pageSize: 10 } : false}
                    rowKey={(x) => `${x.sku}|${x.warehouse ?? ''}`}
                    dataSource={r.rows}
                    columns={
                      // Bound listings have no warehouse or quantity: the listing SKU and its product and state.
                      r.key === 'listings'
                        ? [
                            { title: t('readinessRows.listingSku'), dataIndex: 'sku' },
                            { title: t('readinessRows.productState'), dataIndex: 'note', render: (n?: Bilingual) => (n ? tx(n) : '') },
                          ]
                        : r.key === 'partners'
                          ? [
                              { title: t('readinessRows.partner'), dataIndex: 'sku' },
                              { title: t('readinessRows.status'), dataIndex: 'note', render: (n?: Bilingual) => (n ? tx(n) : '') },
                            ]
                          : [
                              { title: t('readinessRows.sku'), dataIndex: 'sku' },
                              { title: t('readinessRows.warehouse'), dataIndex: 'warehouse' },
                              { title: t('readinessRows.quantity'), dataIndex: 'quantity' },
                              { title: '', dataIndex: 'note', render: (n?: Bilingual) => (n ? tx(n) : '') },
                            ]
                    }
                  />
                )}
                {r.askable && (
                  <Radio.Group
                    value={r.source === 'seller' ? (r.level === 'ok' ? 'clear' : 'open') : undefined}
                    onChange={(e) =>
                      save(() => api['exit.answerReadiness']({ key: r.key as AskedKey, answer: e.target.value as 'clear' | 'open' }))
                    }
                  >
                    <Radio.Button value="clear">{t('answer.clear')}</Radio.Button>
                    <Radio.Button value="open">{t('answer.open')}</Radio.Button>
                  </Radio.Group>
                )}
              </Space>
            </List.Item>
          )}
        />
      </div>
      {/* Above the "next" button: what the deposit refund will hold against the seller, not a bar to applying. */}
      <DepositAdvice view={view} />
    </Space>
  );
}
