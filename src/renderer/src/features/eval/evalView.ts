/**
 * Pure helpers of the evaluation view: metric columns and their formatting, the comparison with the paper's
 * numbers, and the series the plots draw (kept apart from React so they are tested without a DOM).
 */
import type { EvaluationCurves, EvaluationSummary, ImageMetricKey, ImageSortKey } from '../../../../shared/dto/evaluation';
import { LOWER_IS_BETTER } from '../../../../shared/dto/evaluation';
import { PAPER_DATASETS, defaultPaperDataset, type PaperDataset, type PaperScores } from '../../../../shared/paper-results';

export interface MetricColumn {
  readonly key: ImageMetricKey;
  /** Short header. */
  readonly label: string;
  /** What it is, for the header's tooltip. */
  readonly title: string;
}

/** The paper's four columns (INT.md section 8): MAE / weighted F (beta^2 0.3 under the paper protocol) / mean E / S. */
export const PAPER_COLUMNS: readonly (MetricColumn & { readonly key: keyof PaperScores })[] = [
  { key: 'MAE', label: 'M', title: 'MAE: mean absolute error (lower is better)' },
  { key: 'wFm', label: 'Fw', title: 'Weighted F-measure (beta² = 0.3 under the paper protocol, 1 under native)' },
  { key: 'meanEm', label: 'Emean', title: 'E-measure, mean over the 256 thresholds' },
  { key: 'Sm', label: 'S', title: 'S-measure (alpha = 0.5)' },
];

/** The other dataset metrics, shown after the paper's four. */
export const MORE_COLUMNS: readonly MetricColumn[] = [
  { key: 'maxFm', label: 'maxF', title: 'F-measure (beta² = 0.3), maximum over thresholds' },
  { key: 'meanFm', label: 'meanF', title: 'F-measure (beta² = 0.3), mean over thresholds' },
  { key: 'binDice', label: 'Dice', title: 'Dice of the mask binarised at 0.5' },
  { key: 'binIoU', label: 'IoU', title: 'IoU of the mask binarised at 0.5' },
];

/** Columns of the per-image table. */
export const IMAGE_COLUMNS: readonly MetricColumn[] = [...PAPER_COLUMNS, { key: 'maxEm', label: 'maxE', title: 'E-measure, maximum over thresholds' }, ...MORE_COLUMNS];

export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(3);
}

export type Comparison = 'better' | 'worse' | 'same';

/** How `ours` compares with a published value, at the paper's three decimals. */
export function compareWithPaper(key: ImageMetricKey, ours: number, paper: number): Comparison {
  const a = Math.round(ours * 1000);
  const b = Math.round(paper * 1000);
  if (a === b) return 'same';
  const lowerIsBetter = LOWER_IS_BETTER.has(key);
  return (a < b) === lowerIsBetter ? 'better' : 'worse';
}

/**
 * The dataset a project compares with: the user's choice ('none' for no comparison), else the default for the
 * project's task prompt (polyp: Kvasir, camouflaged: COD10K, skin lesion: ISIC), else none.
 */
export function chosenPaperDataset(choice: string | null, taskPrompt: string): PaperDataset | null {
  if (choice === 'none') return null;
  const chosen = choice === null ? null : (PAPER_DATASETS.find((dataset) => dataset.id === choice) ?? null);
  return chosen ?? defaultPaperDataset(taskPrompt);
}

/** Where the prediction of an evaluation came from, in words. */
export function describeSource(evaluation: EvaluationSummary): string {
  if (evaluation.predictionSource === 'annotations') return 'Current annotations';
  return evaluation.runId === null ? `${evaluation.predictionLabel} (deleted)` : evaluation.predictionLabel.replace(/^run/, 'Run');
}

export function describeGroundTruth(evaluation: EvaluationSummary): string {
  return evaluation.gtSource === 'stored' ? 'Stored ground truth' : (evaluation.gtFolder ?? 'GT folder');
}

export interface XYSeries {
  readonly x: number[];
  readonly y: number[];
}

/**
 * The precision-recall curve for a plot with an ascending x axis: thresholds from 255 down to 0 give recall
 * in non-decreasing order. Repeated points (a binary prediction has two distinct ones) are drawn once.
 */
export function precisionRecallSeries(curves: EvaluationCurves): XYSeries {
  const x: number[] = [];
  const y: number[] = [];
  for (let t = curves.recall.length - 1; t >= 0; t--) {
    const recall = curves.recall[t]!;
    const precision = curves.precision[t]!;
    if (x.length > 0 && x[x.length - 1] === recall && y[y.length - 1] === precision) continue;
    x.push(recall);
    y.push(precision);
  }
  return { x, y };
}

/** F-measure (beta^2 = 0.3) against the threshold 0..255. */
export function fMeasureSeries(curves: EvaluationCurves): XYSeries {
  return { x: curves.fm.map((_, t) => t), y: [...curves.fm] };
}

/** The threshold where the F-measure peaks (the first one on ties) and its value. */
export function bestThreshold(curves: EvaluationCurves): { threshold: number; value: number } {
  let threshold = 0;
  for (let t = 1; t < curves.fm.length; t++) if (curves.fm[t]! > curves.fm[threshold]!) threshold = t;
  return { threshold, value: curves.fm[threshold] ?? 0 };
}

export interface SortState {
  readonly key: ImageSortKey;
  readonly descending: boolean;
}

/** Worst first: highest MAE, lowest of everything else. */
export const WORST_FIRST: SortState = { key: 'MAE', descending: true };

/** Clicking a header: the same column flips its direction; a new column starts with its worst values first. */
export function nextSort(current: SortState, key: ImageSortKey): SortState {
  if (current.key === key) return { key, descending: !current.descending };
  if (key === 'fileName') return { key, descending: false };
  return { key, descending: LOWER_IS_BETTER.has(key) };
}
