import type { Db } from '../db';
import { AppError } from '../../../shared/result';
import type { AuditRepository } from './audit';
import { fromJson, notFound, toJson, type Actor, type Clock, type JsonValue } from './common';

export type RunStatus = 'queued' | 'running' | 'paused' | 'cancelled' | 'failed' | 'done';
export type RunImageStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface RunRecord {
  readonly id: number;
  readonly projectId: number;
  /** 'int' for an INT run; other kinds (eval ...) as the services define them. */
  readonly kind: string;
  /** Every hyperparameter and switch of the run, as the run service wrote it. */
  readonly config: JsonValue;
  readonly modelPackId: string | null;
  readonly modelPackName: string | null;
  readonly status: RunStatus;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly error: string | null;
  readonly imageCount: number;
  readonly doneCount: number;
  readonly failedCount: number;
  /** The pack load report of the run's last start: devices, fallbacks, stand-ins. */
  readonly packReport: JsonValue | null;
}

export interface NewRun {
  readonly projectId: number;
  readonly kind: string;
  readonly config: JsonValue;
  readonly modelPackId?: string | null;
  readonly modelPackName?: string | null;
  /** The images the run covers, in processing order. */
  readonly imageIds: readonly number[];
}

export interface RunImageRecord {
  readonly runId: number;
  readonly imageId: number;
  readonly status: RunImageStatus;
  readonly error: string | null;
  readonly uncertainty: number | null;
  readonly finalIteration: number | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** The final record of the image's trace (INT.md section 5), when it is done. */
  readonly summary: JsonValue | null;
}

export interface RunImageOutcome {
  readonly status: 'done' | 'failed' | 'skipped';
  readonly error?: string | null;
  readonly uncertainty?: number | null;
  readonly finalIteration?: number | null;
  readonly summary?: JsonValue | null;
}

interface RunRow {
  id: number;
  project_id: number;
  kind: string;
  config_json: string;
  model_pack_id: string | null;
  model_pack_name: string | null;
  status: RunStatus;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  image_count: number;
  done_count: number;
  failed_count: number;
  pack_report_json: string | null;
}

interface RunImageRow {
  run_id: number;
  image_id: number;
  status: RunImageStatus;
  error: string | null;
  uncertainty: number | null;
  final_iteration: number | null;
  started_at: string | null;
  finished_at: string | null;
  summary_json: string | null;
}

const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused', 'cancelled', 'failed', 'done'];

