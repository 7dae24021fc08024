import { Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../useLang';
import type { Bilingual } from '../../../src-shared/bilingual';

/** An area's purpose and the platform's own steps, shown before its wizard exists. */
export function AreaIntro({ area, steps }: { area: string; steps: Bilingual[] }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <Card title={t(`nav.${area}`)} data-testid={`area-${area}`}>
      <Typography.Paragraph>{t(`areas.${area}`)}</Typography.Paragraph>
      <Steps direction="vertical" size="small" current={-1} items={steps.map((s) => ({ title: pick(s) }))} />
    </Card>
  );
}
