import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { NumberInput } from '../../components/NumberInput';
import { useTranslation } from 'react-i18next';
import type { RulePreview, SkuRuleSpec } from '../../../../src-shared/types/stock';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { useFieldErrors } from '../../useFieldErrors';
import { optionsOf } from '../../components/optionsOf';

/** The contract nests the rule under `spec`; the editor's fields are the rule's own names. */
const fieldOf = (path: string) => (path.startsWith('spec.') ? path.slice(5) : path);

type Kind = SkuRuleSpec['kind'];
const KINDS: Kind[] = ['strip_prefix', 'strip_suffix', 'strip_start', 'strip_end', 'before', 'after', 'between', 'replace', 'regex'];
const STATUS_COLOR: Record<string, string> = {
  found: 'green',
  missing: 'red',
  ambiguous: 'orange',
  empty: 'default',
  no_match: 'default',
  parsed: 'blue',
};

function specOf(kind: Kind, v: Record<string, unknown>): SkuRuleSpec {
  switch (kind) {
    case 'strip_prefix':
    case 'strip_suffix':
      return { kind, text: String(v.text ?? '') };
    case 'strip_start':
    case 'strip_end':
      return { kind, count: Number(v.count ?? 1) };
    case 'before':
    case 'after':
      return { kind, separator: String(v.separator ?? ''), occurrence: (v.occurrence as 'first' | 'last') ?? 'first' };
    case 'between':
      return { kind, start: String(v.start ?? ''), end: String(v.end ?? '') };
    case 'replace':
      return { kind, from: String(v.from ?? ''), to: String(v.to ?? '') };
    case 'regex':
      return { kind, pattern: String(v.pattern ?? '') };
  }
}

/** Kinds set by two short texts: the marks around the ERP SKU, or what is replaced by what. */
const SHORT_PAIRS: Partial<Record<Kind, [string, string]>> = { between: ['start', 'end'], replace: ['from', 'to'] };

/** A rule editor that previews its effect on the real listing SKUs before it is saved. */
export function RuleEditor({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation('stock');
  const [kind, setKind] = useState<Kind>('strip_prefix');
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<RulePreview>();
  const action = useAction();
  const spec = () => specOf(kind, form.getFieldsValue());
  const fields = useFieldErrors(form, action.error, fieldOf);

  return (
    <div data-testid="rule-editor">
      <ApiErrorAlert error={fields.rest} />
      <Form
        form={form}
        layout="inline"
        onValuesChange={(changed: Record<string, unknown>) => {
          setPreview(undefined);
          fields.onValuesChange(changed);
        }}
        initialValues={{ occurrence: 'first', count: 1 }}
      >
        <Form.Item label={t('map.kind')}>
          <Select
            style={{ width: 220 }}
            value={kind}
            onChange={(k) => {
              setKind(k);
              setPreview(undefined);
            }}
            options={KINDS.map((k) => ({ value: k, label: t(`map.kinds.${k}`) }))}
            data-testid="rule-kind"
          />
        </Form.Item>
        {(kind === 'strip_prefix' || kind === 'strip_suffix') && (
          <Form.Item name="text" label={t('map.text')}>
            <Input style={{ width: 140 }} data-testid="rule-text" />
          </Form.Item>
        )}
        {(kind === 'strip_start' || kind === 'strip_end') && (
          <Form.Item name="count" label={t('map.count')}>
            <NumberInput min={1} max={50} data-testid="rule-count" />
          </Form.Item>
        )}
        {(kind === 'before' || kind === 'after') && (
          <>
            <Form.Item name="separator" label={t('map.separator')}>
              <Input style={{ width: 80 }} data-testid="rule-separator" />
            </Form.Item>
            <Form.Item name="occurrence" label={t('map.occurrence')}>
              <Select style={{ width: 110 }} options={optionsOf(['first', 'last'], (k) => t(`map.${k}`))} />
            </Form.Item>
          </>
        )}
        {SHORT_PAIRS[kind]?.map((name) => (
          <Form.Item key={name} name={name} label={t(`map.${name}`)}>
            <Input style={{ width: 80 }} />
          </Form.Item>
        ))}
        {kind === 'regex' && (
          <Form.Item name="pattern" label={t('map.pattern')}>
            <Input style={{ width: 260 }} placeholder="^[A-Z]{2}-(.+)$" />
          </Form.Item>
        )}
        <Form.Item name="label" label={t('map.label')}>
          <Input style={{ width: 140 }} />
        </Form.Item>
      </Form>
      <Space style={{ margin: '12px 0' }}>
        <Button
          onClick={() => void action.run(() => api['sku.rules.preview']({ spec: spec(), sampleSize: 50 })).then(setPreview)}
          data-testid="rule-preview"
        >
          {t('map.preview')}
        </Button>
        <Button
          type="primary"
          disabled={!preview}
          // Busy while saving: a second click (a double click) would otherwise save the rule twice.
          loading={action.busy}
          data-testid="rule-save"
          onClick={() =>
            void action
              .run(() => api['sku.rules.save']({ spec: spec(), label: String(form.getFieldValue('label') ?? '') }))
              .then((r) => {
                if (r) {
                  setPreview(undefined);
                  form.resetFields();
                  onSaved();
                }
              })
          }
        >
          {t('map.save')}
        </Button>
      </Space>
      {preview && (
        <>
          <Alert
            type={preview.missing || preview.ambiguous || preview.conflictsWithExisting ? 'warning' : 'success'}
            title={t('map.previewSummary', {
              applied: preview.applied,
              found: preview.found,
              newly: preview.newlyResolved,
              missing: preview.missing,
              ambiguous: preview.ambiguous,
              diff: preview.conflictsWithExisting,
            })}
            data-testid="rule-preview-summary"
          />
          <Table
            size="small"
            rowKey={(r) => String(r.listingSkuId)}
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={preview.samples}
            columns={[
              { title: t('map.input'), dataIndex: 'input' },
              { title: t('map.output'), dataIndex: 'output' },
              {
                title: t('map.result'),
                dataIndex: 'status',
                render: (s: string, r) => <Tag color={STATUS_COLOR[s]}>{r.note?.zh ?? r.erpSkus.join(', ')}</Tag>,
              },
            ]}
          />
        </>
      )}
    </div>
  );
}
