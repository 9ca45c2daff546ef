/** Evaluation of a project's predictions against ground truth: inputs, stored records, per-image rows. */
import { z } from 'zod';
import { Id, IsoTime } from './common';
import { AbsolutePath } from './transfer';
import { EVAL_PROTOCOLS } from '../data-formats';

export { EVAL_PROTOCOLS } from '../data-formats';
export const EvalProtocol = z.enum(EVAL_PROTOCOLS);
export type EvalProtocol = z.infer<typeof EvalProtocol>;

/**
 * The per-image metric keys of PySODMetrics as core/metrics names them (INT.md section 7): MAE, S-measure,
 * weighted F, E-measure adaptive / mean / max, F-measure adaptive / mean / max, Dice and IoU (mean over
 * thresholds, and binarised at 0.5).
 */
export const IMAGE_METRIC_KEYS = ['MAE', 'Sm', 'wFm', 'adpEm', 'meanEm', 'maxEm', 'adpFm', 'meanFm', 'maxFm', 'meanDice', 'meanIoU', 'binDice', 'binIoU'] as const;
export type ImageMetricKey = (typeof IMAGE_METRIC_KEYS)[number];

/** Metrics where lower is better (the rest: higher is better). */
export const LOWER_IS_BETTER: ReadonlySet<ImageMetricKey> = new Set(['MAE']);

export const MetricValues = z.object(Object.fromEntries(IMAGE_METRIC_KEYS.map((key) => [key, z.number()])) as Record<ImageMetricKey, z.ZodNumber>);
export type MetricValues = z.infer<typeof MetricValues>;

export const DatasetMetricValues = MetricValues.extend({ n: z.number().int().nonnegative() });
export type DatasetMetricValues = z.infer<typeof DatasetMetricValues>;

const Curve = z.array(z.number()).length(256);
/** Index t = threshold t (prediction >= t on the 0..255 scale), averaged over images as PySODMetrics does. */
export const EvaluationCurves = z.object({ precision: Curve, recall: Curve, fm: Curve, em: Curve });
export type EvaluationCurves = z.infer<typeof EvaluationCurves>;

export const EvaluationProblem = z.object({ file: z.string(), reason: z.string() });
export type EvaluationProblem = z.infer<typeof EvaluationProblem>;

export const EvaluationSummary = z.object({
  id: Id,
  projectId: Id,
  predictionSource: z.enum(['annotations', 'run']),
  runId: Id.nullable(),
  predictionLabel: z.string(),
  modelPackId: z.string().nullable(),
  modelPackName: z.string().nullable(),
  gtSource: z.enum(['stored', 'folder']),
  gtFolder: z.string().nullable(),
  protocol: EvalProtocol,
  softPredictions: z.number().int().nonnegative(),
  imageCount: z.number().int().nonnegative(),
  metrics: DatasetMetricValues,
  problemCount: z.number().int().nonnegative(),
  createdBy: z.string(),
  createdAt: IsoTime,
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const EvaluationDetail = EvaluationSummary.extend({
  curves: EvaluationCurves.nullable(),
  problems: z.array(EvaluationProblem),
});
export type EvaluationDetail = z.infer<typeof EvaluationDetail>;

export const StartEvaluationInput = z
  .object({
    projectId: Id,
    /** Evaluate this run's masks (soft where stored); without it, every image's current annotation. */
    runId: Id.optional(),
    /** GT masks paired by image file basename; without it, the ground truth stored in the project. */
    gtDir: AbsolutePath.optional(),
    protocol: EvalProtocol.default('native'),
  })
  .strict();
export type StartEvaluationInput = z.input<typeof StartEvaluationInput>;

export const EvaluationRef = z.object({ evaluationId: Id }).strict();

export const IMAGE_SORT_KEYS = ['fileName', ...IMAGE_METRIC_KEYS] as const;
export const ImageSortKey = z.enum(IMAGE_SORT_KEYS);
export type ImageSortKey = z.infer<typeof ImageSortKey>;

export const ListEvaluationImagesInput = z
  .object({
    evaluationId: Id,
    sort: ImageSortKey.default('fileName'),
    descending: z.boolean().default(false),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(1000).default(100),
  })
  .strict();
export type ListEvaluationImagesInput = z.input<typeof ListEvaluationImagesInput>;

export const EvaluatedImage = z.object({
  imageId: Id,
  fileName: z.string(),
  soft: z.boolean(),
  metrics: MetricValues,
});
export type EvaluatedImage = z.infer<typeof EvaluatedImage>;

export const EvaluatedImageList = z.object({ total: z.number().int().nonnegative(), items: z.array(EvaluatedImage) });
export type EvaluatedImageList = z.infer<typeof EvaluatedImageList>;

/** What can be evaluated in a project: its current annotations, its runs, and the stored ground truth. */
export const EvaluationSources = z.object({
  imageCount: z.number().int().nonnegative(),
  annotatedImages: z.number().int().nonnegative(),
  groundTruthImages: z.number().int().nonnegative(),
  runs: z.array(
    z.object({
      id: Id,
      kind: z.string(),
      status: z.string(),
      modelPackName: z.string().nullable(),
      createdAt: IsoTime,
      imageCount: z.number().int().nonnegative(),
      doneCount: z.number().int().nonnegative(),
    }),
  ),
});
export type EvaluationSources = z.infer<typeof EvaluationSources>;
