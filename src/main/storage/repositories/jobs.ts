import type { Db } from '../db';
import type { JobStatus } from '../../../shared/dto/jobs';
import { fromJson, notFound, toJson, type Clock, type JsonValue } from './common';

export type { JobStatus };
export type JobItemOutcome = 'done' | 'skipped' | 'failed';

export interface JobRecord {
  readonly id: number;
  readonly kind: string;
  readonly projectId: number | null;
  readonly payload: JsonValue;
  readonly status: JobStatus;
  readonly done: number;
  readonly total: number;
  readonly message: string | null;
  /** The handler's summary, written when the job ends. */
  readonly result: JsonValue | null;
  readonly error: string | null;
  /** How many times the job was started (more than 1 after a resume). */
  readonly attempts: number;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly heartbeatAt: string | null;
}

export interface JobItem {
  readonly key: string;
  readonly ordinal: number;
  readonly outcome: JobItemOutcome;
  readonly detail: string | null;
}

export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'cancelling', 'interrupted'];

interface JobRow {
  id: number;
  kind: string;
  project_id: number | null;
  payload_json: string;
  status: JobStatus;
  progress_done: number;
  progress_total: number;
  message: string | null;
  result_json: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string | null;
}

/**
 * Job records and their committed items. Jobs are system bookkeeping, not user data, so nothing here is audited;
 * the handlers audit the user data they change.
 */
export class JobRepository {
  private readonly clock: Clock;
  private readonly insertRow;
  private readonly selectOne;
  private readonly selectList;
  private readonly selectByStatus;
  private readonly setRunning;
  private readonly setProgress;
  private readonly setHeartbeat;
  private readonly setFinished;
  private readonly setStatusOnly;
  private readonly interruptAll;
  private readonly requeueRow;
  private readonly insertItem;
  private readonly selectItem;
  private readonly selectItems;
  private readonly countItems;
  private readonly maxOrdinal;

  constructor(db: Db, clock: Clock) {
    this.clock = clock;
    this.insertRow = db.prepare<[string, number | null, string, number, string], JobRow>(
      'INSERT INTO jobs (kind, project_id, payload_json, progress_total, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
    );
    this.selectOne = db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?');
    this.selectList = db.prepare<{ projectId: number | null; activeOnly: number }, JobRow>(
      `SELECT * FROM jobs WHERE (@projectId IS NULL OR project_id = @projectId)
         AND (@activeOnly = 0 OR status IN ('queued', 'running', 'cancelling', 'interrupted'))
       ORDER BY id DESC LIMIT 1000`,
    );
    this.selectByStatus = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE status = ? ORDER BY id');
    this.setRunning = db.prepare<[string, string, number]>(
      `UPDATE jobs SET status = 'running', started_at = coalesce(started_at, ?), heartbeat_at = ?, finished_at = NULL,
         error = NULL, attempts = attempts + 1 WHERE id = ? AND status = 'queued'`,
    );
    this.setProgress = db.prepare<[number, number, string | null, string, number]>(
      'UPDATE jobs SET progress_done = ?, progress_total = ?, message = ?, heartbeat_at = ? WHERE id = ?',
    );
    this.setHeartbeat = db.prepare<[string, number]>('UPDATE jobs SET heartbeat_at = ? WHERE id = ?');
    this.setFinished = db.prepare<[string, string | null, string | null, string, number]>(
      'UPDATE jobs SET status = ?, error = ?, result_json = ?, finished_at = ? WHERE id = ?',
    );
    this.setStatusOnly = db.prepare<[string, number]>('UPDATE jobs SET status = ? WHERE id = ?');
    this.interruptAll = db.prepare<[]>(
      `UPDATE jobs SET status = 'interrupted', message = 'interrupted: the app stopped while this job ran' WHERE status IN ('running', 'cancelling')`,
    );
    this.requeueRow = db.prepare<[number]>(
      `UPDATE jobs SET status = 'queued', finished_at = NULL, error = NULL WHERE id = ? AND status IN ('interrupted', 'cancelled', 'failed')`,
    );
    this.insertItem = db.prepare<[number, string, number, string, string | null]>(
      'INSERT INTO job_items (job_id, item_key, ordinal, outcome, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectItem = db.prepare<[number, string], { ordinal: number; outcome: JobItemOutcome; detail: string | null }>(
      'SELECT ordinal, outcome, detail FROM job_items WHERE job_id = ? AND item_key = ?',
    );
    this.selectItems = db.prepare<[number], { item_key: string; ordinal: number; outcome: JobItemOutcome; detail: string | null }>(
      'SELECT item_key, ordinal, outcome, detail FROM job_items WHERE job_id = ? ORDER BY ordinal, item_key',
    );
    this.countItems = db.prepare<[number], { outcome: JobItemOutcome; n: number }>(
      'SELECT outcome, count(*) AS n FROM job_items WHERE job_id = ? GROUP BY outcome',
    );
    this.maxOrdinal = db.prepare<[number], { m: number | null }>('SELECT max(ordinal) AS m FROM job_items WHERE job_id = ?');
  }

