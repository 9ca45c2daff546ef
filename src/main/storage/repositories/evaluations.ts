import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { Db } from '../db';
import type { AuditRepository } from './audit';
import { fromJsonAs, notFound, toJson, type Actor, type Clock } from './common';

export type PredictionSource = 'annotations' | 'run';
export type GroundTruthSource = 'stored' | 'folder';
export type EvaluationProtocol = 'native' | 'paper';

/** The per-image metrics of core/metrics (ImageMetrics), by the same keys. */
export const IMAGE_METRIC_COLUMNS = {
  MAE: 'mae',
  Sm: 's_measure',
  wFm: 'weighted_f',
  adpEm: 'adaptive_e',
  meanEm: 'mean_e',
  maxEm: 'max_e',
  adpFm: 'adaptive_f',
  meanFm: 'mean_f',
  maxFm: 'max_f',
  meanDice: 'mean_dice',
  meanIoU: 'mean_iou',
  binDice: 'binary_dice',
  binIoU: 'binary_iou',
} as const;
export type ImageMetricKey = keyof typeof IMAGE_METRIC_COLUMNS;
export const IMAGE_METRIC_KEYS = Object.keys(IMAGE_METRIC_COLUMNS) as ImageMetricKey[];
export type ImageMetricValues = { readonly [K in ImageMetricKey]: number };

/** Dataset metrics as core/metrics DatasetMetrics aggregates them (same keys), with n the number of evaluated images. */
export type DatasetMetricValues = ImageMetricValues & { readonly n: number };

/** Dataset curves, index t = threshold t (0..255), averaged over images as PySODMetrics does. */
export interface EvaluationCurves {
  readonly precision: number[];
  readonly recall: number[];
  /** F-measure (beta^2 = 0.3) over thresholds. */
  readonly fm: number[];
  /** E-measure over thresholds. */
  readonly em: number[];
}

/** Something that kept an image out of the evaluation (or a caveat), named by file or image. */
export interface EvaluationProblem {
  readonly file: string;
  readonly reason: string;
}

export interface EvaluationSpec {
  readonly projectId: number;
  readonly predictionSource: PredictionSource;
  readonly runId: number | null;
  /** The prediction in words: "current annotations", "run 3 (tiny-int)". */
  readonly predictionLabel: string;
  readonly modelPackId: string | null;
  readonly modelPackName: string | null;
  readonly gtSource: GroundTruthSource;
  readonly gtFolder: string | null;
  readonly protocol: EvaluationProtocol;
}

export interface NewEvaluation extends EvaluationSpec {
  readonly softPredictions: number;
  readonly metrics: DatasetMetricValues;
  readonly curves: EvaluationCurves | null;
  readonly problems: readonly EvaluationProblem[];
}

export interface EvaluationRecord extends EvaluationSpec {
  readonly id: number;
  readonly softPredictions: number;
  readonly imageCount: number;
  readonly metrics: DatasetMetricValues;
  readonly problemCount: number;
  readonly createdBy: Actor;
  readonly createdAt: string;
}

export interface EvaluationDetail extends EvaluationRecord {
  readonly curves: EvaluationCurves | null;
  readonly problems: EvaluationProblem[];
}

export interface ImageEvaluation {
  readonly imageId: number;
  readonly fileName: string;
  /** True when the prediction was a soft mask. */
  readonly soft: boolean;
  readonly metrics: ImageMetricValues;
}

export type ImageSortKey = 'fileName' | ImageMetricKey;

