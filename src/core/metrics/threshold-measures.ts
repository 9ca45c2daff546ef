/**
 * The threshold-based measures of PySODMetrics, computed from per-value histograms (no per-pixel
 * work here): E-measure (Emeasure), F-measure (Fmeasure / FmeasureHandler, beta^2 = 0.3), Dice and
 * IoU (FmeasureV2 DICEHandler / IOUHandler).
 *
 * Curves: index t holds the value for "prediction >= t" where the prediction is quantised as
 * PySODMetrics does (uint8(normalised * 255), truncating). PySODMetrics stores the same 256 values in
 * the opposite order (index 0 = threshold 255); means and maxima are unaffected.
 */
import { EPS, F_BETA2, THRESHOLDS } from './constants';

/** Counts of one binarisation: true and false positives; with FG and N the rest follows. */
export interface BinaryCounts {
  readonly tp: number;
  readonly fp: number;
}

/** Emeasure.cal_em_with_threshold / cal_em_with_cumsumhistogram for one threshold. */
export function enhancedMeasure(tp: number, fp: number, fg: number, n: number): number {
  const predFg = tp + fp;
  const predBg = n - predFg;
  let sum: number;
  if (fg === 0) sum = predBg;
  else if (fg === n) sum = predFg;
  else {
    const bgFg = fg - tp;
    const bgBg = predBg - bgFg;
    const meanPred = predFg / n;
    const meanGt = fg / n;
    const predFgValue = 1 - meanPred;
    const predBgValue = 0 - meanPred;
    const gtFgValue = 1 - meanGt;
    const gtBgValue = 0 - meanGt;
    sum =
      enhancedPart(predFgValue, gtFgValue) * tp +
      enhancedPart(predFgValue, gtBgValue) * fp +
      enhancedPart(predBgValue, gtFgValue) * bgFg +
      enhancedPart(predBgValue, gtBgValue) * bgBg;
  }
  return sum / (n - 1 + EPS);
}

function enhancedPart(a: number, b: number): number {
  // x * x rather than x ** 2: numpy squares exactly, Math.pow is not guaranteed to.
  const align = (2 * (a * b)) / (a * a + b * b + EPS);
  return ((align + 1) * (align + 1)) / 4;
}

/** Fmeasure.cal_pr / FmeasureHandler with beta^2 = 0.3 (0 where precision and recall are 0). */
export function fMeasure(tp: number, fp: number, fg: number): number {
  const precision = precisionOf(tp, fp);
  const recall = recallOf(tp, fg);
  const numerator = (1 + F_BETA2) * precision * recall;
  const denominator = numerator === 0 ? 1 : F_BETA2 * precision + recall;
  return numerator / denominator;
}

/** Fmeasure.cal_pr precision: TP / predicted positives, with 0 predicted positives counted as 1 (so 0). */
export function precisionOf(tp: number, fp: number): number {
  return tp / (tp + fp === 0 ? 1 : tp + fp);
}

/** Fmeasure.cal_pr recall: TP / max(GT foreground, 1). */
export function recallOf(tp: number, fg: number): number {
  return tp / Math.max(fg, 1);
}

/** DICEHandler: 2tp / (tp + fn + tp + fp), 0 when the denominator is 0. */
export function dice(tp: number, fp: number, fg: number): number {
  const denominator = fg + tp + fp;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/** IOUHandler: tp / (tp + fp + fn), 0 when the denominator is 0. */
export function iou(tp: number, fp: number, fg: number): number {
  const denominator = fg + fp;
  return denominator === 0 ? 0 : tp / denominator;
}

export interface ThresholdCurves {
  readonly em: Float64Array;
  readonly fm: Float64Array;
  readonly dice: Float64Array;
  readonly iou: Float64Array;
  /** Fmeasure.cal_pr precisions and recalls (PySODMetrics' "pr" result, averaged over images by the aggregator). */
  readonly precision: Float64Array;
  readonly recall: Float64Array;
}

export function emptyCurves(): ThresholdCurves {
  return {
    em: new Float64Array(THRESHOLDS),
    fm: new Float64Array(THRESHOLDS),
    dice: new Float64Array(THRESHOLDS),
    iou: new Float64Array(THRESHOLDS),
    precision: new Float64Array(THRESHOLDS),
    recall: new Float64Array(THRESHOLDS),
  };
}

/**
 * Fills the curves from histograms of the quantised prediction over GT foreground and
 * background (qFg[t], qBg[t] = number of pixels quantised to t).
 */
export function fillCurves(qFg: Float64Array, qBg: Float64Array, fg: number, n: number, out: ThresholdCurves): void {
  let tp = 0;
  let fp = 0;
  for (let t = THRESHOLDS - 1; t >= 0; t--) {
    tp += qFg[t]!;
    fp += qBg[t]!;
    out.em[t] = enhancedMeasure(tp, fp, fg, n);
    out.fm[t] = fMeasure(tp, fp, fg);
    out.dice[t] = dice(tp, fp, fg);
    out.iou[t] = iou(tp, fp, fg);
    out.precision[t] = precisionOf(tp, fp);
    out.recall[t] = recallOf(tp, fg);
  }
}
