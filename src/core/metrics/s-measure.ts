/**
 * S-measure (structure measure, Fan et al. ICCV 2017) as PySODMetrics 1.6.2 Smeasure computes it
 * (alpha = 0.5), including 1.6.2's stability changes (std of a single pixel is 0; covariances divide
 * by N - 1 + EPS).
 *
 * Sums that feed PySODMetrics' exact tests (`alpha != 0`, `alpha == 0 and beta == 0` in ssim) are
 * taken in numpy's order (numpy-sum.ts); the object score only needs tolerance and uses histograms.
 *
 * Deviation, deliberate: when the foreground centroid falls in the last row or column, one or two
 * of the four regions are empty. PySODMetrics then takes the mean of an empty array: 1.6.2 returns
 * NaN for the image (and the dataset mean becomes NaN), 1.6.0 returns 0 for the image. Here an empty
 * region contributes 0, which is what its weight (0) means; every other case agrees with 1.6.2.
 */
import { EPS, S_ALPHA, roundHalfEven } from './constants';
import { numpySum } from './numpy-sum';
import type { PreparedPair } from './prepared-pair';

/** Reused scratch for region sums. */
export class SMeasureBuffers {
  values = new Float64Array(0);
  products = new Float64Array(0);

  ensure(n: number): void {
    if (this.values.length < n) {
      this.values = new Float64Array(n);
      this.products = new Float64Array(n);
    }
  }
}

/** `meanPred` is np.mean(pred) in numpy's order (shared with the adaptive thresholds). */
export function sMeasure(pair: PreparedPair, meanPred: number, buffers: SMeasureBuffers): number {
  const n = pair.width * pair.height;
  if (pair.fg === 0) return 1 - meanPred;
  if (pair.fg === n) return meanPred;
  const objectScore = objectMeasure(pair) * S_ALPHA;
  const regionScore = regionMeasure(pair, buffers) * (1 - S_ALPHA);
  return Math.max(0, objectScore + regionScore);
}

function sObject(count: number, sum: number, sumOfSquaredDeviations: (mean: number) => number): number {
  const mean = sum / count;
  const std = count > 1 ? Math.sqrt(sumOfSquaredDeviations(mean) / (count - 1)) : 0;
  return (2 * mean) / (mean * mean + 1 + std + EPS);
}

function objectMeasure(pair: PreparedPair): number {
  const { lut, histFg, histBg, fg } = pair;
  const n = pair.width * pair.height;
  const bg = n - fg;
  const gtMean = fg / n;
  let fgSum = 0;
  let bgSum = 0;
  for (let v = 0; v < 256; v++) {
    fgSum += histFg[v]! * lut[v]!;
    bgSum += histBg[v]! * (1 - lut[v]!);
  }
  const fgScore =
    sObject(fg, fgSum, (mean) => {
      let s = 0;
      for (let v = 0; v < 256; v++) if (histFg[v]! > 0) s += histFg[v]! * (lut[v]! - mean) * (lut[v]! - mean);
      return s;
    }) * gtMean;
  const bgScore =
    sObject(bg, bgSum, (mean) => {
      let s = 0;
      for (let v = 0; v < 256; v++) if (histBg[v]! > 0) s += histBg[v]! * (1 - lut[v]! - mean) * (1 - lut[v]! - mean);
      return s;
    }) * (1 - gtMean);
  return fgScore + bgScore;
}

function regionMeasure(pair: PreparedPair, buffers: SMeasureBuffers): number {
  const { width: w, height: h, fg } = pair;
  const area = h * w;
  const cy = roundHalfEven(pair.sumRows / fg) + 1;
  const cx = roundHalfEven(pair.sumCols / fg) + 1;
  const wLt = (cx * cy) / area;
  const wRt = (cy * (w - cx)) / area;
  const wLb = ((h - cy) * cx) / area;
  const wRb = 1 - wLt - wRt - wLb;
  buffers.ensure(area);
  const lt = ssim(pair, buffers, 0, cy, 0, cx) * wLt;
  const rt = ssim(pair, buffers, 0, cy, cx, w) * wRt;
  const lb = ssim(pair, buffers, cy, h, 0, cx) * wLb;
  const rb = ssim(pair, buffers, cy, h, cx, w) * wRb;
  return lt + rt + lb + rb;
}

/** Smeasure.ssim over rows [y0, y1) and columns [x0, x1); 0 for an empty region (see file comment). */
function ssim(pair: PreparedPair, buffers: SMeasureBuffers, y0: number, y1: number, x0: number, x1: number): number {
  const count = (y1 - y0) * (x1 - x0);
  if (count <= 0) return 0;
  const { pred, gt, width } = pair;
  const values = buffers.values;
  const products = buffers.products;
  let k = 0;
  let fgCount = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      values[k++] = pred[row + x]!;
      fgCount += gt[row + x]!;
    }
  }
  const x = numpySum(values, count) / count;
  const y = fgCount / count;
  // values <- (pred - x); products <- (pred - x)^2, then (pred - x) * (gt - y), each summed in numpy order.
  for (let i = 0; i < count; i++) {
    const d = values[i]! - x;
    values[i] = d;
    products[i] = d * d;
  }
  const sigmaX = numpySum(products, count) / (count - 1 + EPS);
  const gtFg = 1 - y;
  const gtBg = 0 - y;
  const sigmaY = (fgCount * (gtFg * gtFg) + (count - fgCount) * (gtBg * gtBg)) / (count - 1 + EPS);
  k = 0;
  for (let yy = y0; yy < y1; yy++) {
    const row = yy * width;
    for (let xx = x0; xx < x1; xx++, k++) products[k] = values[k]! * (gt[row + xx] !== 0 ? gtFg : gtBg);
  }
  const sigmaXY = numpySum(products, count) / (count - 1 + EPS);
  const alpha = 4 * x * y * sigmaXY;
  const beta = (x * x + y * y) * (sigmaX + sigmaY);
  if (alpha !== 0) return alpha / (beta + EPS);
  if (beta === 0) return 1;
  return 0;
}
