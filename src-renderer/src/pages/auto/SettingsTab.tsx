/** The engine's settings (rebind threshold, mass-unbind guard, early unbind) and the robots card. */
import { Button, Form, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AutoSettings } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { RobotsCard } from './RobotsCard';

export function SettingsTab({ settings, onSaved }: { settings: AutoSettings; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const action = useAction();
  return (
    <Form
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{
        rebindThreshold: settings.rebindThreshold,
        share: Math.round(settings.massUnbindShare * 100),
        massUnbindCount: settings.massUnbindCount,
        predictive: settings.predictive,
        predictiveFloor: settings.predictiveFloor,
      }}
      onFinish={(v: { rebindThreshold: number; share: number; massUnbindCount: number; predictive: boolean; predictiveFloor: number }) =>
        void action
          .run(() =>
            api['auto.settings.set']({
              rebindThreshold: v.rebindThreshold,
              massUnbindShare: v.share / 100,
              massUnbindCount: v.massUnbindCount,
              predictive: v.predictive,
              predictiveFloor: v.predictiveFloor,
            }),
          )
          .then(onSaved)
      }
    >
      <ApiErrorAlert error={action.error} />
      <Form.Item name="rebindThreshold" label={t('settings.threshold')} rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} max={100000} />
      </Form.Item>
      <Form.Item name="share" label={t('settings.share')} rules={[{ required: true, type: 'number', min: 1, max: 100 }]}>
        <InputNumber min={1} max={100} />
      </Form.Item>
      <Form.Item name="massUnbindCount" label={t('settings.count')} rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} max={1000000} />
      </Form.Item>
      <Form.Item name="predictive" label={t('settings.predictive')} valuePropName="checked" extra={t('settings.predictiveHelp')}>
        <Switch data-testid="settings-predictive" />
      </Form.Item>
      <Form.Item name="predictiveFloor" label={t('settings.predictiveFloor')} rules={[{ required: true, type: 'integer', min: 0 }]}>
        <InputNumber min={0} max={100000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.busy}>
        {t('settings.save')}
      </Button>
      <RobotsCard />
    </Form>
  );
}
