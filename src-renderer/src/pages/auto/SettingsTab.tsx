/** The engine's settings (rebind threshold, mass-unbind guard, early unbind) and the robots card. */
import { App as AntApp, Button, Form, Switch } from 'antd';
import { NumberInput } from '../../components/NumberInput';
import { useTranslation } from 'react-i18next';
import type { AutoSettings } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { RobotsCard } from './RobotsCard';

export function SettingsTab({ settings, onSaved }: { settings: AutoSettings; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const action = useAction();
  const { message } = AntApp.useApp();
  /**
   * A whole number in [min, max], refused with its range: antd's min/max on the box would quietly
   * move 150% to 100% (the mass-unbind guard switched off without a word) and -5 to 1.
   */
  const whole = (min: number, max: number) => [
    { required: true, message: t('settings.range', { min, max }) },
    { type: 'integer' as const, min, max, message: t('settings.range', { min, max }) },
  ];
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
          .then(async (saved) => {
            if (!saved) return;
            await onSaved();
            void message.success(t('settings.saved'));
          })
      }
    >
      <ApiErrorAlert error={action.error} />
      <Form.Item name="rebindThreshold" label={t('settings.threshold')} rules={whole(1, 100_000)}>
        <NumberInput data-testid="settings-threshold" />
      </Form.Item>
      <Form.Item name="share" label={t('settings.share')} rules={whole(1, 100)}>
        <NumberInput data-testid="settings-share" />
      </Form.Item>
      <Form.Item name="massUnbindCount" label={t('settings.count')} rules={whole(1, 1_000_000)}>
        <NumberInput data-testid="settings-count" />
      </Form.Item>
      <Form.Item name="predictive" label={t('settings.predictive')} valuePropName="checked" extra={t('settings.predictiveHelp')}>
        <Switch data-testid="settings-predictive" />
      </Form.Item>
      <Form.Item name="predictiveFloor" label={t('settings.predictiveFloor')} rules={whole(0, 100_000)}>
        <NumberInput data-testid="settings-floor" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.busy} data-testid="settings-save">
        {t('settings.save')}
      </Button>
      <RobotsCard />
    </Form>
  );
}
