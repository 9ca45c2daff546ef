/**
 * Weighted F-measure (Margolin et al. CVPR 2014) as PySODMetrics 1.6 WeightedFmeasure computes it:
 *
 *   [Dst, Idxt] = bwdist(GT)                     scipy distance_transform_edt(gt == 0, return_indices)
 *   E = |pred - GT|; Et = E; Et(~GT) = E(Idxt)    error of the nearest GT pixel
 *   EA = Et * K                                   K = fspecial('gaussian', 7, 5), zero padding
 *   MIN_E_EA = GT & EA < E ? EA : E
 *   B = GT ? 1 : 2 - exp(log(0.5) / 5 * Dst)
 *   Ew = MIN_E_EA * B
 *   TPw = |GT| - sum(Ew(GT)); FPw = sum(Ew(~GT)); R = 1 - mean(Ew(GT)); P = TPw / (TPw + FPw + eps)
 *   Q = (1 + beta) R P / (R + beta P + eps)         beta is beta^2: 1 natively, 0.3 in the paper protocol
 *
 * The nearest index is scipy's exactly (distance-transform.ts). The Gaussian, which PySODMetrics
 * builds as the normalised 7x7 outer product exp(-(x^2 + y^2) / 50), is applied separably and only
 * where it is read (GT pixels); that changes rounding by about 1e-16, far inside the 1e-6 agreement.
 * An empty GT gives 0, as in PySODMetrics.
 */
import { EPS } from './constants';
import { featureTransform } from './distance-transform';
import type { PreparedPair } from './prepared-pair';

const RADIUS = 3;
const KERNEL = (() => {
  const k = new Float64Array(2 * RADIUS + 1);
  let sum = 0;
  for (let i = -RADIUS; i <= RADIUS; i++) {
    k[i + RADIUS] = Math.exp(-(i * i) / (2 * 5 * 5));
    sum += k[i + RADIUS]!;
  }
  for (let i = 0; i < k.length; i++) k[i] = k[i]! / sum;
  return k;
})();
const DECAY = Math.log(0.5) / 5;

/**
 * B = 2 - exp(log(0.5) / 5 * sqrt(d2)) depends only on the integer squared distance: memoised for
 * d2 < 2^20 (distances up to 1024 px), filled lazily, identical to computing it each time.
 */
const WEIGHT_TABLE_SIZE = 1 << 20;
let weightTable: Float64Array | undefined;

function backgroundWeight(d2: number): number {
  if (d2 >= WEIGHT_TABLE_SIZE) return 2 - Math.exp(DECAY * Math.sqrt(d2));
  weightTable ??= new Float64Array(WEIGHT_TABLE_SIZE);
  let w = weightTable[d2]!;
  if (w === 0) {
    w = 2 - Math.exp(DECAY * Math.sqrt(d2));
    weightTable[d2] = w;
  }
  return w;
}

export class WeightedFBuffers {
  nearest = new Int32Array(0);
  distanceSquared = new Float64Array(0);
  errorAtNearest = new Float64Array(0);
  horizontal = new Float64Array(0);

  ensure(n: number): void {
    if (this.nearest.length < n) {
      this.nearest = new Int32Array(n);
      this.distanceSquared = new Float64Array(n);
      this.errorAtNearest = new Float64Array(n);
      this.horizontal = new Float64Array(n);
    }
  }
}

export function weightedFMeasure(pair: PreparedPair, beta: number, buffers: WeightedFBuffers): number {
  const { width, height, pred, gt, fg } = pair;
  if (fg === 0) return 0;
  const n = width * height;
  buffers.ensure(n);
  const { nearest, distanceSquared } = featureTransform(gt, width, height, buffers);

  // GT bounding box, widened by the kernel radius: the only place EA is read from.
  const { x0, y0, x1, y1 } = pair.fgBox;
  const hy0 = Math.max(0, y0 - RADIUS);
  const hy1 = Math.min(height - 1, y1 + RADIUS);
  const ex0 = Math.max(0, x0 - RADIUS);
  const ex1 = Math.min(width - 1, x1 + RADIUS);
  // Et(i) = E(nearest(i)) = 1 - pred(nearest(i)), then the horizontal pass of the Gaussian.
  const et = buffers.errorAtNearest;
  const horizontal = buffers.horizontal;
  for (let y = hy0; y <= hy1; y++) {
    const row = y * width;
    for (let x = ex0; x <= ex1; x++) et[row + x] = 1 - pred[nearest[row + x]!]!;
    for (let x = x0; x <= x1; x++) {
      let s = 0;
      const from = Math.max(0, x - RADIUS);
      const to = Math.min(width - 1, x + RADIUS);
      for (let xx = from; xx <= to; xx++) s += KERNEL[xx - x + RADIUS]! * et[row + xx]!;
      horizontal[row + x] = s;
    }
  }
  let sumEwFg = 0;
  let sumEwBg = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const from = Math.max(0, y - RADIUS);
    const to = Math.min(height - 1, y + RADIUS);
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (gt[i] !== 0) {
        const e = 1 - pred[i]!;
        let ea = 0;
        for (let yy = from; yy <= to; yy++) ea += KERNEL[yy - y + RADIUS]! * horizontal[yy * width + x]!;
        sumEwFg += ea < e ? ea : e;
      } else {
        sumEwBg += pred[i]! * backgroundWeight(distanceSquared[i]!);
      }
    }
  }
  const tpw = fg - sumEwFg;
  const fpw = sumEwBg;
  const recall = 1 - sumEwFg / fg;
  const precision = tpw / (tpw + fpw + EPS);
  return ((1 + beta) * recall * precision) / (recall + beta * precision + EPS);
}
