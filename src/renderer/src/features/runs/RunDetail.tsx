/**
 * One run: what it ran (prompt, pack, options), what the pack really ran on (fallbacks as warnings),
 * its progress while it runs (the image and stage now being worked on), Cancel / Resume / Retry, the
 * way into the review order, and the per-image status list.
 */
import { useState, type ReactElement } from 'react';
import type { RunSummary } from '../../../../shared/dto/runs';
import type { AppErrorShape } from '../../../../shared/result';
import { call } from '../../api/client';
import { navigate } from '../../app/navigation';
import type { RunImageOrder } from '../../app/routes';
import { ErrorBanner, ProgressBar, Spinner } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount, formatRelativeTime } from '../../ui/format';
import { isBoolean, usePersistentState } from '../../ui/usePersistentState';
import { refreshJobs, trackStartedJob } from '../jobs/jobsStore';
import { DeviceList, PackWarnings } from './PackReport';
import { RunStatusPill } from './RunCard';
import { RunImageList } from './RunImageList';
import { ablationSummary, elapsedMs, formatMs, isRunActive } from './runFormat';
import { INT_RUN_JOB_KIND, STAGE_TEXT, imageFraction } from './runProgress';
import { formFromOptions, type RunForm } from './runOptionsForm';
import { TestPackBadge } from './TestPackBadge';
import { runTone, type RunLive } from './runLive';
import { useRunLive } from './useRunJob';

function LiveLine({ live }: { readonly live: RunLive }): ReactElement | null {
  const progress = live.progress;
  if (!live.active) return null;
  if (progress === null) return <p className="run-live">{live.job?.status === 'queued' ? 'Waiting for other jobs to finish…' : 'Starting…'}</p>;
  if (progress.kind === 'loading') {
    return (
      <p className="run-live" data-testid="run-live">
        <Spinner label="Loading" /> Loading and checking the model pack <strong>{progress.pack}</strong>
      </p>
    );
  }
  return (
    <p className="run-live" data-testid="run-live">
      <Spinner label="Running" />
      <span>
        Image {formatCount(progress.position)} of {formatCount(progress.total)}: <strong>{progress.fileName}</strong>
        {progress.iteration === null ? null : (
          <>
            {' '}
            · iteration {progress.iteration} of {progress.iterations}
            {progress.stage === null ? null : <span className="muted"> · {STAGE_TEXT[progress.stage]}</span>}
          </>
        )}
      </span>
    </p>
  );
}

function remainingText(run: RunSummary, live: RunLive): string | null {
  if (!live.active || live.done === 0) return null;
  const elapsed = elapsedMs(run.startedAt, null);
  if (elapsed === null) return null;
  const left = ((live.total - live.done) * elapsed) / live.done;
  return `about ${formatMs(left)} left`;
}

export interface RunDetailProps {
  readonly run: RunSummary;
  readonly taskPrompt: string;
  readonly onChanged: () => void;
  readonly onRepeat: (form: RunForm, packLabel: string | null) => void;
}

