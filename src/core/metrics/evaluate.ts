/**
 * Per-image metrics and dataset aggregation with the definitions of PySODMetrics 1.6 (INT.md
 * section 7). Each image is evaluated once and only its scalars and four 256-value curves are kept,
 * so a dataset of any size is evaluated in constant memory.
 *
 * Per image (PySODMetrics class -> key):
 *   MAE -> MAE; Smeasure -> Sm; WeightedFmeasure (beta^2 given by the protocol) -> wFm;
 *   Emeasure adaptive -> adpEm; Fmeasure adaptive (beta^2 = 0.3) -> adpFm;
 *   FmeasureV2 DICEHandler / IOUHandler with_binary, sample_based (pred > 0.5) -> binDice / binIoU;
 *   curves (E-measure, F-measure, Dice, IoU over thresholds 0..255).
 * Dataset (as PySODMetrics' get_results and its metric recorders aggregate):
 *   MAE, Sm, wFm, adpEm, adpFm, binDice, binIoU: mean of the per-image values;
 *   meanEm / maxEm, meanFm / maxFm, meanDice, meanIoU: the curves are averaged over images first
 *   (np.mean(curves, axis=0)), then the mean / the maximum over the 256 thresholds is taken.
 * Per-image rows also report the mean / max of that image's own curves.
 */
import type { GrayImage } from '../image';
import { THRESHOLDS } from './constants';
import { numpyMean } from './numpy-sum';
import { PairBuffers, preparePair } from './prepared-pair';
import { SMeasureBuffers, sMeasure } from './s-measure';
import { dice, emptyCurves, enhancedMeasure, fillCurves, fMeasure, iou, type ThresholdCurves } from './threshold-measures';
import { WeightedFBuffers, weightedFMeasure } from './weighted-f-measure';

export interface ImageMetrics {
  readonly MAE: number;
  readonly Sm: number;
  readonly wFm: number;
  readonly adpEm: number;
  readonly meanEm: number;
  readonly maxEm: number;
  readonly adpFm: number;
  readonly meanFm: number;
  readonly maxFm: number;
  readonly meanDice: number;
  readonly meanIoU: number;
  readonly binDice: number;
  readonly binIoU: number;
}

export interface DatasetMetrics {
  /** Number of evaluated pairs. With n = 0 every metric is NaN. */
  readonly n: number;
  readonly MAE: number;
  readonly Sm: number;
  readonly meanEm: number;
  readonly adpEm: number;
  readonly maxEm: number;
  readonly adpFm: number;
  readonly meanFm: number;
  readonly maxFm: number;
  readonly wFm: number;
  readonly meanDice: number;
  readonly meanIoU: number;
  readonly binDice: number;
  readonly binIoU: number;
}

export const DATASET_METRIC_KEYS = [
  'MAE',
  'Sm',
  'meanEm',
  'adpEm',
  'maxEm',
  'adpFm',
  'meanFm',
  'maxFm',
  'wFm',
  'meanDice',
  'meanIoU',
  'binDice',
  'binIoU',
] as const satisfies readonly (keyof DatasetMetrics)[];

