import { Typography } from 'antd';

/** A dashboard screen's title and the paragraph under it that says what the screen is for. */
export function PageHead({ title, intro }: { title: string; intro: string }) {
  return (
    <div>
      <Typography.Title level={3}>{title}</Typography.Title>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
    </div>
  );
}
