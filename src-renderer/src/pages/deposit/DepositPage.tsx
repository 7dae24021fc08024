import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositCaseView } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { useCaseWizard } from '../../useCaseWizard';
import { CaseWizardCard } from '../../components/CaseWizardCard';
import { STAGES } from './format';
import { StatusStep } from './StatusStep';
import { ChecksStep } from './ChecksStep';
import { ApplyStep } from './ApplyStep';
import { ReviewStep } from './ReviewStep';
import { ArrivalStep } from './ArrivalStep';

const stageIndex = (v: DepositCaseView) => (v.stage === 'done' ? STAGES.length - 1 : STAGES.indexOf(v.stage));

/** The deposit refund wizard (退保证金): one case per store, kept in main; this screen only shows it. */
export function DepositPage() {
  const { t } = useTranslation('deposit');
  const wizard = useCaseWizard<DepositCaseView>('deposit.get', ['deposit'], stageIndex);
  const { view, update, setCurrent } = wizard;
  // As in the exit wizard, the step shown never moves on by itself: it opens where the case stands,
  // and after the last tick of the checks the "next" button appears. Only a step's own submit button
  // (save the status, send the application, record the review) moves on, when it moved the case.
  const submitted = (v: DepositCaseView) => {
    const moved = !!view && view.stage !== v.stage;
    update(v);
    if (moved) setCurrent(stageIndex(v));
  };
  return (
    <CaseWizardCard area="deposit" wizard={wizard} stages={STAGES} stageIndex={stageIndex} open={() => api['deposit.open']({})}>
      {(view) => ({
        banner: <Alert type="info" title={t('fromExit')} style={{ marginBottom: 16 }} />,
        status: view.arrival.verdict === 'overdue' || view.arrival.verdict === 'amount_differs' ? 'error' : undefined,
        content: (i) => (i === STAGES.length - 1 && view.stage === 'done' ? t('arrival.arrived') : undefined),
        step: [
          <StatusStep key={0} view={view} onChange={submitted} />,
          <ChecksStep key={1} view={view} onChange={update} />,
          <ApplyStep key={2} view={view} onChange={submitted} />,
          <ReviewStep key={3} view={view} onChange={submitted} />,
          <ArrivalStep key={4} view={view} onChange={update} />,
        ][wizard.current],
      })}
    </CaseWizardCard>
  );
}
