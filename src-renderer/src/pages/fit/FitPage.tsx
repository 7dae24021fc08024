import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, List, Radio, Row, Space, Tag, Typography } from 'antd';
import { NumberInput } from '../../components/NumberInput';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { FitAnswers, FitResult } from '../../../../src-shared/channels/fit';
import { api } from '../../api';
import { useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { useFieldErrors } from '../../useFieldErrors';
import { useLang } from '../../useLang';
import { MarginTable } from './MarginTable';

interface FormValues {
  makesGoods: boolean;
  crossBorderExperience: boolean;
  supplyEdge: FitAnswers['supplyEdge'];
  capital: FitAnswers['capital'];
  productKind: FitAnswers['productKind'];
  invited: boolean;
  cost?: number | null;
  supply?: number | null;
  ownPrice?: number | null;
  ownFees?: number | null;
}

/** Yuan typed by the seller → integer fen; main only ever sees fen. */
const fen = (y: number | null | undefined) => (y === null || y === undefined ? undefined : Math.round(y * 100));
/** main's paths (in fen) → the form's boxes (in yuan). */
const NUMBER_FIELDS: Record<string, string> = {
  'numbers.unitCostFen': 'cost',
  'numbers.supplyPriceFen': 'supply',
  'numbers.ownPriceFen': 'ownPrice',
  'numbers.ownFeesFen': 'ownFees',
};
const NUMBER_KEYS = ['cost', 'supply', 'ownPrice', 'ownFees'] as const;
/** Boxes left empty are null or undefined (antd clears a box to null). */
const filled = (v: number | null | undefined) => v !== null && v !== undefined;
const VERDICT_COLOR = { good: 'green', worth_trying: 'blue', squeezed: 'red' } as const;

function toAnswers(v: FormValues): FitAnswers {
  const cost = fen(v.cost);
  const supply = fen(v.supply);
  return {
    makesGoods: v.makesGoods,
    crossBorderExperience: v.crossBorderExperience,
    supplyEdge: v.supplyEdge,
    capital: v.capital,
    productKind: v.productKind,
    invited: v.invited,
    ...(cost !== undefined && supply !== undefined
      ? {
          numbers: {
            unitCostFen: cost,
            supplyPriceFen: supply,
            ...(v.ownPrice != null ? { ownPriceFen: fen(v.ownPrice), ownFeesFen: fen(v.ownFees) ?? 0 } : {}),
          },
        }
      : {}),
  };
}

/** 全托管适合我吗: the questionnaire, the seller type in the source's terms, and a margin comparison. */
export function FitPage() {
  const { t } = useTranslation('fit');
  const { pick: tx } = useLang();
  const latest = useChannel('fit.latest', {});
  const [result, setResult] = useState<FitResult | null>(null);
  const [stayed, setStayed] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const action = useAction();
  const navigate = useNavigate();
  const fields = useFieldErrors(form, action.error, (p) => NUMBER_FIELDS[p] ?? p);

  useEffect(() => {
    const r = latest.data?.result;
    if (!r) return;
    setResult(r);
    const n = r.answers.numbers;
    form.setFieldsValue({
      ...r.answers,
      cost: n ? n.unitCostFen / 100 : undefined,
      supply: n ? n.supplyPriceFen / 100 : undefined,
      ownPrice: n?.ownPriceFen !== undefined ? n.ownPriceFen / 100 : undefined,
      ownFees: n?.ownFeesFen !== undefined ? n.ownFeesFen / 100 : undefined,
    });
  }, [latest.data, form]);

  // No answer is preset: a verdict from answers the seller never gave (a factory without experience,
  // by default) would read as their own.
  const answered = [{ required: true, message: t('pick') }];
  const yesNo = (testId: string) => (
    <Radio.Group data-testid={testId}>
      <Radio.Button value={true}>{t('yes')}</Radio.Button>
      <Radio.Button value={false}>{t('no')}</Radio.Button>
    </Radio.Group>
  );
  /** A question answered by one of a few buttons, each labelled by its key under `group`. */
  /**
   * The margin comparison needs the cost and the supply price, and own-store fees need the own-store
   * price: a box filled without its partner was dropped from what is saved, and the result came with
   * no comparison and no word why.
   */
  const needed = (k: (typeof NUMBER_KEYS)[number]) => [
    ({ getFieldsValue }: { getFieldsValue: () => FormValues }) => ({
      validator: (_: unknown, value: number | null | undefined) => {
        const v = getFieldsValue();
        const asked = k === 'ownPrice' ? filled(v.ownFees) : k === 'cost' || k === 'supply' ? NUMBER_KEYS.some((n) => filled(v[n])) : false;
        return asked && !filled(value)
          ? Promise.reject(new Error(t(k === 'ownPrice' ? 'needOwnPrice' : 'needCostSupply')))
          : Promise.resolve();
      },
    }),
  ];
  const choice = (testId: string, group: 'edge' | 'capital' | 'kind', values: readonly string[]) => (
    <Radio.Group data-testid={testId} options={values.map((k) => ({ value: k, label: t(`${group}.${k}`) }))} optionType="button" />
  );

  return (
    <Card title={t('title')} data-testid="fit-page">
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={latest.error ?? fields.rest} />
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Form
            form={form}
            layout="vertical"
            onValuesChange={fields.onValuesChange}
            onFinish={(v) =>
              void action
                .run(() => api['fit.save'](toAnswers(v)))
                .then((r) => {
                  if (r) {
                    setResult(r);
                    setStayed(false);
                  }
                })
            }
          >
            <Form.Item name="makesGoods" rules={answered} label={t('q.makesGoods')}>
              {yesNo('fit-makesGoods')}
            </Form.Item>
            <Form.Item name="crossBorderExperience" rules={answered} label={t('q.crossBorder')}>
              {yesNo('fit-crossBorder')}
            </Form.Item>
            <Form.Item name="supplyEdge" rules={answered} label={t('q.supplyEdge')}>
              {choice('fit-supplyEdge', 'edge', ['strong', 'some', 'none'])}
            </Form.Item>
            <Form.Item name="capital" rules={answered} label={t('q.capital')}>
              {choice('fit-capital', 'capital', ['ample', 'limited', 'none'])}
            </Form.Item>
            <Form.Item name="productKind" rules={answered} label={t('q.productKind')}>
              {choice('fit-productKind', 'kind', ['standard', 'non_standard'])}
            </Form.Item>
            <Form.Item name="invited" rules={answered} label={t('q.invited')}>
              {yesNo('fit-invited')}
            </Form.Item>
            <Typography.Title level={5}>{t('numbers')}</Typography.Title>
            <Space wrap align="start">
              {NUMBER_KEYS.map((k) => (
                <Form.Item
                  key={k}
                  name={k}
                  label={t(k)}
                  rules={needed(k)}
                  dependencies={NUMBER_KEYS.filter((n) => n !== k)}
                  style={{ maxWidth: 240 }}
                >
                  <NumberInput precision={2} prefix="¥" data-testid={`fit-${k}`} />
                </Form.Item>
              ))}
            </Space>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={action.busy} data-testid="fit-check">
                {t('check')}
              </Button>
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} lg={12}>
          {result && (
            <Card type="inner" title={t('result')} data-testid="fit-result">
              <Typography.Title level={4}>
                <Tag color={VERDICT_COLOR[result.verdict]} data-testid="fit-verdict">
                  {t(`verdict.${result.verdict}`)}
                </Tag>
                {tx(result.headline)}
              </Typography.Title>
              <Typography.Paragraph>
                {t('type')}：<b data-testid="fit-type">{tx(result.typeLabel)}</b>
              </Typography.Paragraph>
              <List size="small" header={t('points')} dataSource={result.points} renderItem={(p) => <List.Item>{tx(p)}</List.Item>} />
              {result.cautions.length > 0 && (
                <List
                  size="small"
                  header={t('cautions')}
                  dataSource={result.cautions}
                  renderItem={(p) => <List.Item>⚠ {tx(p)}</List.Item>}
                />
              )}
              {result.margin && (
                <Alert
                  data-testid="fit-margin"
                  style={{ marginTop: 12 }}
                  type={result.margin.supplyMarginFen < 0 ? 'error' : 'info'}
                  title={t('margin')}
                  description={
                    <>
                      {tx(result.margin.summary)}
                      <MarginTable m={result.margin} />
                    </>
                  }
                />
              )}
              <Space wrap style={{ marginTop: 16 }}>
                <Button
                  type={result.suggestExit ? 'primary' : 'default'}
                  data-testid="fit-to-exit"
                  onClick={() =>
                    void action
                      .run(() => api['exit.open']({ ...(result.id ? { fitResultId: result.id } : {}) }))
                      .then((v) => v && navigate('/exit'))
                  }
                >
                  {t('toExit')}
                </Button>
                {/* 刚开通全托管又不想做了: the deposit comes back without closing the store (the source document's own case). */}
                <Button data-testid="fit-to-deposit" onClick={() => void navigate('/deposit')}>
                  {t('toDeposit')}
                </Button>
                <Button type={result.suggestExit ? 'default' : 'primary'} onClick={() => setStayed(true)}>
                  {t('stay')}
                </Button>
              </Space>
              {stayed && <Alert style={{ marginTop: 12 }} type="success" title={t('stayHint')} />}
            </Card>
          )}
        </Col>
      </Row>
    </Card>
  );
}
