import { CancelSource, CancelledError } from '../../core/cancel';
import { AppError, toErrorShape } from '../../shared/result';
import type { JsonValue } from '../storage/repositories/common';
import type { JobRecord } from '../storage/repositories/jobs';
import type { Storage } from '../storage/storage';
import type { JobEvent, JobHandler, JobProgressUpdate } from './types';

export interface JobQueueOptions {
  /** How many jobs of one kind run at once (default 1: FIFO, one at a time per kind). */
  readonly defaultConcurrency?: number;
  /** Per-kind overrides, e.g. { export: 2 }. */
  readonly concurrency?: Readonly<Record<string, number>>;
  /** How often a running job's heartbeat is written (default 5 s). */
  readonly heartbeatMs?: number;
  /** Minimum time between progress writes to the database (default 250 ms; events are never throttled). */
  readonly progressWriteMs?: number;
}

export interface RecoveryResult {
  /** Jobs found running or cancelling at start-up (the app stopped under them), now 'interrupted'. */
  readonly interrupted: readonly number[];
  /** Those put back in the queue (all interrupted jobs of registered kinds when asked to resume). */
  readonly resumed: readonly number[];
}

type Listener = (event: JobEvent) => void;

interface RunningJob {
  readonly id: number;
  readonly kind: string;
  readonly source: CancelSource;
  readonly done: Promise<void>;
}

/**
 * The job queue of the main process. Job state lives in SQLite, so a crash or kill loses nothing: at start-up
 * `recover()` turns jobs left running into 'interrupted' and can resume them; handlers skip what was committed.
 * Jobs of one kind run FIFO, `concurrency` at a time; different kinds run side by side.
 */
export class JobQueue {
  private readonly storage: Storage;
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly listeners = new Set<Listener>();
  private readonly running = new Map<number, RunningJob>();
  private readonly defaultConcurrency: number;
  private readonly concurrency: Readonly<Record<string, number>>;
  private readonly heartbeatMs: number;
  private readonly progressWriteMs: number;
  private started = false;
  private stopping = false;
  private idleWaiters: Array<() => void> = [];

  constructor(storage: Storage, options: JobQueueOptions = {}) {
    this.storage = storage;
    this.defaultConcurrency = Math.max(1, options.defaultConcurrency ?? 1);
    this.concurrency = options.concurrency ?? {};
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.progressWriteMs = options.progressWriteMs ?? 250;
  }