/** Runs and the per-image state a resumed run uses to skip finished images. */
export class RunRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly insertRun;
  private readonly insertRunImage;
  private readonly selectOne;
  private readonly selectOfProject;
  private readonly updateStatus;
  private readonly selectRunImages;
  private readonly selectPending;
  private readonly startImageRow;
  private readonly finishImageRow;
  private readonly recount;
  private readonly resetRunning;
  private readonly updatePackReport;
  private readonly retryRow;
  private readonly pageInRunOrder;
  private readonly pageByUncertainty;

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.insertRun = db.prepare<[number, string, string, string | null, string | null, number, string], RunRow>(
      `INSERT INTO runs (project_id, kind, config_json, model_pack_id, model_pack_name, image_count, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.insertRunImage = db.prepare<[number, number, number]>('INSERT INTO run_images (run_id, image_id, ordinal) VALUES (?, ?, ?)');
    this.selectOne = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?');
    this.selectOfProject = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE project_id = ? ORDER BY id DESC');
    this.updateStatus = db.prepare<{ id: number; status: string; error: string | null; now: string }>(
      `UPDATE runs SET status = @status, error = @error,
         started_at = CASE WHEN @status = 'running' THEN coalesce(started_at, @now) ELSE started_at END,
         finished_at = CASE WHEN @status IN ('cancelled', 'failed', 'done') THEN @now ELSE NULL END
       WHERE id = @id`,
    );
    this.selectRunImages = db.prepare<[number], RunImageRow>('SELECT run_id, image_id, status, error, uncertainty, final_iteration, started_at, finished_at, summary_json FROM run_images WHERE run_id = ? ORDER BY ordinal');
    this.selectPending = db.prepare<[number], { image_id: number }>(
      `SELECT image_id FROM run_images WHERE run_id = ? AND status IN ('pending', 'running') ORDER BY ordinal`,
    );
    this.startImageRow = db.prepare<[string, number, number]>(
      `UPDATE run_images SET status = 'running', started_at = ?, error = NULL WHERE run_id = ? AND image_id = ?`,
    );
    this.finishImageRow = db.prepare<[string, string | null, number | null, number | null, string | null, string, number, number]>(
      'UPDATE run_images SET status = ?, error = ?, uncertainty = ?, final_iteration = ?, summary_json = ?, finished_at = ? WHERE run_id = ? AND image_id = ?',
    );
    this.updatePackReport = db.prepare<[string, number]>('UPDATE runs SET pack_report_json = ? WHERE id = ?');
    const page = (order: string) =>
      db.prepare<[number, number, number], RunImageRow & { file_name: string }>(
        `SELECT r.run_id, r.image_id, r.status, r.error, r.uncertainty, r.final_iteration, r.started_at, r.finished_at, r.summary_json, i.file_name
         FROM run_images r JOIN images i ON i.id = r.image_id WHERE r.run_id = ? ORDER BY ${order} LIMIT ? OFFSET ?`,
      );
    this.pageInRunOrder = page('r.ordinal');
    // Most uncertain first; images without a score (not done) after them, in run order.
    this.pageByUncertainty = page('r.uncertainty IS NULL, r.uncertainty DESC, r.ordinal');
    this.retryRow = db.prepare<[number, number]>(
      `UPDATE run_images SET status = 'pending', error = NULL, started_at = NULL, finished_at = NULL WHERE run_id = ? AND image_id = ? AND status IN ('failed', 'skipped')`,
    );
    this.recount = db.prepare<[number]>(
      `UPDATE runs SET
         done_count = (SELECT count(*) FROM run_images WHERE run_id = runs.id AND status = 'done'),
         failed_count = (SELECT count(*) FROM run_images WHERE run_id = runs.id AND status = 'failed')
       WHERE id = ?`,
    );
    this.resetRunning = db.prepare<[number]>(`UPDATE run_images SET status = 'pending', started_at = NULL WHERE run_id = ? AND status = 'running'`);
  }

  create(run: NewRun, actor: Actor): RunRecord {
    return this.db.transaction(() => {
      const row = this.insertRun.get(
        run.projectId,
        run.kind,
        toJson(run.config, 'run configuration'),
        run.modelPackId ?? null,
        run.modelPackName ?? null,
        run.imageIds.length,
        this.clock(),
      );
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      run.imageIds.forEach((imageId, ordinal) => this.insertRunImage.run(row.id, imageId, ordinal));
      this.audit.record({
        actor,
        action: 'run.create',
        targetType: 'run',
        targetId: row.id,
        projectId: run.projectId,
        details: { kind: run.kind, images: run.imageIds.length, modelPackId: run.modelPackId ?? null },
      });
      return toRun(row);
    })();
  }

  get(id: number): RunRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toRun(row);
  }

  require(id: number): RunRecord {
    const run = this.get(id);
    if (run === null) throw notFound('run', id);
    return run;
  }

  /** Newest first. */
  ofProject(projectId: number): RunRecord[] {
    return this.selectOfProject.all(projectId).map(toRun);
  }

  setStatus(id: number, status: RunStatus, actor: Actor, error: string | null = null): RunRecord {
    if (!RUN_STATUSES.includes(status)) throw new AppError('invalid_input', `run status must be one of ${RUN_STATUSES.join(', ')}; got "${status}"`);
    return this.db.transaction(() => {
      const before = this.require(id);
      this.updateStatus.run({ id, status, error, now: this.clock() });
      this.audit.record({ actor, action: `run.${status}`, targetType: 'run', targetId: id, projectId: before.projectId, details: { from: before.status, error } });
      return this.require(id);
    })();
  }

  images(runId: number): RunImageRecord[] {
    return this.selectRunImages.all(runId).map(toRunImage);
  }

  /**
   * The images a (resumed) run still has to do, in order. Images left 'running' by a crash count as pending:
   * their partial trace must be cleared (TraceRepository.clearImage) before they run again.
   */
  pendingImageIds(runId: number): number[] {
    return this.selectPending.all(runId).map((row) => row.image_id);
  }

  startImage(runId: number, imageId: number): void {
    this.startImageRow.run(this.clock(), runId, imageId);
  }

  /** Records an image's outcome and refreshes the run's counts, in one transaction. */
  finishImage(runId: number, imageId: number, outcome: RunImageOutcome): void {
    this.db.transaction(() => {
      const changed = this.finishImageRow.run(
        outcome.status,
        outcome.error ?? null,
        outcome.uncertainty ?? null,
        outcome.finalIteration ?? null,
        outcome.summary === undefined || outcome.summary === null ? null : toJson(outcome.summary, 'run image summary'),
        this.clock(),
        runId,
        imageId,
      ).changes;
      if (changed !== 1) throw new AppError('not_found', `image ${imageId} is not part of run ${runId}`);
      this.recount.run(runId);
    })();
  }

  /** One page of a run's images with their file names, in run order or most uncertain first (the review order). */
  imagesPage(runId: number, query: { offset: number; limit: number; order: 'run' | 'uncertainty' }): (RunImageRecord & { fileName: string })[] {
    const statement = query.order === 'uncertainty' ? this.pageByUncertainty : this.pageInRunOrder;
    return statement.all(runId, query.limit, query.offset).map((row) => ({ ...toRunImage(row), fileName: row.file_name }));
  }

  /** Puts a failed or skipped image back in the run's queue (resuming a run tries its failures again). */
  retryImage(runId: number, imageId: number): void {
    this.db.transaction(() => {
      this.retryRow.run(runId, imageId);
      this.recount.run(runId);
    })();
  }

  /** Records which devices the run's models really run on (fallbacks included), each time the run starts. */
  setPackReport(runId: number, report: JsonValue): void {
    this.updatePackReport.run(toJson(report, 'pack report'), runId);
  }

  /** Start-up recovery: images a crash left 'running' go back to 'pending'. */
  resetInterruptedImages(runId: number): number {
    return this.resetRunning.run(runId).changes;
  }
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    config: fromJson(row.config_json),
    modelPackId: row.model_pack_id,
    modelPackName: row.model_pack_name,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    imageCount: row.image_count,
    doneCount: row.done_count,
    failedCount: row.failed_count,
    packReport: row.pack_report_json === null ? null : fromJson(row.pack_report_json),
  };
}

function toRunImage(row: RunImageRow): RunImageRecord {
  return {
    runId: row.run_id,
    imageId: row.image_id,
    status: row.status,
    error: row.error,
    uncertainty: row.uncertainty,
    finalIteration: row.final_iteration,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    summary: row.summary_json === null ? null : fromJson(row.summary_json),
  };
}
