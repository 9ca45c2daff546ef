/** A run's live state from the app-wide jobs store (see runLive.ts). */
import type { RunSummary } from '../../../../shared/dto/runs';
import { useJobs } from '../jobs/jobsStore';
import { runLive, type RunLive } from './runLive';

export function useRunLive(run: RunSummary): RunLive {
  const jobs = useJobs();
  const job = run.jobId === null ? null : (jobs.jobs.get(run.jobId) ?? null);
  return runLive(run, job);
}
