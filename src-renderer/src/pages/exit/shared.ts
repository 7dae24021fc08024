import { useTranslation } from 'react-i18next';
import type { Bilingual, ExitCaseView } from '../../../../src-shared/types/exit';

export interface StepProps {
  view: ExitCaseView;
  onChange: (v: ExitCaseView) => void;
}

/** Text main sent in both languages, shown in the current one. */
export function useTx(): (b: Bilingual) => string {
  const { i18n } = useTranslation();
  return (b) => (i18n.language === 'en-US' ? b.en : b.zh);
}

/** Today in Beijing as YYYY-MM-DD, the default for date fields. */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