  create(kind: string, payload: JsonValue, projectId: number | null = null, total = 0): JobRecord {
    const row = this.insertRow.get(kind, projectId, toJson(payload, 'job payload'), Math.max(0, Math.trunc(total)), this.clock());
    if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
    return toJob(row);
  }

  get(id: number): JobRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toJob(row);
  }

  require(id: number): JobRecord {
    const job = this.get(id);
    if (job === null) throw notFound('job', id);
    return job;
  }

  /** Newest first, at most 1000. */
  list(filter: { projectId?: number; activeOnly?: boolean } = {}): JobRecord[] {
    return this.selectList.all({ projectId: filter.projectId ?? null, activeOnly: filter.activeOnly === true ? 1 : 0 }).map(toJob);
  }

  /** Oldest first (FIFO). */
  withStatus(status: JobStatus): JobRecord[] {
    return this.selectByStatus.all(status).map(toJob);
  }

  /**
   * Claims a queued job: queued -> running. False when the job is no longer queued (cancelled meanwhile, or
   * claimed by another process sharing the database), so one job never runs twice at once.
   */
  claim(id: number): boolean {
    const now = this.clock();
    return this.setRunning.run(now, now, id).changes === 1;
  }

  setStatus(id: number, status: JobStatus): void {
    this.setStatusOnly.run(status, id);
  }

  progress(id: number, done: number, total: number, message: string | null): void {
    this.setProgress.run(Math.max(0, Math.trunc(done)), Math.max(0, Math.trunc(total)), message, this.clock(), id);
  }

  heartbeat(id: number): void {
    this.setHeartbeat.run(this.clock(), id);
  }

  finish(id: number, status: 'done' | 'failed' | 'cancelled', outcome: { error?: string | null; result?: JsonValue | null } = {}): void {
    const result = outcome.result === undefined || outcome.result === null ? null : toJson(outcome.result, 'job result');
    this.setFinished.run(status, outcome.error ?? null, result, this.clock(), id);
  }

  /** Start-up recovery: jobs left running by a crash or kill become 'interrupted'; returns how many. */
  interruptRunning(): number {
    return this.interruptAll.run().changes;
  }

  /** Puts an interrupted, cancelled or failed job back in the queue (its committed items stay); false otherwise. */
  requeue(id: number): boolean {
    return this.requeueRow.run(id).changes === 1;
  }

  /**
   * Records that one work item is committed. Call it inside the transaction that commits the item's work,
   * so the record and the work exist together or not at all. The ordinal is the next one of this job.
   */
  recordItem(jobId: number, key: string, outcome: JobItemOutcome, detail: string | null = null): void {
    const ordinal = (this.maxOrdinal.get(jobId)?.m ?? -1) + 1;
    this.insertItem.run(jobId, key, ordinal, outcome, detail);
  }

  item(jobId: number, key: string): JobItem | null {
    const row = this.selectItem.get(jobId, key);
    return row === undefined ? null : { key, ordinal: row.ordinal, outcome: row.outcome, detail: row.detail };
  }

  items(jobId: number): JobItem[] {
    return this.selectItems.all(jobId).map((row) => ({ key: row.item_key, ordinal: row.ordinal, outcome: row.outcome, detail: row.detail }));
  }

  itemCounts(jobId: number): Record<JobItemOutcome, number> {
    const counts: Record<JobItemOutcome, number> = { done: 0, skipped: 0, failed: 0 };
    for (const row of this.countItems.all(jobId)) counts[row.outcome] = row.n;
    return counts;
  }
}

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    projectId: row.project_id,
    payload: fromJson(row.payload_json),
    status: row.status,
    done: row.progress_done,
    total: row.progress_total,
    message: row.message,
    result: row.result_json === null ? null : fromJson(row.result_json),
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
  };
}
