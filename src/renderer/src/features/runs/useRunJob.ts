/** The live side of a run: its job as the jobs store knows it (progress events), with the parsed message. */
import type { RunSummary } from '../../../../shared/dto/runs';
import { useJobs } from '../jobs/jobsStore';
import { isActiveStatus, type JobView } from '../jobs/jobsState';
import { parseRunProgress, type LiveRunProgress } from './runProgress';

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
    progress: active ? parseRunProgress(job.message) : null,
    done: active && job.total > 0 ? Math.max(job.done, finished) : finished,
    total: active && job.total > 0 ? job.total : run.imageCount,
  };
}

export function useRunLive(run: RunSummary): RunLive {
  const jobs = useJobs();
  const job = run.jobId === null ? null : (jobs.jobs.get(run.jobId) ?? null);
  return runLive(run, job);
}
