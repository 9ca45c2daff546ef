/** The live side of a run: its job as the jobs store knows it (progress events), with its structured step. Pure. */
import type { RunSummary } from '../../../../shared/dto/runs';
import { isActiveStatus, type JobView } from '../jobs/jobsState';
import { liveFromStep, type LiveRunProgress } from './runProgress';

export interface RunLive {
  readonly job: JobView | null;
  /** The job is queued, running or cancelling. */
  readonly active: boolean;
  /** The app stopped while the job ran; it waits for Resume. */
  readonly interrupted: boolean;
  readonly progress: LiveRunProgress | null;
  /** Images finished, from the job while it runs (events), else from the run's summary. */
  readonly done: number;
  readonly total: number;
}

export function runLive(run: RunSummary, job: JobView | null): RunLive {
  const active = job !== null && isActiveStatus(job.status);
  const finished = run.doneCount + run.failedCount;
  return {
    job,
    active,
    interrupted: job?.status === 'interrupted',
    progress: active ? liveFromStep(job.step) : null,
    done: active && job.total > 0 ? Math.max(job.done, finished) : finished,
    total: active && job.total > 0 ? job.total : run.imageCount,
  };
}


/** Colour of a run's progress: running, done (with failures: warning), stopped early, failed. */
export function runTone(run: RunSummary, live: RunLive): 'accent' | 'success' | 'warning' | 'danger' {
  if (live.active) return 'accent';
  if (live.interrupted) return 'warning';
  switch (run.status) {
    case 'done':
      return run.failedCount > 0 ? 'warning' : 'success';
    case 'failed':
      return 'danger';
    case 'queued':
    case 'running':
      return 'accent';
    case 'paused':
    case 'cancelled':
      return 'warning';
  }
}
