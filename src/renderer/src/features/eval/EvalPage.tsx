/**
 * A project's evaluations: the dataset table (every stored evaluation next to the paper's numbers for the
 * dataset the user compares with), the precision-recall and F-measure-over-threshold plots of the selected
 * one, its per-image metrics (worst first) and what was skipped. "Run evaluation" starts an `eval` job; the
 * page follows it and shows the new record when it is done. Nothing is recomputed here: it is all stored.
 */
import { useState, type ReactElement } from 'react';
import { call } from '../../api/client';
import { useEvent, useRequest } from '../../api/hooks';
import { Breadcrumb } from '../../app/TopBar';
import { href, navigate } from '../../app/navigation';
import { Slot } from '../../app/slots';
import { EmptyState, ErrorBanner, LoadingBlock, ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount, formatRelativeTime, plural } from '../../ui/format';
import { usePersistentState } from '../../ui/usePersistentState';
import { PAPER_DATASETS } from '../../../../shared/paper-results';
import { useJobs } from '../jobs/jobsStore';
import { isActiveStatus, jobFraction, jobsNewestFirst } from '../jobs/jobsState';
import { EvalCurves } from './EvalCurves';
import { EvaluationTable } from './EvaluationTable';
import { chosenPaperDataset, describeGroundTruth, describeSource } from './evalView';
import { ImageMetricsTable } from './ImageMetricsTable';
import { RunEvalDialog } from './RunEvalDialog';

const EVAL_KIND = 'eval';

function isPaperChoice(value: unknown): value is string | null {
  return value === null || value === 'none' || PAPER_DATASETS.some((dataset) => dataset.id === value);
}

function ActiveEvaluation({ projectId }: { readonly projectId: number }): ReactElement | null {
  const active = jobsNewestFirst(useJobs()).find((job) => job.projectId === projectId && job.kind === EVAL_KIND && isActiveStatus(job.status));
  if (active === undefined) return null;
  return (
    <div className="inline-job" data-testid="eval-job-active">
      <span>Evaluating{active.total > 0 ? ` ${formatCount(active.done)} / ${formatCount(active.total)}` : '…'}</span>
      <ProgressBar fraction={jobFraction(active)} label="Evaluation progress" />
    </div>
  );
}

