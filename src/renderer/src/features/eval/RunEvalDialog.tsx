/**
 * Start an evaluation: which prediction (current annotations or a run), against which ground truth (stored in
 * the project, or a folder of GT files paired by file name), under which protocol. It runs as a job; the page
 * shows its progress and the result.
 */
import { useState, type ReactElement } from 'react';
import type { EvalProtocol } from '../../../../shared/dto/evaluation';
import { call } from '../../api/client';
import { useRequest } from '../../api/hooks';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { ErrorBanner, FieldError, LoadingBlock } from '../../ui/feedback';
import { plural } from '../../ui/format';
import { trackStartedJob } from '../jobs/jobsStore';
import type { FieldErrors } from '../projects/fieldErrors';
import { ChoiceGroup, type Choice } from '../data/ChoiceGroup';
import { formErrors, NO_ERRORS } from '../data/formErrors';
import { PathField } from '../data/PathField';

/** The job kind main gives an evaluation (src/main/services/eval/eval-job.ts). */
const EVAL_KIND = 'eval';

const PROTOCOLS: readonly Choice<EvalProtocol>[] = [
  { value: 'paper', label: 'Paper', hint: 'binary masks at 1024×1024, weighted F with beta² = 0.3: comparable with the INT paper' },
  { value: 'native', label: 'Native', hint: 'at the GT resolution, soft masks as they are (the usual COD / SOD protocol)' },
];

type GtChoice = 'stored' | 'folder';

export function RunEvalDialog({ projectId, onClose, onStarted }: { readonly projectId: number; readonly onClose: () => void; readonly onStarted: (jobId: number) => void }): ReactElement {
  const sources = useRequest('eval.sources', { projectId });
  const [source, setSource] = useState('');
  const [gt, setGt] = useState<GtChoice | null>(null);
  const [gtDir, setGtDir] = useState('');
  const [protocol, setProtocol] = useState<EvalProtocol>('paper');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);

  const value = sources.value;
  const storedCount = value?.groundTruthImages ?? 0;
  const gtChoice: GtChoice = gt ?? (storedCount > 0 ? 'stored' : 'folder');
  const runs = value?.runs ?? [];
  const chosenSource = source !== '' ? source : runs.length > 0 ? String(runs[0]!.id) : 'annotations';

  const submit = (): void => {
    if (submitting) return;
    setSubmitting(true);
    setErrors(NO_ERRORS);
    const input = {
      projectId,
      protocol,
      ...(chosenSource === 'annotations' ? {} : { runId: Number(chosenSource) }),
      ...(gtChoice === 'folder' ? { gtDir: gtDir.trim() } : {}),
    };
    void call('eval.start', input).then((result) => {
      setSubmitting(false);
      if (result.ok) {
        trackStartedJob(result.value.jobId, EVAL_KIND, projectId);
        onStarted(result.value.jobId);
      } else setErrors(formErrors(result.error, ['gtDir', 'runId'], 'gtDir'));
    });
  };

  const gtChoices: readonly Choice<GtChoice>[] = [
    { value: 'stored', label: storedCount > 0 ? `Stored (${plural(storedCount, 'image')})` : 'Stored (none yet)' },
    { value: 'folder', label: 'A folder of GT masks' },
  ];

  return (
    <Dialog
      title="Run an evaluation"
      onClose={onClose}
      testId="run-eval-dialog"
      width={600}
      footer={
        <DialogActions
          note="Stored with the project; evaluating the same thing again replaces it"
          onCancel={onClose}
          label="Evaluate"
          icon="play"
          busy={submitting}
          busyLabel="Starting the evaluation"
          disabled={value === undefined || (gtChoice === 'folder' && gtDir.trim() === '')}
          onAction={submit}
          testId="run-eval-submit"
        />
      }
    >
      {value === undefined ? (
        sources.error === null ? <LoadingBlock label="Looking at the project…" /> : <ErrorBanner error={sources.error} onRetry={sources.reload} />
      ) : (
        <div className="form">
          <div className="field">
            <label htmlFor="eval-source">Prediction</label>
            <select id="eval-source" className="input" value={chosenSource} onChange={(event) => setSource(event.target.value)} data-testid="eval-source">
              {runs.map((run) => (
                <option key={run.id} value={run.id}>
                  Run {run.id}
                  {run.modelPackName === null ? '' : ` · ${run.modelPackName}`} · {run.doneCount}/{run.imageCount} images ({run.status})
                </option>
              ))}
              <option value="annotations">Current annotations ({plural(value.annotatedImages, 'annotated image')})</option>
            </select>
            <p className="field-hint">A run is evaluated on its soft masks where it stored them. Images without a prediction are skipped and listed, never scored as empty.</p>
          </div>
          <ChoiceGroup label="Ground truth" choices={gtChoices} value={gtChoice} onChange={setGt} testId="eval-gt" />
          {gtChoice === 'folder' ? (
            <PathField
              id="eval-gt-dir"
              label="GT folder"
              value={gtDir}
              onChange={(next) => {
                setGtDir(next);
                setErrors(NO_ERRORS);
              }}
              pick="folder"
              placeholder="/data/Kvasir/masks"
              hint="GT images paired with project images by file name without extension; binarised at > 128."
              error={errors.byField['gtDir']}
              testId="eval-gt-dir"
            />
          ) : storedCount === 0 ? (
            <FieldError message="No ground truth is stored: import some (Import… with “Ground truth”), or pick a folder." />
          ) : null}
          <ChoiceGroup label="Protocol" choices={PROTOCOLS} value={protocol} onChange={setProtocol} testId="eval-protocol" columns />
          {errors.general.length === 0 ? null : <ErrorBanner error={errors.general.join(' ')} compact />}
        </div>
      )}
    </Dialog>
  );
}