export function RunDetail({ run, taskPrompt, onChanged, onRepeat }: RunDetailProps): ReactElement {
  const live = useRunLive(run);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [uncertainFirst, setUncertainFirst] = usePersistentState('runs.uncertainFirst', false, isBoolean);
  const order: RunImageOrder = uncertainFirst ? 'uncertainty' : 'run';
  const active = live.active || isRunActive(run.status);
  const canResume = !active && (live.interrupted || run.status === 'cancelled' || run.status === 'failed' || run.status === 'paused');
  const canRetryFailed = !active && !canResume && run.status === 'done' && run.failedCount > 0;
  const took = elapsedMs(run.startedAt, run.finishedAt);

  const command = (channel: 'runs.cancel' | 'runs.resume'): void => {
    setBusy(true);
    setError(null);
    void call(channel, { runId: run.id }).then((result) => {
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if (channel === 'runs.resume' && result.value.jobId !== null) trackStartedJob(result.value.jobId, INT_RUN_JOB_KIND, run.projectId);
      void refreshJobs();
      onChanged();
    });
  };

  const review = (): void => {
    setBusy(true);
    void call('runs.images', { runId: run.id, offset: 0, limit: 1, order: 'uncertainty' }).then((result) => {
      setBusy(false);
      const first = result.ok ? result.value.items[0] : undefined;
      if (!result.ok) setError(result.error);
      else if (first !== undefined) navigate({ name: 'image', projectId: run.projectId, imageId: first.imageId, status: null, index: 0, run: run.id, order: 'uncertainty' });
    });
  };

  // Between events of finished images, the current image's iterations move the bar on.
  const partial = live.progress?.kind === 'image' && live.done < live.total ? imageFraction(live.progress) : 0;
  const fraction = live.total === 0 ? null : (live.done + partial) / live.total;
  const tone = runTone(run, live);
  return (
    <section className="run-detail" aria-label={`Run ${run.id}`} data-testid="run-detail" data-run-id={run.id} data-status={run.status}>
      <header className="run-detail-head">
        <div className="run-detail-title">
          <h2>Run {run.id}</h2>
          <RunStatusPill run={run} interrupted={live.interrupted} />
          {run.testOnlyPack ? <TestPackBadge standIns={run.packReport?.standIns} /> : null}
          <span className="muted run-detail-time">
            {run.startedAt === null ? `created ${formatRelativeTime(run.createdAt)}` : `started ${formatRelativeTime(run.startedAt)}`}
            {took !== null && run.finishedAt !== null ? ` · took ${formatMs(took)}` : ''}
          </span>
        </div>
        <div className="run-detail-actions">
          {active ? (
            <button type="button" className="button" disabled={busy || live.job?.status === 'cancelling'} onClick={() => command('runs.cancel')} data-testid="run-cancel">
              <Icon name="stop" size={14} />
              {live.job?.status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
            </button>
          ) : null}
          {canResume || canRetryFailed ? (
            <button type="button" className="button" disabled={busy} onClick={() => command('runs.resume')} data-testid="run-resume">
              <Icon name="play" size={14} />
              {canRetryFailed ? 'Retry failed images' : 'Resume'}
            </button>
          ) : null}
          <button type="button" className="button button-ghost" onClick={() => onRepeat(formFromOptions(run.options), run.packName)} title="Start a new run with these options">
            <Icon name="refresh" size={14} />
            Run again
          </button>
          <button type="button" className="button button-primary" disabled={busy || run.doneCount === 0} onClick={review} data-testid="run-review" title="Open the images this run segmented, most uncertain first">
            <Icon name="eye" size={14} />
            Review most uncertain first
          </button>
        </div>
      </header>
      {error === null ? null : <ErrorBanner error={error} compact onDismiss={() => setError(null)} />}
      {run.error === null ? null : run.status === 'cancelled' ? (
        <div className="banner banner-warning banner-compact" role="status" data-testid="run-cancelled-note">
          <Icon name="stop" size={14} />
          <div className="banner-text">
            <span>
              Cancelled ({run.error.replace(/^cancelled: /, '')}). {formatCount(run.doneCount)} of {formatCount(run.imageCount)} images are done; Resume segments the rest.
            </span>
          </div>
        </div>
      ) : (
        <ErrorBanner error={{ code: 'model_error', message: run.error }} compact />
      )}
      <PackWarnings run={run} />
      <div className="run-summary-grid">
        <dl className="facts run-facts">
          <dt>Prompt</dt>
          <dd className="run-facts-prompt">{taskPrompt}</dd>
          <dt>Pack</dt>
          <dd>{run.packName ?? 'unknown'}</dd>
          <dt>Route</dt>
          <dd>{run.options.route === 'clip' ? 'CLIP (fast)' : 'VLM (faithful)'}</dd>
          <dt>Iterations</dt>
          <dd>
            {run.options.iterations}
            {run.options.earlyStop ? ', early stop' : ''}
          </dd>
          <dt>Scales</dt>
          <dd>{run.options.scales.join(', ')}</dd>
          <dt>Modules</dt>
          <dd className={run.options.ablate.length > 0 ? 'text-warning' : undefined}>{ablationSummary(run.options.ablate)}</dd>
        </dl>
        <div className="run-progress-block">
          <div className="run-progress-numbers">
            <span className="run-progress-big" data-testid="run-progress-count">
              {formatCount(live.done)}
              <span className="muted"> / {formatCount(live.total)}</span>
            </span>
            <span className="muted">images</span>
            {run.failedCount > 0 ? <span className="pill pill-danger">{formatCount(run.failedCount)} failed</span> : null}
            <span className="toolbar-spacer" />
            <span className="muted">{remainingText(run, live) ?? ''}</span>
          </div>
          <ProgressBar fraction={active && live.progress === null ? null : fraction} tone={tone} label={`Run ${run.id} progress`} />
          <LiveLine live={live} />
          <DeviceList run={run} />
        </div>
      </div>
      <div className="run-images-bar">
        <h3>Images</h3>
        <div className="segmented segmented-small" role="radiogroup" aria-label="Order">
          <button type="button" role="radio" aria-checked={!uncertainFirst} className={uncertainFirst ? '' : 'is-active'} onClick={() => setUncertainFirst(false)} data-testid="run-order-run">
            Run order
          </button>
          <button type="button" role="radio" aria-checked={uncertainFirst} className={uncertainFirst ? 'is-active' : ''} onClick={() => setUncertainFirst(true)} data-testid="run-order-uncertainty">
            Most uncertain first
          </button>
        </div>
        <span className="toolbar-spacer" />
        <span className="muted run-images-hint">Double-click or Enter opens an image with its INT trace.</span>
      </div>
      <RunImageList key={`${run.id}:${order}`} projectId={run.projectId} runId={run.id} order={order} live={live.progress} jobActive={live.active} />
    </section>
  );
}