export function EvalPage({ projectId, evaluationId }: { readonly projectId: number; readonly evaluationId: number | null }): ReactElement {
  const project = useRequest('projects.get', { projectId });
  const list = useRequest('eval.list', { projectId });
  const [paperChoice, setPaperChoice] = usePersistentState<string | null>(`eval.compareWith.${projectId}`, null, isPaperChoice);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [jobError, setJobError] = useState<string | null>(null);
  const evaluations = list.value ?? [];
  const selectedId = evaluationId !== null && evaluations.some((evaluation) => evaluation.id === evaluationId) ? evaluationId : (evaluations[0]?.id ?? null);
  const detail = useRequest('eval.get', selectedId === null ? null : { evaluationId: selectedId });

  useEvent('jobs.progress', (progress) => {
    if (progress.projectId !== projectId || progress.kind !== EVAL_KIND) return;
    if (progress.status === 'done') {
      setJobError(null);
      list.reload();
      // The newest evaluation is the one just stored.
      navigate({ name: 'eval', projectId, evaluationId: null }, { replace: true });
    } else if (progress.status === 'failed') {
      void call('jobs.get', { jobId: progress.jobId }).then((result) => setJobError(result.ok ? (result.value.error ?? 'the evaluation failed') : result.error.message));
    }
  });

  const name = project.value?.name ?? '…';
  const paper = chosenPaperDataset(paperChoice, project.value?.taskPrompt ?? '');
  const select = (id: number): void => navigate({ name: 'eval', projectId, evaluationId: id }, { replace: true });
  const selected = detail.value !== undefined && detail.value.id === selectedId ? detail.value : undefined;

  const remove = (id: number): void => {
    void call('eval.delete', { evaluationId: id }).then(() => {
      navigate({ name: 'eval', projectId, evaluationId: null }, { replace: true });
      list.reload();
    });
  };

  return (
    <div className="page eval-page">
      <Slot name="breadcrumb">
        <Breadcrumb items={[{ label: 'Projects', href: href({ name: 'projects' }) }, { label: name, href: href({ name: 'project', projectId, status: null }) }, { label: 'Evaluation' }]} />
      </Slot>
      <div className="toolbar">
        <span className="toolbar-title">
          Evaluation
          <span className="toolbar-count">{list.value === undefined ? '' : plural(evaluations.length, 'result')}</span>
        </span>
        <ActiveEvaluation projectId={projectId} />
        <div className="toolbar-spacer" />
        <label className="eval-compare" title="The published numbers shown under your results (paper protocol)">
          <span>Compare with</span>
          <select className="input" value={paper?.id ?? 'none'} onChange={(event) => setPaperChoice(event.target.value)} data-testid="paper-dataset-select">
            <option value="none">nothing</option>
            {PAPER_DATASETS.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name} ({dataset.task})
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button-primary" onClick={() => setDialogOpen(true)} data-testid="run-eval-button">
          <Icon name="play" />
          Run evaluation
        </button>
      </div>
      <div className="page-content eval-content">
        {jobError === null ? null : <ErrorBanner error={`The evaluation failed: ${jobError}`} onDismiss={() => setJobError(null)} />}
        {list.error !== null ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
        {list.value === undefined && list.error === null ? <LoadingBlock label="Loading evaluations…" /> : null}
        {list.value !== undefined && evaluations.length === 0 ? (
          <EmptyState
            icon="activity"
            title="No evaluation yet"
            testId="eval-empty"
            action={
              <button type="button" className="button button-primary" onClick={() => setDialogOpen(true)}>
                <Icon name="play" />
                Run evaluation
              </button>
            }
          >
            Compare the current annotations or a run with ground truth (imported into the project, or a folder of masks): MAE, S-measure, E-measure, F-measure, weighted F, Dice and IoU as PySODMetrics defines them.
          </EmptyState>
        ) : null}
        {evaluations.length === 0 ? null : (
          <>
            <section className="eval-section">
              <EvaluationTable evaluations={evaluations} selectedId={selectedId} onSelect={select} paper={paper} />
              <p className="eval-footnote">
                M = MAE, Fw = weighted F-measure, Emean = mean E-measure, S = S-measure. The paper&apos;s numbers use the paper protocol (binary masks at 1024×1024, Fw with β² = 0.3);
                compare rows evaluated the same way. Better and worse than INT are marked on paper-protocol rows.
              </p>
            </section>
            {selected === undefined ? (
              detail.error !== null ? <ErrorBanner error={detail.error} onRetry={detail.reload} /> : <LoadingBlock label="Loading the evaluation…" />
            ) : (
              <>
                <section className="eval-section">
                  <header className="eval-section-head">
                    <h2 data-testid="eval-selected-title">
                      {describeSource(selected)} <span className="eval-vs">vs</span> {describeGroundTruth(selected)}
                    </h2>
                    <span className="eval-section-meta">
                      {selected.protocol} protocol · {plural(selected.metrics.n, 'image')} · {formatRelativeTime(selected.createdAt)}
                    </span>
                    <button type="button" className="button button-ghost button-small" onClick={() => remove(selected.id)} title="Remove this evaluation record">
                      <Icon name="close" size={14} />
                      Remove
                    </button>
                  </header>
                  <EvalCurves evaluation={selected} />
                </section>
                <section className="eval-section">
                  <header className="eval-section-head">
                    <h2>Per image</h2>
                    <span className="eval-section-meta">worst first · click a row to open the image</span>
                  </header>
                  <ImageMetricsTable key={selected.id} projectId={projectId} evaluationId={selected.id} />
                  {selected.problems.length === 0 ? null : (
                    <details className="data-problems" data-testid="eval-problems">
                      <summary>{plural(selected.problems.length, 'note')}: images skipped or evaluated with a caveat</summary>
                      <ul>
                        {selected.problems.slice(0, 500).map((problem, index) => (
                          <li key={index}>
                            <span className="mono" title={problem.file}>
                              {problem.file.split(/[\\/]/).pop()}
                            </span>
                            <span>{problem.reason}</span>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </section>
              </>
            )}
          </>
        )}
      </div>
      {dialogOpen ? <RunEvalDialog projectId={projectId} onClose={() => setDialogOpen(false)} onStarted={() => setDialogOpen(false)} /> : null}
    </div>
  );
}
