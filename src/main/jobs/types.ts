import type { z } from 'zod';
import type { CancelToken } from '../../core/cancel';
import type { JobProgress, RunStep } from '../../shared/dto/jobs';
import type { JsonValue } from '../storage/repositories/common';
import type { Storage } from '../storage/storage';

/** The work item a progress update is about (a file, an image), and whether it succeeded. */
export type JobProgressItem = NonNullable<JobProgress['item']>;

export interface JobProgressUpdate {
  readonly done: number;
  readonly total: number;
  readonly message?: string | null;
  readonly item?: JobProgressItem;
  /** Structured position of an INT run (the message says the same in words). */
  readonly step?: RunStep;
}

/** What the queue emits; the lead forwards it as the `JobProgress` IPC event: one type, the contract's. */
export type JobEvent = Readonly<JobProgress>;

export interface JobContext {
  readonly jobId: number;
  readonly kind: string;
  readonly projectId: number | null;
  /** Checked by the handler between work items; cancellation is cooperative. */
  readonly cancel: CancelToken;
  readonly storage: Storage;
  /** True when an earlier attempt of this job ran (it was interrupted, cancelled or failed and is resumed). */
  readonly resumed: boolean;
  /** Reports progress: emitted as an event at once, written to the job record at most every few hundred ms. */
  progress(update: JobProgressUpdate): void;
}

/**
 * A kind of job. `run` must commit its work item by item in small transactions and skip items an earlier
 * attempt committed (the job's `job_items`, or the data itself), so that a job killed at any point and
 * resumed ends with every item done exactly once.
 */
export interface JobHandler<P> {
  readonly kind: string;
  /** Validates the payload when the job is enqueued and again when it is started or resumed. */
  readonly payload: z.ZodType<P>;
  /** Resolves with a JSON summary stored on the job (its `result`); throws to fail the job. */
  run(payload: P, context: JobContext): Promise<JsonValue | undefined>;
}
