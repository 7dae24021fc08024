import { useMemo, useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, List, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  DISPOSAL_METHODS,
  PARTNER_KINDS,
  PARTNER_STATUSES,
  type DisposalMethod,
  type ExitPartner,
  type PartnerKind,
  type PartnerStatus,
} from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { DepositSummaryCard } from '../deposit/DepositSummaryCard';
import { beijingToday, useTx, type StepProps } from './shared';

interface PlanRow {
  sku: string;
  onHand: number | null;
  fromApp: boolean;
  q: Record<DisposalMethod, number>;
}

const zeroQ = (): Record<DisposalMethod, number> => ({ sell_through: 0, return_factory: 0, liquidate: 0, other: 0 });

function initialRows(view: StepProps['view']): PlanRow[] {
  const rows = new Map<string, PlanRow>();
  const stock = view.prepare.readiness.find((r) => r.key === 'stock');
  if (stock?.source === 'app') {
    for (const r of stock.rows) {
      const row = rows.get(r.sku) ?? { sku: r.sku, onHand: 0, fromApp: true, q: zeroQ() };
      row.onHand = (row.onHand ?? 0) + r.quantity;
      rows.set(r.sku, row);
    }
  }
  for (const it of view.procedures.disposal) {
    const row = rows.get(it.sku) ?? { sku: it.sku, onHand: it.onHand, fromApp: it.onHandSource === 'app', q: zeroQ() };
    row.q = zeroQ();
    for (const l of it.lines) row.q[l.method] += l.quantity;
    rows.set(it.sku, row);
  }
  return [...rows.values()];
}

