import { openDatabase, type Db } from './db';
import { migrate, type MigrationResult } from './migrate';
import { AnnotationRepository } from './repositories/annotations';
import { AuditRepository } from './repositories/audit';
import { EvaluationRepository } from './repositories/evaluations';
import { GroundTruthRepository } from './repositories/ground-truth';
import { systemClock, type Clock } from './repositories/common';
import { ImageRepository } from './repositories/images';
import { JobRepository } from './repositories/jobs';
import { MaskRepository } from './repositories/masks';
import { ModelPackRepository } from './repositories/model-packs';
import { ProjectRepository } from './repositories/projects';
import { ReviewRepository } from './repositories/review';
import { RunRepository } from './repositories/runs';
import { TraceRepository } from './repositories/trace';

export interface StorageOptions {
  readonly clock?: Clock;
  readonly busyTimeoutMs?: number;
  /** See OpenDatabaseOptions.nativeBinding. */
  readonly nativeBinding?: string;
}

/**
 * The repositories of one database connection, for the composition root. Statements are prepared once,
 * when the storage is opened. Not shared across processes or worker threads: each opens its own.
 */
export interface Storage {
  readonly file: string;
  /** What opening did to the schema (versions before and after, migrations applied). */
  readonly migration: MigrationResult;
  readonly projects: ProjectRepository;
  readonly images: ImageRepository;
  readonly runs: RunRepository;
  readonly traces: TraceRepository;
  readonly masks: MaskRepository;
  readonly annotations: AnnotationRepository;
  readonly reviews: ReviewRepository;
  readonly audit: AuditRepository;
  readonly modelPacks: ModelPackRepository;
  readonly jobs: JobRepository;
  /** Ground truth for evaluation, apart from annotations (migration 3). */
  readonly groundTruth: GroundTruthRepository;
  /** Stored evaluations with per-image metrics and curves (migration 3). */
  readonly evaluations: EvaluationRepository;
  /**
   * Runs fn in one transaction (nested calls become savepoints). Use it when one unit of work spans
   * repositories, e.g. an imported image and the job item that records it. fn must be synchronous.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Opens the database file, migrates it to the newest schema (refusing a newer one) and builds the repositories. */
export function openStorage(file: string, options: StorageOptions = {}): Storage {
  const db = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs, nativeBinding: options.nativeBinding });
  try {
    const migration = migrate(db);
    return createStorage(db, file, migration, options.clock ?? systemClock);
  } catch (error) {
    db.close();
    throw error;
  }
}

function createStorage(db: Db, file: string, migration: MigrationResult, clock: Clock): Storage {
  const audit = new AuditRepository(db, clock);
  const masks = new MaskRepository(db, clock);
  return {
    file,
    migration,
    projects: new ProjectRepository(db, clock, audit),
    images: new ImageRepository(db, clock, audit),
    runs: new RunRepository(db, clock, audit),
    traces: new TraceRepository(db),
    masks,
    annotations: new AnnotationRepository(db, clock, audit, masks),
    reviews: new ReviewRepository(db, clock, audit),
    audit,
    modelPacks: new ModelPackRepository(db, clock, audit),
    jobs: new JobRepository(db, clock),
    groundTruth: new GroundTruthRepository(db, clock, audit),
    evaluations: new EvaluationRepository(db, clock, audit),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => {
      if (db.open) db.close();
    },
  };
}
