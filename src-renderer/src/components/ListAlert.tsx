/**
 * An alert whose body is a list of lines in the seller's language: what holds a wizard step back, one
 * line each (the deposit's checks and status, the exit's blockers). Nothing when there is no line.
 */
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import type { Bilingual } from '../../../src-shared/bilingual';
import { useLang } from '../useLang';

export function ListAlert({
  lines,
  title,
  type = 'warning',
  testId,
}: {
  lines: readonly Bilingual[];
  title: ReactNode;
  type?: 'warning' | 'error';
  testId?: string;
}) {
  const { pick } = useLang();
  if (lines.length === 0) return null;
  return (
    <Alert
      type={type}
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {lines.map((line, i) => (
            <li key={i}>{pick(line)}</li>
          ))}
        </ul>
      }
      data-testid={testId}
    />
  );
}
