/**
 * The project sidebar's INT section: start a run, see the newest run's progress, open the review
 * order (the newest run's images, most uncertain first) and the list of all runs.
 */
import { useState, type ReactElement } from 'react';
import type { Project } from '../../../../shared/dto/projects';
import type { RunSummary } from '../../../../shared/dto/runs';
import { call } from '../../api/client';
import { useRequest } from '../../api/hooks';
import { href, navigate } from '../../app/navigation';
import { ErrorBanner, ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { RunStatusPill } from './RunCard';
import { StartRunDialog } from './StartRunDialog';
import { TestPackBadge } from './TestPackBadge';
import { useRunChanges } from './useRunEvents';
import { runTone } from './runLive';
import { useRunLive } from './useRunJob';

function NewestRun({ run }: { readonly run: RunSummary }): ReactElement {
  const live = useRunLive(run);
  return (
    <a className="sidebar-run" href={href({ name: 'runs', projectId: run.projectId, runId: run.id })} data-testid="sidebar-run" data-run-id={run.id}>
      <span className="sidebar-run-head">
        <span>Run {run.id}</span>
        <RunStatusPill run={run} interrupted={live.interrupted} />
        {run.testOnlyPack ? <TestPackBadge standIns={run.packReport?.standIns} /> : null}
      </span>
      <ProgressBar fraction={live.total === 0 ? null : live.done / live.total} tone={runTone(run, live)} label={`Run ${run.id} progress`} />
      <span className="sidebar-run-count">
        {formatCount(live.done)} / {formatCount(live.total)} images
        {run.failedCount > 0 ? <span className="text-danger"> · {formatCount(run.failedCount)} failed</span> : null}
        {(run.packReport?.fallbacks.length ?? 0) > 0 ? <span className="text-warning"> · device fallback</span> : null}
      </span>
    </a>
  );
}

export function ProjectRunsSection({ project }: { readonly project: Project }): ReactElement {
  const runs = useRequest('runs.list', { projectId: project.id });
  useRunChanges((event) => event.projectId === project.id, runs.reload, 500);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newest = [...(runs.value ?? [])].sort((a, b) => b.id - a.id)[0];
  const reviewable = [...(runs.value ?? [])].sort((a, b) => b.id - a.id).find((run) => run.doneCount > 0);

  const review = (run: RunSummary): void => {
    setError(null);
    void call('runs.images', { runId: run.id, offset: 0, limit: 1, order: 'uncertainty' }).then((result) => {
      const first = result.ok ? result.value.items[0] : undefined;
      if (!result.ok) setError(result.error.message);
      else if (first !== undefined) navigate({ name: 'image', projectId: project.id, imageId: first.imageId, status: null, index: 0, run: run.id, order: 'uncertainty' });
    });
  };

  return (
    <section className="sidebar-section" aria-label="INT runs" data-testid="project-runs">
      <div className="sidebar-heading-row">
        <h3 className="sidebar-heading">INT runs</h3>
        {runs.value !== undefined && runs.value.length > 0 ? (
          <a className="sidebar-link" href={href({ name: 'runs', projectId: project.id, runId: null })} data-testid="all-runs-link">
            All runs
          </a>
        ) : null}
      </div>
      <button type="button" className="button button-primary sidebar-button" onClick={() => setStarting(true)} disabled={project.imageCount === 0} data-testid="start-run-button" title={project.imageCount === 0 ? 'Add images first' : undefined}>
        <Icon name="play" size={14} />
        Segment with INT…
      </button>
      {newest === undefined ? null : <NewestRun run={newest} />}
      {reviewable === undefined ? null : (
        <button type="button" className="button sidebar-button" onClick={() => review(reviewable)} data-testid="review-uncertain-button" title={`Run ${reviewable.id}: the images it segmented, most uncertain first`}>
          <Icon name="eye" size={14} />
          Review most uncertain first
        </button>
      )}
      {runs.error === null ? null : <ErrorBanner error={runs.error} compact onRetry={runs.reload} />}
      {error === null ? null : <ErrorBanner error={error} compact onDismiss={() => setError(null)} />}
      {starting ? <StartRunDialog projectId={project.id} taskPrompt={project.taskPrompt} imageCount={project.imageCount} onClose={() => setStarting(false)} /> : null}
    </section>
  );
}
