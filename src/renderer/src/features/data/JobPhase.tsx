/**
 * The second phase of a dialog that starts a job (export, import): once the job exists, the body shows its
 * progress while it runs and then its report or the error that says why there is none, and the footer offers
 * Stop while it runs and Close after. Test ids are `<testId>-progress`, `-cancel` and `-close`.
 */
import type { ReactElement, ReactNode } from 'react';
import type { AppErrorShape } from '../../../../shared/result';
import { ErrorBanner, ProgressBar } from '../../ui/feedback';
import { Icon } from '../../ui/icons';
import { formatCount, plural } from '../../ui/format';
import { cancelJob } from '../jobs/jobsStore';
import { isActiveStatus, jobFraction, type JobView } from '../jobs/jobsState';

export interface JobPhaseProps {
  readonly jobId: number;
  /** undefined until the jobs store has the job's first snapshot. */
  readonly job: JobView | undefined;
  /** "Exporting", "Importing". */
  readonly verb: string;
  /** What the job counts: "image", "item". */
  readonly unit: string;
  readonly testId: string;
}

export function JobPhaseBody({ job, verb, unit, testId, report, error }: JobPhaseProps & { readonly report: ReactNode; readonly error: AppErrorShape | null }): ReactElement {
  const running = job === undefined || isActiveStatus(job.status);
  return (
    <div className="form">
      {running ? (
        <div className="data-progress" data-testid={`${testId}-progress`}>
          <span>
            {verb}
            {job !== undefined && job.total > 0 ? ` ${formatCount(job.done)} of ${plural(job.total, unit)}` : '…'}
          </span>
          <ProgressBar fraction={job === undefined ? null : jobFraction(job)} label={`${verb} ${unit}s`} />
        </div>
      ) : null}
      {report}
      {error !== null ? <ErrorBanner error={error} /> : null}
    </div>
  );
}

export function JobPhaseFooter({ jobId, job, noun, testId, onClose }: Omit<JobPhaseProps, 'verb' | 'unit'> & { readonly noun: string; readonly onClose: () => void }): ReactElement {
  if (job !== undefined && isActiveStatus(job.status)) {
    return (
      <button type="button" className="button" onClick={() => void cancelJob(jobId)} disabled={job.status === 'cancelling'} data-testid={`${testId}-cancel`}>
        <Icon name="stop" />
        {job.status === 'cancelling' ? 'Stopping…' : `Stop ${noun}`}
      </button>
    );
  }
  return (
    <button type="button" className="button button-primary" onClick={onClose} data-testid={`${testId}-close`}>
      Close
    </button>
  );
}