function Disposal({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useAction();
  const [rows, setRows] = useState<PlanRow[]>(() => initialRows(view));
  const [newSku, setNewSku] = useState('');
  const set = (sku: string, patch: Partial<PlanRow>) => setRows((rs) => rs.map((r) => (r.sku === sku ? { ...r, ...patch } : r)));
  const save = () =>
    void action
      .run(() =>
        api['exit.setDisposal']({
          items: rows.map((r) => {
            const lines = DISPOSAL_METHODS.filter((m) => r.q[m] > 0).map((m) => ({ method: m, quantity: r.q[m] }));
            return { sku: r.sku, ...(r.fromApp || r.onHand === null ? {} : { onHand: r.onHand }), lines: lines.length ? lines : [{ method: 'sell_through' as const, quantity: 0 }] };
          }),
        }),
      )
      .then((v) => v && onChange(v));
  return (
    <Card type="inner" title={t('disposal')}>
      <ApiErrorAlert error={action.error} />
      {view.procedures.unplannedSkus.length > 0 && <Alert type="warning" title={`${t('unplanned')}：${view.procedures.unplannedSkus.join('、')}`} />}
      <Table
        size="small"
        rowKey="sku"
        pagination={rows.length > 20 ? { pageSize: 20 } : false}
        dataSource={rows}
        data-testid="exit-disposal"
        columns={[
          { title: 'SKU', dataIndex: 'sku' },
          {
            title: t('onHand'),
            render: (_: unknown, r: PlanRow) =>
              r.fromApp ? r.onHand : <InputNumber min={0} value={r.onHand} onChange={(v) => set(r.sku, { onHand: v ?? null })} data-testid={`exit-onhand-${r.sku}`} />,
          },
          ...DISPOSAL_METHODS.map((m) => ({
            title: t(`methods.${m}`),
            render: (_: unknown, r: PlanRow) => (
              <InputNumber min={0} value={r.q[m]} onChange={(v) => set(r.sku, { q: { ...r.q, [m]: v ?? 0 } })} data-testid={`exit-q-${r.sku}-${m}`} />
            ),
          })),
          {
            title: '',
            render: (_: unknown, r: PlanRow) => {
              const sum = DISPOSAL_METHODS.reduce((n, m) => n + r.q[m], 0);
              return r.onHand !== null && sum !== r.onHand ? <Typography.Text type="danger">{sum - r.onHand > 0 ? '+' : ''}{sum - r.onHand}</Typography.Text> : '✓';
            },
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Input placeholder="SKU" value={newSku} onChange={(e) => setNewSku(e.target.value)} style={{ width: 180 }} data-testid="exit-new-sku" />
        <Button
          disabled={!newSku.trim() || rows.some((r) => r.sku === newSku.trim())}
          data-testid="exit-add-sku"
          onClick={() => {
            setRows((rs) => [...rs, { sku: newSku.trim(), onHand: 0, fromApp: false, q: zeroQ() }]);
            setNewSku('');
          }}
        >
          {t('addSku')}
        </Button>
        <Button type="primary" loading={action.busy} onClick={save} data-testid="exit-save-disposal">
          {t('saveDisposal')}
        </Button>
      </Space>
    </Card>
  );
}

function Partners({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useAction();
  const [draft, setDraft] = useState<{ kind: PartnerKind; name: string }>({ kind: 'logistics', name: '' });
  const update = (p: ExitPartner, patch: Partial<ExitPartner>) => {
    const n = { ...p, ...patch };
    if (n.status === 'terminated' && !n.statusOn) n.statusOn = beijingToday();
    void action
      .run(() =>
        api['exit.savePartner']({
          id: n.id,
          kind: n.kind,
          name: n.name,
          status: n.status,
          ...(n.statusOn ? { statusOn: n.statusOn } : {}),
          ...(n.reference ? { reference: n.reference } : {}),
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
          { title: t('date'), render: (_: unknown, p: ExitPartner) => <Input key={p.statusOn ?? ''} type="date" defaultValue={p.statusOn ?? ''} data-testid={`exit-partner-date-${p.name}`} onBlur={(e) => e.target.value !== (p.statusOn ?? '') && update(p, { statusOn: e.target.value || null })} style={{ width: 160 }} /> },
          { title: t('reference'), render: (_: unknown, p: ExitPartner) => <Input key={p.reference ?? ''} defaultValue={p.reference ?? ''} data-testid={`exit-partner-ref-${p.name}`} onBlur={(e) => e.target.value !== (p.reference ?? '') && update(p, { reference: e.target.value })} style={{ width: 160 }} /> },
          {
            title: '',
            render: (_: unknown, p: ExitPartner) => (
              <Button size="small" danger onClick={() => void action.run(() => api['exit.removePartner']({ id: p.id })).then((v) => v && onChange(v))}>
                {t('remove')}
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Select value={draft.kind} style={{ width: 100 }} data-testid="exit-partner-kind" onChange={(k: PartnerKind) => setDraft({ ...draft, kind: k })} options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partnerKinds.${k}`) }))} />
        <Input placeholder={t('name')} value={draft.name} maxLength={100} onChange={(e) => setDraft({ ...draft, name: e.target.value })} style={{ width: 200 }} data-testid="exit-partner-name" />
        <Button
          disabled={!draft.name.trim()}
          data-testid="exit-add-partner"
          onClick={() =>
            void action.run(() => api['exit.savePartner']({ kind: draft.kind, name: draft.name.trim(), status: 'active' })).then((v) => {
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
                  <Input value={answers[x.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [x.id]: e.target.value })} style={{ width: 320 }} />
                  <Button
                    disabled={!answers[x.id]?.trim()}
                    onClick={() => void action.run(() => api['exit.answerQuestion']({ id: x.id, answer: answers[x.id].trim() })).then((v) => v && onChange(v))}
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
            void action.run(() => api['exit.addQuestion']({ question: q.trim() })).then((v) => {
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
  const tx = useTx();
  const navigate = useNavigate();
  const action = useAction();
  const d = props.view.procedures.deposit;
  // Re-mount the plan editor when the saved plan changes, so it starts from what main kept.
  const planKey = useMemo(() => JSON.stringify(props.view.procedures.disposal), [props.view.procedures.disposal]);
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
                if (v !== undefined) navigate('/deposit');
              })
          }
        />
      </Card>
      <Disposal key={planKey} {...props} />
      <Partners {...props} />
      <Questions {...props} />
    </Space>
  );
}
