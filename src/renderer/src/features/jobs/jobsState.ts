/**
 * What the renderer knows about background jobs (imports now; runs and exports later), as a pure
 * reducer over three sources: `jobs.list` snapshots, single `jobs.*` answers, and `jobs.progress` events.
 * Per-item failures (a corrupt file and why) exist only in progress events, so they are collected here
 * and survive later snapshots of the same job.
 */
import type { Job, JobProgress, JobStatus, RunStep } from '../../../../shared/dto/jobs';

export interface JobFailure {
  readonly name: string;
  readonly reason: string;
}

export interface JobView {
  readonly id: number;
  readonly kind: string;
  readonly projectId: number | null;
  readonly status: JobStatus;
  readonly done: number;
  readonly total: number;
  readonly message: string | null;
  /** Where an INT run is (progress events only); kept across snapshots while the job stays active. */
  readonly step: RunStep | null;
  readonly error: string | null;
  /** The first MAX_KEPT_FAILURES failed items, in arrival order. */
  readonly failures: readonly JobFailure[];
  /** Every failed item seen, including those not kept. */
  readonly failedCount: number;
  /**
   * Seen running (or started) while this window was open: its outcome is news to the user, unlike a
   * job that finished in an earlier session and only appears in a snapshot.
   */
  readonly watched: boolean;
}

export interface JobsState {
  readonly jobs: ReadonlyMap<number, JobView>;
}

export type JobsAction =
  | { readonly type: 'snapshot'; readonly jobs: readonly Job[] }
  | { readonly type: 'job'; readonly job: Job }
  | { readonly type: 'started'; readonly jobId: number; readonly kind: string; readonly projectId: number | null }
  | { readonly type: 'progress'; readonly progress: JobProgress }
  | { readonly type: 'dismiss'; readonly jobId: number };

export const MAX_KEPT_FAILURES = 500;

export const EMPTY_JOBS: JobsState = { jobs: new Map() };

export function isActiveStatus(status: JobStatus): boolean {
  return status === 'queued' || status === 'running' || status === 'cancelling';
}

/**
 * A snapshot may be older than a progress event that overtook it; while both say the job is active,
 * the count of finished items never goes back.
 */
function fromJob(job: Job, previous: JobView | undefined): JobView {
  const bothActive = previous !== undefined && isActiveStatus(previous.status) && isActiveStatus(job.status);
  return {
    id: job.id,
    kind: job.kind,
    projectId: job.projectId,
    status: job.status,
    done: bothActive ? Math.max(previous.done, job.done) : job.done,
    total: job.total,
    message: job.message,
    step: bothActive ? previous.step : null,
    error: job.error,
    failures: previous?.failures ?? [],
    failedCount: previous?.failedCount ?? 0,
    watched: (previous?.watched ?? false) || isActiveStatus(job.status),
  };
}

function withJob(state: JobsState, view: JobView): JobsState {
  const jobs = new Map(state.jobs);
  jobs.set(view.id, view);
  return { jobs };
}

export function jobsReducer(state: JobsState, action: JobsAction): JobsState {
  switch (action.type) {
    case 'snapshot': {
      const jobs = new Map(state.jobs);
      for (const job of action.jobs) jobs.set(job.id, fromJob(job, state.jobs.get(job.id)));
      return { jobs };
    }
    case 'job':
      return withJob(state, fromJob(action.job, state.jobs.get(action.job.id)));
    case 'started': {
      if (state.jobs.has(action.jobId)) return state;
      return withJob(state, {
        id: action.jobId,
        kind: action.kind,
        projectId: action.projectId,
        status: 'queued',
        done: 0,
        total: 0,
        message: null,
        step: null,
        error: null,
        failures: [],
        failedCount: 0,
        watched: true,
      });
    }
    case 'progress': {
      const { progress } = action;
      const previous = state.jobs.get(progress.jobId);
      const failed = progress.item !== undefined && !progress.item.ok;
      const failures = previous?.failures ?? [];
      const failure: JobFailure | null = failed && progress.item !== undefined ? { name: progress.item.name, reason: progress.item.reason ?? 'failed' } : null;
      return withJob(state, {
        id: progress.jobId,
        kind: progress.kind,
        projectId: progress.projectId,
        status: progress.status,
        done: progress.done,
        total: progress.total,
        message: progress.message,
        step: progress.step ?? (isActiveStatus(progress.status) ? (previous?.step ?? null) : null),
        error: previous?.error ?? null,
        failures: failure !== null && failures.length < MAX_KEPT_FAILURES ? [...failures, failure] : failures,
        failedCount: (previous?.failedCount ?? 0) + (failure !== null ? 1 : 0),
        watched: true,
      });
    }
    case 'dismiss': {
      if (!state.jobs.has(action.jobId)) return state;
      const jobs = new Map(state.jobs);
      jobs.delete(action.jobId);
      return { jobs };
    }
  }
}

/** Jobs newest first (ids grow with time). */
export function jobsNewestFirst(state: JobsState): JobView[] {
  return [...state.jobs.values()].sort((a, b) => b.id - a.id);
}

/** Fraction done in [0, 1], or null while the total is not known yet. */
export function jobFraction(job: Pick<JobView, 'done' | 'total'>): number | null {
  if (job.total <= 0) return null;
  return Math.min(1, Math.max(0, job.done / job.total));
}

/** Readable name of a job kind; unknown kinds are shown as they are. */
export function jobTitle(kind: string): string {
  switch (kind) {
    case 'image-import':
    case 'images.add':
      return 'Importing images';
    case 'images.verify':
      return 'Checking images';
    case 'run':
    case 'runs.start':
      return 'Segmenting';
    case 'int-run':
      return 'Segmenting with INT';
    case 'export':
      return 'Exporting';
    case 'annotation-import':
      return 'Importing masks';
    case 'eval':
      return 'Evaluating';
    default:
      return kind;
  }
}
