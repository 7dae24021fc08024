import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { EXIT_STAGES, type ExitCaseView } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { useCaseWizard } from '../../useCaseWizard';
import { CaseWizardCard } from '../../components/CaseWizardCard';
import { PrepareStep } from './PrepareStep';
import { ReviewStep, SubmitStep } from './SubmitReviewSteps';
import { ProceduresStep } from './ProceduresStep';
import { AfterStep, DoneStep, Paperwork } from './DoneAfterSteps';
import { PrintDocument } from './PrintDocument';
import { useLang } from '../../useLang';

const stageIndex = (v: ExitCaseView) => EXIT_STAGES.indexOf(v.stage);

/** #/exit is the wizard; #/exit/print/<document> one document as its own printable page. */
export function ExitPage() {
  return (
    <Routes>
      <Route path="print/:name" element={<PrintDocument />} />
      <Route path="*" element={<ExitWizard />} />
    </Routes>
  );
}

/** The store exit wizard (退店): one case per store, kept in main; this screen only shows it. */
function ExitWizard() {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const navigate = useNavigate();
  // Step ④① shows the deposit case: follow it when the deposit wizard changes it.
  const wizard = useCaseWizard<ExitCaseView>('exit.get', ['exit', 'deposit', 'auto'], stageIndex);
  return (
    <CaseWizardCard
      area="exit"
      wizard={wizard}
      stages={EXIT_STAGES}
      stageIndex={stageIndex}
      open={() => api['exit.open']({})}
      startExtra={<Button onClick={() => navigate('/fit')}>{t('fitLink')}</Button>}
    >
      {(view) => {
        const props = { view, onChange: wizard.update, goTo: wizard.setCurrent };
        return {
          banner: view.fit && <Alert type="info" style={{ marginBottom: 16 }} title={`${t('fromFit')}：${tx(view.fit.typeLabel)}`} />,
          step: [
            <PrepareStep key={0} {...props} />,
            <SubmitStep key={1} {...props} />,
            <ReviewStep key={2} {...props} />,
            <ProceduresStep key={3} {...props} />,
            <DoneStep key={4} {...props} />,
            <AfterStep key={5} {...props} />,
          ][wizard.current],
          after: (
            <>
              <div style={{ marginTop: 24 }}>
                <Paperwork />
              </div>
              {view.openItems.length > 0 && (
                <Alert
                  style={{ marginTop: 16 }}
                  type="warning"
                  title={t('openItems')}
                  description={
                    <ul style={{ margin: 0 }}>
                      {view.openItems.map((o, i) => (
                        <li key={i}>{tx(o)}</li>
                      ))}
                    </ul>
                  }
                />
              )}
            </>
          ),
        };
      }}
    </CaseWizardCard>
  );
}