export interface PairEvaluation {
  readonly metrics: ImageMetrics;
  /** Index t: value for prediction >= t (quantised). Owned by the evaluator: copy to keep. */
  readonly curves: ThresholdCurves;
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

function max(values: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

/**
 * Evaluates same-size pairs of an 8-bit prediction and an 8-bit GT. Reuses its buffers between
 * calls; not safe to share between concurrent callers.
 */
export class PairEvaluator {
  private readonly pairBuffers = new PairBuffers();
  private readonly sBuffers = new SMeasureBuffers();
  private readonly wBuffers = new WeightedFBuffers();
  private readonly curves = emptyCurves();
  private readonly qFg = new Float64Array(THRESHOLDS);
  private readonly qBg = new Float64Array(THRESHOLDS);

  /** `weightedFBeta` is the weighted F-measure's beta^2 (1 native, 0.3 paper). */
  constructor(private readonly weightedFBeta: number = 1) {}

  evaluate(pred: GrayImage, gt: GrayImage): PairEvaluation {
    const pair = preparePair(pred, gt, this.pairBuffers);
    const n = pair.width * pair.height;
    const { lut, histFg, histBg, fg } = pair;

    // np.mean(pred) in numpy's order: the adaptive threshold compares it exactly with pixel values.
    const meanPred = numpyMean(pair.pred, n);
    const adaptiveThreshold = Math.min(2 * meanPred, 1);

    let absError = 0;
    let adaptiveTp = 0;
    let adaptiveFp = 0;
    let binaryTp = 0;
    let binaryFp = 0;
    this.qFg.fill(0);
    this.qBg.fill(0);
    for (let v = 0; v < 256; v++) {
      const cf = histFg[v]!;
      const cb = histBg[v]!;
      if (cf === 0 && cb === 0) continue;
      const p = lut[v]!;
      absError += cb * p + cf * (1 - p);
      const q = Math.trunc(p * 255);
      this.qFg[q]! += cf;
      this.qBg[q]! += cb;
      if (p >= adaptiveThreshold) {
        adaptiveTp += cf;
        adaptiveFp += cb;
      }
      if (p > 0.5) {
        binaryTp += cf;
        binaryFp += cb;
      }
    }
    fillCurves(this.qFg, this.qBg, fg, n, this.curves);

    const metrics: ImageMetrics = {
      MAE: absError / n,
      Sm: sMeasure(pair, meanPred, this.sBuffers),
      wFm: weightedFMeasure(pair, this.weightedFBeta, this.wBuffers),
      adpEm: enhancedMeasure(adaptiveTp, adaptiveFp, fg, n),
      meanEm: mean(this.curves.em),
      maxEm: max(this.curves.em),
      adpFm: fMeasure(adaptiveTp, adaptiveFp, fg),
      meanFm: mean(this.curves.fm),
      maxFm: max(this.curves.fm),
      meanDice: mean(this.curves.dice),
      meanIoU: mean(this.curves.iou),
      binDice: dice(binaryTp, binaryFp, fg),
      binIoU: iou(binaryTp, binaryFp, fg),
    };
    return { metrics, curves: this.curves };
  }
}

/** Running dataset aggregation (see the file comment); add() pairs one at a time. */
export class MetricsAggregator {
  private n = 0;
  private readonly sums = { MAE: 0, Sm: 0, wFm: 0, adpEm: 0, adpFm: 0, binDice: 0, binIoU: 0 };
  private readonly curveSums = emptyCurves();

  add(evaluation: PairEvaluation): void {
    const { metrics, curves } = evaluation;
    this.n++;
    this.sums.MAE += metrics.MAE;
    this.sums.Sm += metrics.Sm;
    this.sums.wFm += metrics.wFm;
    this.sums.adpEm += metrics.adpEm;
    this.sums.adpFm += metrics.adpFm;
    this.sums.binDice += metrics.binDice;
    this.sums.binIoU += metrics.binIoU;
    for (let t = 0; t < THRESHOLDS; t++) {
      this.curveSums.em[t]! += curves.em[t]!;
      this.curveSums.fm[t]! += curves.fm[t]!;
      this.curveSums.dice[t]! += curves.dice[t]!;
      this.curveSums.iou[t]! += curves.iou[t]!;
      this.curveSums.precision[t]! += curves.precision[t]!;
      this.curveSums.recall[t]! += curves.recall[t]!;
    }
  }

  /**
   * The dataset curves, index t = threshold t: every curve averaged over images (np.mean(curves,
   * axis=0), as PySODMetrics' get_results does for "fm", "em" and "pr"). Null before the first pair.
   */
  curves(): ThresholdCurves | null {
    const n = this.n;
    if (n === 0) return null;
    const average = (c: Float64Array): Float64Array => c.map((v) => v / n);
    const sums = this.curveSums;
    return {
      em: average(sums.em),
      fm: average(sums.fm),
      dice: average(sums.dice),
      iou: average(sums.iou),
      precision: average(sums.precision),
      recall: average(sums.recall),
    };
  }

  get count(): number {
    return this.n;
  }

  result(): DatasetMetrics {
    const n = this.n;
    if (n === 0) {
      const empty = Object.fromEntries(DATASET_METRIC_KEYS.map((k) => [k, Number.NaN])) as Record<(typeof DATASET_METRIC_KEYS)[number], number>;
      return { n: 0, ...empty };
    }
    const average = (c: Float64Array): Float64Array => c.map((v) => v / n);
    const em = average(this.curveSums.em);
    const fm = average(this.curveSums.fm);
    return {
      n,
      MAE: this.sums.MAE / n,
      Sm: this.sums.Sm / n,
      meanEm: mean(em),
      adpEm: this.sums.adpEm / n,
      maxEm: max(em),
      adpFm: this.sums.adpFm / n,
      meanFm: mean(fm),
      maxFm: max(fm),
      wFm: this.sums.wFm / n,
      meanDice: mean(average(this.curveSums.dice)),
      meanIoU: mean(average(this.curveSums.iou)),
      binDice: this.sums.binDice / n,
      binIoU: this.sums.binIoU / n,
    };
  }
}

