/**
 * Running an export, import or evaluation job from the command line: a job of the same kind and payload that
 * a killed command left interrupted is resumed instead of a second one started (the import then skips what it
 * committed; export and evaluation start over, having written nothing); otherwise `start` queues a new one.
 * The command waits with a progress bar (Ctrl+C cancels after the current item) and fails with one line when
 * the job fails or is cancelled.
 */
import type { AppContext } from '../app/context';
import { CliError } from './output';
import { waitForJob } from './context';

export interface DataJobOutcome {
  readonly jobId: number;
  readonly resumed: boolean;
}

function samePayload(stored: unknown, wanted: Readonly<Record<string, unknown>>): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const record = stored as Record<string, unknown>;
  return Object.entries(wanted).every(([key, value]) => JSON.stringify(record[key] ?? null) === JSON.stringify(value ?? null));
}

export async function runDataJob(
  context: AppContext,
  job: {
    readonly kind: string;
    readonly projectId: number;
    /** Payload fields that identify the same job (not the actor). */
    readonly identity: Readonly<Record<string, unknown>>;
    readonly title: string;
    readonly json: boolean;
    /** What a cancel leaves behind, for the message. */
    readonly onCancel: string;
    start(): Promise<number>;
  },
): Promise<DataJobOutcome> {
  const interrupted = context.storage.jobs
    .withStatus('interrupted')
    .find((candidate) => candidate.kind === job.kind && candidate.projectId === job.projectId && samePayload(candidate.payload, job.identity));
  const jobId = interrupted !== undefined ? context.jobs.resume(interrupted.id).id : await job.start();
  await waitForJob(context, jobId, job.title, job.json);
  const record = context.storage.jobs.require(jobId);
  if (record.status === 'failed') throw new CliError(record.error ?? `${job.title} failed`);
  if (record.status === 'cancelled') throw new CliError(`${job.title} cancelled; ${job.onCancel}`, 130);
  if (record.status === 'interrupted') throw new CliError(`${job.title} was interrupted; run the same command again to finish it`, 130);
  return { jobId, resumed: interrupted !== undefined };
}
