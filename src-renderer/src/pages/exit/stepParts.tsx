/** What the exit steps share: saving a step, and a labelled date field. */
import { Input } from 'antd';
import type { ExitCaseView } from '../../../../src-shared/types/exit';
import { useAction } from '../../useAction';

/** useAction for a step: `save` runs a call that returns the case and shows the case it returns. */
export function useCaseSave(onChange: (v: ExitCaseView) => void) {
  const action = useAction();
  const save = (call: () => Promise<ExitCaseView>) => void action.run(call).then((v) => v && onChange(v));
  return { ...action, save };
}

/** A date (YYYY-MM-DD) after its label. */
export function DateField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId: string;
}) {
  return (
    <label>
      {label} <Input type="date" value={value} onChange={(e) => onChange(e.target.value)} style={{ width: 170 }} data-testid={testId} />
    </label>
  );
}
