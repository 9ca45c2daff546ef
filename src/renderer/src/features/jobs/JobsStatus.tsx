/**
 * The jobs part of the status bar: the running job's progress (and how many others run), or the
 * outcome of a job watched in this session, or interrupted jobs waiting to be resumed. Clicking it
 * opens the jobs panel.
 */
import type { ReactElement } from 'react';
import { ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount } from '../../ui/format';
import { useJobs } from './jobsStore';
import { isActiveStatus, jobFraction, jobsNewestFirst, jobTitle, type JobView } from './jobsState';

interface Summary {
  readonly job: JobView | null;
  readonly text: string;
  readonly tone: 'idle' | 'active' | 'warning' | 'danger' | 'success';
}

/** The running job, else the outcome of the last job watched in this session, else nothing. */
function summary(jobs: readonly JobView[]): Summary {
  const active = jobs.filter((job) => isActiveStatus(job.status));
  const first = active[active.length - 1];
  if (first !== undefined) {
    const others = active.length > 1 ? ` (+${active.length - 1} more)` : '';
    const count = first.total > 0 ? ` ${formatCount(first.done)} / ${formatCount(first.total)}` : '';
    const verb = first.status === 'cancelling' ? 'Cancelling' : first.status === 'queued' ? 'Queued:' : '';
    return { job: first, text: `${verb} ${jobTitle(first.kind)}${count}${others}`.trim(), tone: 'active' };
  }
  const recent = jobs.find((job) => job.watched && job.status !== 'interrupted');
  if (recent !== undefined) {
    if (recent.status === 'failed') return { job: recent, text: `${jobTitle(recent.kind)} failed`, tone: 'danger' };
    if (recent.status === 'cancelled') return { job: recent, text: `${jobTitle(recent.kind)} cancelled`, tone: 'warning' };
    if (recent.failedCount > 0) {
      return { job: recent, text: `${jobTitle(recent.kind)} done, ${formatCount(recent.failedCount)} failed`, tone: 'warning' };
    }
    return { job: recent, text: `${jobTitle(recent.kind)} done`, tone: 'success' };
  }
  return { job: null, text: 'No jobs running', tone: 'idle' };
}

export function JobsStatus({ open, onToggle }: { readonly open: boolean; readonly onToggle: () => void }): ReactElement {
  const jobs = jobsNewestFirst(useJobs());
  const { job, text, tone } = summary(jobs);
  const interrupted = jobs.filter((candidate) => candidate.status === 'interrupted').length;
  return (
    <>
      <button
        type="button"
        className={`status-jobs status-jobs-${tone}`}
        onClick={onToggle}
        aria-expanded={open}
        aria-controls="jobs-panel"
        data-testid="job-progress"
        data-job-id={job?.id}
        data-job-status={job?.status ?? 'none'}
        data-done={job?.done}
        data-total={job?.total}
        data-failed={job?.failedCount}
      >
        <Icon name={tone === 'warning' || tone === 'danger' ? 'alert' : tone === 'success' ? 'check' : 'activity'} size={14} />
        <span className="status-jobs-text">{text}</span>
        {tone === 'active' && job !== null ? <ProgressBar fraction={jobFraction(job)} label={text} /> : null}
      </button>
      {interrupted === 0 ? null : (
        <button type="button" className="status-jobs status-jobs-warning" onClick={onToggle} aria-expanded={open} aria-controls="jobs-panel" data-testid="jobs-interrupted">
          <Icon name="alert" size={14} />
          <span className="status-jobs-text">{interrupted} interrupted: resume</span>
        </button>
      )}
    </>
  );
}
