import { z } from 'zod';
import { Id, IsoTime } from './common';

export const JOB_STATUSES = ['queued', 'running', 'cancelling', 'cancelled', 'failed', 'done', 'interrupted'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

export const Job = z.object({
  id: Id,
  kind: z.string(),
  projectId: Id.nullable(),
  status: JobStatus,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: IsoTime,
  startedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
});
export type Job = z.infer<typeof Job>;

/**
 * Where an INT run is, as data (not only as the message text): loading its pack, or working on an image
 * (its id, its position in the run, and the iteration and stage when known).
 */
export const RunStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loading'), pack: z.string() }),
  z.object({
    kind: z.literal('image'),
    imageId: Id,
    position: z.number().int().positive(),
    total: z.number().int().positive(),
    fileName: z.string(),
    iteration: z.number().int().positive().nullable(),
    iterations: z.number().int().positive().nullable(),
    stage: z.string().nullable(),
  }),
]);
export type RunStep = z.infer<typeof RunStep>;

/** Streamed while a job runs; `item` names the work item just finished (a file, an image) and whether it failed. */
export const JobProgress = Job.pick({ kind: true, projectId: true, status: true, done: true, total: true, message: true }).extend({
  jobId: Id,
  item: z.object({ name: z.string(), ok: z.boolean(), reason: z.string().optional() }).optional(),
  /** Only for `int-run` jobs. */
  step: RunStep.optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const ListJobsInput = z.object({ projectId: Id.optional(), activeOnly: z.boolean().optional() }).strict();
export const JobRef = z.object({ jobId: Id }).strict();
export const JobStarted = z.object({ jobId: Id });
