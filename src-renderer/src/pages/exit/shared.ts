import type { ExitCaseView } from '../../../../src-shared/types/exit';

export interface StepProps {
  view: ExitCaseView;
  onChange: (v: ExitCaseView) => void;
}

/** Today in Beijing as YYYY-MM-DD, the default for date fields. */
export function beijingToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