  register<P>(handler: JobHandler<P>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`a handler for job kind "${handler.kind}" is already registered`);
    this.handlers.set(handler.kind, handler as JobHandler<unknown>);
    this.pump();
  }

  /** Subscribes to job events; returns the unsubscribe function. A throwing listener never disturbs the queue. */
  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates the payload against the kind's schema and queues the job. */
  enqueue(kind: string, payload: unknown, projectId: number | null = null): JobRecord {
    const handler = this.requireHandler(kind);
    const parsed = handler.payload.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('invalid_input', `payload of job "${kind}" is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    const job = this.storage.jobs.create(kind, parsed.data as JsonValue, projectId);
    this.emit(job);
    this.pump();
    return job;
  }

  /**
   * Cancels a job: a queued or interrupted one at once, a running one cooperatively ('cancelling' until its
   * handler stops at the next item). Finished jobs are returned unchanged.
   */
  cancel(jobId: number, reason = 'cancelled by user'): JobRecord {
    const job = this.storage.jobs.require(jobId);
    const running = this.running.get(jobId);
    if (running !== undefined) {
      if (job.status === 'running') this.storage.jobs.setStatus(jobId, 'cancelling');
      running.source.cancel(reason);
      const updated = this.storage.jobs.require(jobId);
      this.emit(updated);
      return updated;
    }
    if (job.status === 'queued' || job.status === 'interrupted') {
      this.storage.jobs.finish(jobId, 'cancelled', { error: reason });
      const updated = this.storage.jobs.require(jobId);
      this.emit(updated);
      return updated;
    }
    return job;
  }

  /** Puts an interrupted, cancelled or failed job back in the queue; it skips the items it committed before. */
  resume(jobId: number): JobRecord {
    const job = this.storage.jobs.require(jobId);
    this.requireHandler(job.kind);
    if (!this.storage.jobs.requeue(jobId)) {
      throw new AppError('conflict', `job ${jobId} is ${job.status}; only interrupted, cancelled or failed jobs can be resumed`);
    }
    const updated = this.storage.jobs.require(jobId);
    this.emit(updated);
    this.pump();
    return updated;
  }

  /**
   * Start-up recovery; call once after opening storage and registering handlers, before `start()`.
   * Jobs left 'running' or 'cancelling' become 'interrupted' (this process owns the database, so nothing else
   * runs them). With `resume: true` interrupted jobs of registered kinds are queued again, oldest first.
   */
  recover(options: { resume: boolean }): RecoveryResult {
    const stale = [...this.storage.jobs.withStatus('running'), ...this.storage.jobs.withStatus('cancelling')].map((job) => job.id);
    this.storage.jobs.interruptRunning();
    const resumed: number[] = [];
    if (options.resume) {
      for (const job of this.storage.jobs.withStatus('interrupted')) {
        if (this.handlers.has(job.kind) && this.storage.jobs.requeue(job.id)) resumed.push(job.id);
      }
    }
    for (const id of new Set([...stale, ...resumed])) this.emit(this.storage.jobs.require(id));
    return { interrupted: stale.sort((a, b) => a - b), resumed };
  }

  /** Starts dispatching queued jobs (idempotent). */
  start(): void {
    this.started = true;
    this.stopping = false;
    this.pump();
  }

  /** Resolves when no job is running and none of a registered kind is queued. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops dispatching and asks running jobs to stop at their next item. Jobs stopped this way are recorded as
   * 'interrupted' (not cancelled), so the next start can resume them.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    const active = [...this.running.values()];
    for (const job of active) job.source.cancel('the app is shutting down');
    await Promise.all(active.map((job) => job.done));
  }

  private requireHandler(kind: string): JobHandler<unknown> {
    const handler = this.handlers.get(kind);
    if (handler === undefined) throw new AppError('invalid_input', `unknown job kind "${kind}" (registered: ${[...this.handlers.keys()].join(', ') || 'none'})`);
    return handler;
  }

  private limitOf(kind: string): number {
    return Math.max(1, this.concurrency[kind] ?? this.defaultConcurrency);
  }

  private pump(): void {
    if (!this.started || this.stopping) {
      this.notifyIdle();
      return;
    }
    for (const job of this.storage.jobs.withStatus('queued')) {
      const handler = this.handlers.get(job.kind);
      if (handler === undefined || this.runningOfKind(job.kind) >= this.limitOf(job.kind)) continue;
      if (!this.storage.jobs.claim(job.id)) continue;
      this.launch(this.storage.jobs.require(job.id), handler);
    }
    this.notifyIdle();
  }

  private runningOfKind(kind: string): number {
    let count = 0;
    for (const job of this.running.values()) if (job.kind === kind) count += 1;
    return count;
  }

  private launch(job: JobRecord, handler: JobHandler<unknown>): void {
    const source = new CancelSource();
    const done = this.execute(job, handler, source).finally(() => {
      this.running.delete(job.id);
      this.pump();
    });
    this.running.set(job.id, { id: job.id, kind: job.kind, source, done });
  }

  private async execute(job: JobRecord, handler: JobHandler<unknown>, source: CancelSource): Promise<void> {
    const jobs = this.storage.jobs;
    this.emit(job);
    let lastWrite = 0;
    let progress = { done: job.done, total: job.total, message: job.message };
    const heartbeat = setInterval(() => jobs.heartbeat(job.id), this.heartbeatMs);
    heartbeat.unref();
    const context = {
      jobId: job.id,
      kind: job.kind,
      projectId: job.projectId,
      cancel: source,
      storage: this.storage,
      resumed: job.attempts > 1,
      progress: (update: JobProgressUpdate) => {
        progress = { done: update.done, total: update.total, message: update.message ?? null };
        const now = Date.now();
        if (now - lastWrite >= this.progressWriteMs || update.done >= update.total) {
          lastWrite = now;
          jobs.progress(job.id, update.done, update.total, progress.message);
        }
        const status = source.cancelled ? 'cancelling' : 'running';
        this.emitEvent({ jobId: job.id, kind: job.kind, projectId: job.projectId, status, ...progress, item: update.item, step: update.step });
      },
    };
    try {
      const payload = handler.payload.safeParse(job.payload);
      if (!payload.success) throw new AppError('invalid_input', `stored payload of job ${job.id} is invalid: ${payload.error.issues[0]?.message ?? 'invalid'}`);
      const result = await handler.run(payload.data, context);
      jobs.progress(job.id, progress.done, progress.total, progress.message);
      if (source.cancelled) this.finishCancelled(job.id, source.reason, result ?? null);
      else jobs.finish(job.id, 'done', { result: result ?? null });
    } catch (error) {
      jobs.progress(job.id, progress.done, progress.total, progress.message);
      if (error instanceof CancelledError || (source.cancelled && error instanceof Error && error.name === 'CancelledError')) {
        this.finishCancelled(job.id, source.reason, null);
      } else {
        jobs.finish(job.id, 'failed', { error: toErrorShape(error).message });
      }
    } finally {
      clearInterval(heartbeat);
    }
    this.emit(jobs.require(job.id));
  }

  private finishCancelled(jobId: number, reason: string | null, result: JsonValue | null): void {
    if (this.stopping) {
      // shutting down is not the user's cancel: keep the job resumable
      this.storage.jobs.setStatus(jobId, 'interrupted');
      return;
    }
    this.storage.jobs.finish(jobId, 'cancelled', { error: reason, result });
  }

  private emit(job: JobRecord): void {
    this.emitEvent({ jobId: job.id, kind: job.kind, projectId: job.projectId, status: job.status, done: job.done, total: job.total, message: job.message });
  }

  private emitEvent(event: JobEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`job event listener failed: ${toErrorShape(error).message}`);
      }
    }
  }

  private isIdle(): boolean {
    if (this.running.size > 0) return false;
    if (!this.started || this.stopping) return true;
    return !this.storage.jobs.withStatus('queued').some((job) => this.handlers.has(job.kind));
  }

  private notifyIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
