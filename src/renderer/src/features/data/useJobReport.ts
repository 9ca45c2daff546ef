/**
 * Follows a job the UI started (through the app's jobs store) and, once it has ended, asks once for its
 * report: the export or import summary, or the error that says why there is none.
 */
import { useEffect, useState } from 'react';
import type { AppErrorShape, Result } from '../../../../shared/result';
import { useJobs } from '../jobs/jobsStore';
import { isActiveStatus, type JobView } from '../jobs/jobsState';

export interface JobReportState<T> {
  /** The job as the store knows it (undefined until its first snapshot or event). */
  readonly job: JobView | undefined;
  readonly report: T | null;
  readonly error: AppErrorShape | null;
}

export function useJobReport<T>(jobId: number | null, fetchReport: (jobId: number) => Promise<Result<T>>): JobReportState<T> {
  const job = useJobs().jobs.get(jobId ?? -1);
  const ended = job !== undefined && !isActiveStatus(job.status);
  const [settled, setSettled] = useState<{ jobId: number; result: Result<T> } | null>(null);

  useEffect(() => {
    if (jobId === null || !ended) return;
    let live = true;
    void fetchReport(jobId).then((result) => {
      if (live) setSettled({ jobId, result });
    });
    return () => {
      live = false;
    };
  }, [jobId, ended, fetchReport]);

  const result = settled !== null && settled.jobId === jobId ? settled.result : null;
  return { job, report: result?.ok === true ? result.value : null, error: result !== null && !result.ok ? result.error : null };
}
