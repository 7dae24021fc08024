import { useState } from 'react';
import { Alert, Button, Card, Input, List, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PARTNER_KINDS, PARTNER_STATUSES, type ExitPartner, type PartnerKind, type PartnerStatus } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { DepositSummaryCard } from '../deposit/DepositSummaryCard';
import { DisposalPlan } from './DisposalPlan';
import { beijingToday, type StepProps } from './shared';
import { useLang } from '../../useLang';

/** 为退店解绑全部SKU: one held run through the auto engine, confirmed here once with its count. */
function UnbindAll({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useAction();
  const u = view.procedures.unbind;
  if (!u) return null;
  const reload = async () => {
    const v = (await api['exit.get']({})).case;
    if (v) onChange(v);
  };
  return (
    <Card type="inner" title={t('unbind.title')} data-testid="exit-unbind-card">
      <ApiErrorAlert error={action.error} />
      <Typography.Paragraph data-testid="exit-unbind-state">
        {u.bound > 0 ? t('unbind.bound', { n: u.bound }) : t('unbind.none')}
        {u.pending > 0 && ` ${t('unbind.pending', { n: u.pending })}`}
        {u.refused > 0 && ` ${t('unbind.refused', { n: u.refused })}`}
      </Typography.Paragraph>
      {u.bound > 0 && u.boundSkus.length > 0 && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} data-testid="exit-unbind-list">
          {u.boundSkus.join('、')}
        </Typography.Paragraph>
      )}
      {u.heldRunId ? (
        <Alert
          type="warning"
          showIcon
          data-testid="exit-unbind-held"
          title={t('unbind.ask', { n: u.heldCount })}
          description={!u.switchOn && t('unbind.switchOff')}
          action={
            <Space orientation="vertical">
              <Button
                type="primary"
                danger
                loading={action.busy}
                data-testid="exit-unbind-confirm"
                onClick={() => void action.run(() => api['exit.confirmUnbindAll']({ runId: u.heldRunId! })).then((v) => v && onChange(v))}
              >
                {t('unbind.confirm', { n: u.heldCount })}
              </Button>
            </Space>
          }
        />
      ) : (
        u.bound > 0 && (
          <Button
            danger
            loading={action.busy}
            data-testid="exit-unbind-all"
            onClick={() => void action.run(() => api['exit.unbindAll']({})).then((r) => r && reload())}
          >
            {t('unbind.button')}
          </Button>
        )
      )}
      {!u.switchOn && (u.pending > 0 || u.heldRunId) ? (
        <Space style={{ marginTop: 8 }}>
          <Typography.Text type="warning">{t('unbind.switchOff')}</Typography.Text>
          <Button
            data-testid="exit-unbind-switch"
            onClick={() => void action.run(() => api['auto.setSwitch']({ on: true, note: '退店：发送解绑' })).then((r) => r && reload())}
          >
            {t('unbind.switchOn')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

function Partners({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useAction();
  // The add button's own: busy only while adding, and its refusal ("already listed") shown beside it.
  const adding = useAction();
  const [draft, setDraft] = useState<{ kind: PartnerKind; name: string }>({ kind: 'logistics', name: '' });
  const update = (p: ExitPartner, patch: Partial<ExitPartner>) => {
    const n = { ...p, ...patch };
    if (n.status === 'terminated' && !n.statusOn) n.statusOn = beijingToday();
    void action
      .run(() =>
        // The columns this table shows, a cleared one as null; the note it does not show is kept by the save.
        api['exit.savePartner']({
          id: n.id,
          kind: n.kind,
          name: n.name,
          status: n.status,
          statusOn: n.statusOn,
          reference: n.reference || null,
        }),
      )
      .then((v) => v && onChange(v));
  };
  return (
    <Card type="inner" title={t('partners')}>
      <ApiErrorAlert error={action.error} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={view.procedures.partners}
        columns={[
          { title: t('kind'), render: (_: unknown, p: ExitPartner) => t(`partnerKinds.${p.kind}`) },
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('status'),
            render: (_: unknown, p: ExitPartner) => (
              <Select
                value={p.status}
                style={{ width: 130 }}
                onChange={(s: PartnerStatus) => update(p, { status: s })}
                data-testid={`exit-partner-status-${p.name}`}
                options={PARTNER_STATUSES.map((s) => ({ value: s, label: t(`partnerStatuses.${s}`) }))}
              />
            ),
          },
          {
            title: t('date'),
            render: (_: unknown, p: ExitPartner) => (
              <Input
                key={p.statusOn ?? ''}
                type="date"
                defaultValue={p.statusOn ?? ''}
                data-testid={`exit-partner-date-${p.name}`}
                onBlur={(e) => e.target.value !== (p.statusOn ?? '') && update(p, { statusOn: e.target.value || null })}
                style={{ width: 160 }}
              />
            ),
          },
          {
            title: t('reference'),
            render: (_: unknown, p: ExitPartner) => (
              <Input
                key={p.reference ?? ''}
                defaultValue={p.reference ?? ''}
                data-testid={`exit-partner-ref-${p.name}`}
                onBlur={(e) => e.target.value !== (p.reference ?? '') && update(p, { reference: e.target.value })}
                style={{ width: 160 }}
              />
            ),
          },
          {
            title: '',
            render: (_: unknown, p: ExitPartner) => (
              <Button
                size="small"
                danger
                onClick={() => void action.run(() => api['exit.removePartner']({ id: p.id })).then((v) => v && onChange(v))}
              >
                {t('remove')}
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Select
          value={draft.kind}
          style={{ width: 100 }}
          data-testid="exit-partner-kind"
          onChange={(k: PartnerKind) => setDraft({ ...draft, kind: k })}
          options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partnerKinds.${k}`) }))}
        />
        <Input
          placeholder={t('name')}
          value={draft.name}
          maxLength={100}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          style={{ width: 200 }}
          data-testid="exit-partner-name"
        />
        <Button
          disabled={!draft.name.trim()}
          // Busy while adding: a double click adds once, its second click never sent (and refused as listed).
          loading={adding.busy}
          data-testid="exit-add-partner"
          onClick={() =>
            void adding
              .run(() => api['exit.savePartner']({ kind: draft.kind, name: draft.name.trim(), status: 'active' }))
              .then((v) => {
                if (v) {
                  onChange(v);
                  setDraft({ ...draft, name: '' });
                }
              })
          }
        >
          {t('addPartner')}
        </Button>
      </Space>
      {adding.error && (
        <div style={{ marginTop: 8 }} data-testid="exit-add-partner-error">
          <ApiErrorAlert error={adding.error} />
        </div>
      )}
    </Card>
  );
}

function Questions({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useAction();
  const [q, setQ] = useState('');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  return (
    <Card type="inner" title={t('questions')}>
      <ApiErrorAlert error={action.error} />
      <List
        size="small"
        dataSource={view.procedures.questions}
        renderItem={(x) => (
          <List.Item>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <b>{x.question}</b>
              {x.answer ? (
                <span>→ {x.answer}</span>
              ) : (
                <Space>
                  <Input
                    value={answers[x.id] ?? ''}
                    onChange={(e) => setAnswers({ ...answers, [x.id]: e.target.value })}
                    style={{ width: 320 }}
                  />
                  <Button
                    disabled={!answers[x.id]?.trim()}
                    onClick={() =>
                      void action
                        .run(() => api['exit.answerQuestion']({ id: x.id, answer: (answers[x.id] ?? '').trim() }))
                        .then((v) => v && onChange(v))
                    }
                  >
                    {t('answerQuestion')}
                  </Button>
                </Space>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Space>
        <Input value={q} maxLength={1000} onChange={(e) => setQ(e.target.value)} style={{ width: 360 }} />
        <Button
          disabled={!q.trim()}
          onClick={() =>
            void action
              .run(() => api['exit.addQuestion']({ question: q.trim() }))
              .then((v) => {
                if (v) {
                  onChange(v);
                  setQ('');
                }
              })
          }
        >
          {t('addQuestion')}
        </Button>
      </Space>
    </Card>
  );
}

export function ProceduresStep(props: StepProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const navigate = useNavigate();
  const action = useAction();
  const d = props.view.procedures.deposit;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card type="inner" title={t('deposit')} data-testid="exit-deposit-card">
        <ApiErrorAlert error={action.error} />
        <Typography.Paragraph data-testid="exit-deposit">{tx(d.text)}</Typography.Paragraph>
        {/* The deposit wizard's own card, read from the same case: both wizards show one state. */}
        <DepositSummaryCard
          caseId={d.caseId ?? undefined}
          openLabel={d.caseId === null ? t('openDeposit') : t('goDeposit')}
          onOpen={() =>
            void action
              .run(async () => (d.caseId === null ? api['exit.linkDeposit']({}) : null))
              .then((v) => {
                if (v) props.onChange(v);
                if (v !== undefined) void navigate('/deposit');
              })
          }
        />
      </Card>
      <UnbindAll {...props} />
      <DisposalPlan {...props} />
      <Partners {...props} />
      <Questions {...props} />
    </Space>
  );
}
