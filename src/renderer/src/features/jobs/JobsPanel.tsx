/**
 * The jobs panel, opened from the status bar: every job this window knows (newest first) with its
 * progress, message, per-item failures (file and reason), and Cancel / Resume / Dismiss.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { ErrorBanner, ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { cancelJob, dismissJob, refreshJobs, resumeJob, useJobs, useJobsListError } from './jobsStore';
import { isActiveStatus, jobFraction, jobsNewestFirst, jobTitle, type JobView } from './jobsState';

const STATUS_TEXT: Record<JobView['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  failed: 'Failed',
  done: 'Done',
  interrupted: 'Interrupted',
};

const SHOWN_JOBS = 50;

/** "/data/set/x.png" -> ["x.png", "/data/set"]: the file first, its folder muted (paths can be long). */
function splitPath(path: string): readonly [string, string] {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? [path, ''] : [path.slice(cut + 1), path.slice(0, cut)];
}

function JobItem({ job }: { readonly job: JobView }): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const active = isActiveStatus(job.status);
  const run = (command: (jobId: number) => Promise<{ readonly ok: boolean; readonly error?: AppErrorShape }>): void => {
    setBusy(true);
    setError(null);
    void command(job.id).then((result) => {
      setBusy(false);
      if (!result.ok && result.error !== undefined) setError(result.error);
    });
  };
  const tone = job.status === 'failed' ? 'danger' : job.status === 'interrupted' || job.status === 'cancelled' ? 'warning' : job.status === 'done' ? 'success' : 'accent';
  const fraction = job.status === 'done' ? 1 : jobFraction(job);
  return (
    <li className="job-item" data-testid="job-item" data-job-id={job.id} data-job-status={job.status}>
      <div className="job-item-head">
        <span className="job-title">{jobTitle(job.kind)}</span>
        <span className={`pill pill-${tone}`}>{STATUS_TEXT[job.status]}</span>
        <span className="job-count">{job.total > 0 ? `${formatCount(job.done)} / ${formatCount(job.total)}` : ''}</span>
      </div>
      <ProgressBar fraction={active || fraction !== null ? fraction : 0} tone={tone} label={`${jobTitle(job.kind)} progress`} />
      {job.message === null ? null : <p className="job-message">{job.message}</p>}
      {job.error === null ? null : <p className="job-error">{job.error}</p>}
      {job.failedCount === 0 ? null : (
        <details className="job-failures" open={job.failedCount <= 5}>
          <summary>
            {formatCount(job.failedCount)} {job.failedCount === 1 ? 'item' : 'items'} failed
          </summary>
          <ul>
            {job.failures.map((failure, index) => (
              <li key={`${index}-${failure.name}`} data-testid="job-failure" data-name={failure.name} title={failure.name}>
                <span className="job-failure-name">
                  {splitPath(failure.name)[0]}
                  <span className="job-failure-folder">{splitPath(failure.name)[1]}</span>
                </span>
                <span className="job-failure-reason">{failure.reason}</span>
              </li>
            ))}
            {job.failedCount > job.failures.length ? <li className="muted">and {formatCount(job.failedCount - job.failures.length)} more</li> : null}
          </ul>
        </details>
      )}
      {error === null ? null : <ErrorBanner error={error} compact onDismiss={() => setError(null)} />}
      <div className="job-actions">
        {active ? (
          <button type="button" className="button button-small" disabled={busy || job.status === 'cancelling'} onClick={() => run(cancelJob)} data-testid="job-cancel">
            <Icon name="stop" size={14} />
            Cancel
          </button>
        ) : null}
        {job.status === 'interrupted' ? (
          <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => run(resumeJob)} data-testid="job-resume">
            <Icon name="play" size={14} />
            Resume
          </button>
        ) : null}
        {!active && job.status !== 'interrupted' ? (
          <button type="button" className="button button-small button-ghost" onClick={() => dismissJob(job.id)}>
            Dismiss
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function JobsPanel({ onClose }: { readonly onClose: () => void }): ReactElement {
  const jobs = jobsNewestFirst(useJobs()).slice(0, SHOWN_JOBS);
  const listError = useJobsListError();
  const panelRef = useRef<HTMLElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  // Escape anywhere, or a press outside the panel and the status bar, closes it (like a menu).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]') !== null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onCloseRef.current();
    };
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target;
      if (!(target instanceof Node) || panelRef.current?.contains(target) === true) return;
      if (target instanceof Element && target.closest('.statusbar') !== null) return;
      onCloseRef.current();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
    };
  }, []);

  return (
    <section ref={panelRef} id="jobs-panel" className="jobs-panel" data-testid="jobs-panel" aria-label="Jobs">
      <header className="jobs-panel-head">
        <h2>Jobs</h2>
        <button type="button" className="icon-button" onClick={() => void refreshJobs()} aria-label="Refresh jobs">
          <Icon name="refresh" size={14} />
        </button>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close jobs panel">
          <Icon name="close" size={14} />
        </button>
      </header>
      {listError === null ? null : <ErrorBanner error={listError} compact onRetry={() => void refreshJobs()} />}
      {jobs.length === 0 ? (
        <p className="jobs-empty">No jobs yet. Imports, runs and exports show their progress here.</p>
      ) : (
        <ul className="jobs-list">
          {jobs.map((job) => (
            <JobItem key={job.id} job={job} />
          ))}
        </ul>
      )}
    </section>
  );
}