export interface ImageEvaluationQuery {
  readonly sort?: ImageSortKey;
  readonly descending?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

interface EvaluationRow {
  id: number;
  project_id: number;
  prediction_source: PredictionSource;
  run_id: number | null;
  prediction_label: string;
  model_pack_id: string | null;
  model_pack_name: string | null;
  gt_source: GroundTruthSource;
  gt_folder: string | null;
  protocol: EvaluationProtocol;
  soft_predictions: number;
  image_count: number;
  metrics_json: string;
  problem_count: number;
  created_by: string;
  created_at: string;
}

type ImageRow = { image_id: number; file_name: string; soft: number } & { [column: string]: number | string };

const metricValues = z.object(Object.fromEntries(IMAGE_METRIC_KEYS.map((key) => [key, z.number()])) as Record<ImageMetricKey, z.ZodNumber>);
const datasetMetricsSchema = metricValues.extend({ n: z.number().int().nonnegative() });
const curve = z.array(z.number()).length(256);
const curvesSchema = z.object({ precision: curve, recall: curve, fm: curve, em: curve });
const problemsSchema = z.array(z.object({ file: z.string(), reason: z.string() }));

const SUMMARY_COLUMNS = `id, project_id, prediction_source, run_id, prediction_label, model_pack_id, model_pack_name, gt_source, gt_folder,
  protocol, soft_predictions, image_count, metrics_json, json_array_length(problems_json) AS problem_count, created_by, created_at`;

const METRIC_COLUMN_LIST = IMAGE_METRIC_KEYS.map((key) => IMAGE_METRIC_COLUMNS[key]);

/**
 * Stored evaluations of a project. Saving an evaluation of the same prediction source, GT source and protocol
 * replaces the earlier one (a re-evaluation supersedes it), in one audited transaction with its image rows.
 */
export class EvaluationRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly insertRow;
  private readonly insertImage;
  private readonly selectSame;
  private readonly deleteRow;
  private readonly selectOne;
  private readonly selectOfProject;
  private readonly selectDetail;
  private readonly countImages;
  private readonly pageQueries = new Map<string, Statement<[number, number, number], ImageRow>>();

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.insertRow = db.prepare<
      [number, string, number | null, string, string | null, string | null, string, string | null, string, number, number, string, string | null, string, string, string],
      { id: number }
    >(
      `INSERT INTO evaluations (project_id, prediction_source, run_id, prediction_label, model_pack_id, model_pack_name, gt_source, gt_folder,
         protocol, soft_predictions, image_count, metrics_json, curves_json, problems_json, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.insertImage = db.prepare<(number | string)[]>(
      `INSERT INTO evaluation_images (evaluation_id, image_id, file_name, soft, ${METRIC_COLUMN_LIST.join(', ')})
       VALUES (${new Array(4 + METRIC_COLUMN_LIST.length).fill('?').join(', ')})`,
    );
    this.selectSame = db.prepare<{ projectId: number; source: string; runId: number | null; gtSource: string; gtFolder: string | null; protocol: string }, { id: number }>(
      `SELECT id FROM evaluations WHERE project_id = @projectId AND prediction_source = @source AND run_id IS @runId
         AND gt_source = @gtSource AND gt_folder IS @gtFolder AND protocol = @protocol`,
    );
    this.deleteRow = db.prepare<[number]>('DELETE FROM evaluations WHERE id = ?');
    this.selectOne = db.prepare<[number], EvaluationRow>(`SELECT ${SUMMARY_COLUMNS} FROM evaluations WHERE id = ?`);
    this.selectOfProject = db.prepare<[number], EvaluationRow>(`SELECT ${SUMMARY_COLUMNS} FROM evaluations WHERE project_id = ? ORDER BY id DESC`);
    this.selectDetail = db.prepare<[number], { curves_json: string | null; problems_json: string }>('SELECT curves_json, problems_json FROM evaluations WHERE id = ?');
    this.countImages = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM evaluation_images WHERE evaluation_id = ?');
  }

  /** Stores an evaluation with its per-image rows, replacing an earlier evaluation of the same spec. */
  save(evaluation: NewEvaluation, images: readonly ImageEvaluation[], actor: Actor): EvaluationRecord {
    const metrics = datasetMetricsSchema.parse(evaluation.metrics);
    return this.db.transaction(() => {
      const replaced = this.selectSame
        .all({
          projectId: evaluation.projectId,
          source: evaluation.predictionSource,
          runId: evaluation.runId,
          gtSource: evaluation.gtSource,
          gtFolder: evaluation.gtFolder,
          protocol: evaluation.protocol,
        })
        .map((row) => row.id);
      for (const id of replaced) this.deleteRow.run(id);
      const row = this.insertRow.get(
        evaluation.projectId,
        evaluation.predictionSource,
        evaluation.runId,
        evaluation.predictionLabel,
        evaluation.modelPackId,
        evaluation.modelPackName,
        evaluation.gtSource,
        evaluation.gtFolder,
        evaluation.protocol,
        evaluation.softPredictions,
        images.length,
        toJson(metrics, 'evaluation metrics'),
        evaluation.curves === null ? null : toJson(evaluation.curves, 'evaluation curves'),
        toJson(evaluation.problems, 'evaluation problems'),
        actor,
        this.clock(),
      );
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      for (const image of images) {
        this.insertImage.run(row.id, image.imageId, image.fileName, image.soft ? 1 : 0, ...IMAGE_METRIC_KEYS.map((key) => finite(image.metrics[key], key, image.fileName)));
      }
      this.audit.record({
        actor,
        action: 'evaluation.create',
        targetType: 'evaluation',
        targetId: row.id,
        projectId: evaluation.projectId,
        details: {
          prediction: evaluation.predictionLabel,
          runId: evaluation.runId,
          gtSource: evaluation.gtSource,
          gtFolder: evaluation.gtFolder,
          protocol: evaluation.protocol,
          images: images.length,
          problems: evaluation.problems.length,
          replaced,
        },
      });
      return this.require(row.id);
    })();
  }

  get(id: number): EvaluationRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toRecord(row);
  }

  require(id: number): EvaluationRecord {
    const record = this.get(id);
    if (record === null) throw notFound('evaluation', id);
    return record;
  }

  /** Newest first. */
  ofProject(projectId: number): EvaluationRecord[] {
    return this.selectOfProject.all(projectId).map(toRecord);
  }

  detail(id: number): EvaluationDetail {
    const record = this.require(id);
    const row = this.selectDetail.get(id);
    if (row === undefined) throw notFound('evaluation', id);
    return {
      ...record,
      curves: row.curves_json === null ? null : fromJsonAs(row.curves_json, curvesSchema, 'evaluation curves'),
      problems: fromJsonAs(row.problems_json, problemsSchema, 'evaluation problems'),
    };
  }

  /** One page of per-image rows, sorted in SQL (ties by file name, then image id, so pages never overlap). */
  images(id: number, query: ImageEvaluationQuery = {}): { total: number; items: ImageEvaluation[] } {
    this.require(id);
    const sort = query.sort ?? 'fileName';
    const column = sort === 'fileName' ? 'file_name' : IMAGE_METRIC_COLUMNS[sort];
    const direction = query.descending === true ? 'DESC' : 'ASC';
    const key = `${column} ${direction}`;
    let statement = this.pageQueries.get(key);
    if (statement === undefined) {
      statement = this.db.prepare<[number, number, number], ImageRow>(
        `SELECT image_id, file_name, soft, ${METRIC_COLUMN_LIST.join(', ')} FROM evaluation_images WHERE evaluation_id = ?
         ORDER BY ${column} ${direction}, file_name ${direction}, image_id ${direction} LIMIT ? OFFSET ?`,
      );
      this.pageQueries.set(key, statement);
    }
    const limit = Math.max(1, Math.min(query.limit ?? 100, 1000));
    const offset = Math.max(0, query.offset ?? 0);
    const rows = statement.all(id, limit, offset);
    return {
      total: this.countImages.get(id)?.n ?? 0,
      items: rows.map((row) => ({
        imageId: row.image_id,
        fileName: row.file_name,
        soft: row.soft === 1,
        metrics: Object.fromEntries(IMAGE_METRIC_KEYS.map((metric) => [metric, Number(row[IMAGE_METRIC_COLUMNS[metric]])])) as ImageMetricValues,
      })),
    };
  }

  delete(id: number, actor: Actor): boolean {
    return this.db.transaction(() => {
      const before = this.get(id);
      if (before === null) return false;
      this.deleteRow.run(id);
      this.audit.record({ actor, action: 'evaluation.delete', targetType: 'evaluation', targetId: id, projectId: before.projectId, details: { prediction: before.predictionLabel } });
      return true;
    })();
  }
}

function finite(value: number, key: string, fileName: string): number {
  if (!Number.isFinite(value)) throw new Error(`metric ${key} of ${fileName} is ${value}; only finite values are stored`);
  return value;
}

function toRecord(row: EvaluationRow): EvaluationRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    predictionSource: row.prediction_source,
    runId: row.run_id,
    predictionLabel: row.prediction_label,
    modelPackId: row.model_pack_id,
    modelPackName: row.model_pack_name,
    gtSource: row.gt_source,
    gtFolder: row.gt_folder,
    protocol: row.protocol,
    softPredictions: row.soft_predictions,
    imageCount: row.image_count,
    metrics: fromJsonAs(row.metrics_json, datasetMetricsSchema, 'evaluation metrics'),
    problemCount: row.problem_count,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
