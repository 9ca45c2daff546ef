/**
 * One prediction/GT pair prepared as PySODMetrics' prepare_data does:
 * gt = gt > 128; pred = pred / 255, then min-max normalised when max != min.
 * Because the prediction is 8-bit, every normalised value is lut[v] for its 8-bit value v, so the
 * threshold measures work on 256-bin histograms; the normalised pixels are also materialised (in a
 * reused buffer) for the measures that need them per pixel (S-measure regions, weighted F).
 */
import type { GrayImage } from '../image';

export interface PreparedPair {
  readonly width: number;
  readonly height: number;
  /** Normalised prediction, row-major; only the first width * height entries are meaningful. */
  readonly pred: Float64Array;
  /** GT binarised at > 128 (1/0), row-major; first width * height entries. */
  readonly gt: Uint8Array;
  /** Number of GT foreground pixels. */
  readonly fg: number;
  /** lut[v]: normalised value of 8-bit prediction value v. */
  readonly lut: Float64Array;
  /** Per 8-bit prediction value: count over GT foreground / background. */
  readonly histFg: Float64Array;
  readonly histBg: Float64Array;
  /** Sums of the row and column indices of the GT foreground (S-measure centroid). */
  readonly sumRows: number;
  readonly sumCols: number;
  /** Inclusive bounding box of the GT foreground (x1 < x0 when there is none). */
  readonly fgBox: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** Reusable buffers so that evaluating thousands of images does not allocate per image. */
export class PairBuffers {
  pred = new Float64Array(0);
  gt = new Uint8Array(0);

  ensure(n: number): void {
    if (this.pred.length < n) {
      this.pred = new Float64Array(n);
      this.gt = new Uint8Array(n);
    }
  }
}

export function preparePair(pred: GrayImage, gt: GrayImage, buffers: PairBuffers): PreparedPair {
  if (pred.width !== gt.width || pred.height !== gt.height) {
    throw new RangeError(`prediction ${pred.width}x${pred.height} and GT ${gt.width}x${gt.height} differ in size`);
  }
  const { width, height } = gt;
  const n = width * height;
  buffers.ensure(n);
  const gtOut = buffers.gt;
  const histFg = new Float64Array(256);
  const histBg = new Float64Array(256);
  const pd = pred.data;
  const gd = gt.data;
  let fg = 0;
  let sumRows = 0;
  let sumCols = 0;
  let min = 255;
  let max = 0;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let rowFg = 0;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const v = pd[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      if (gd[i]! > 128) {
        gtOut[i] = 1;
        histFg[v]!++;
        rowFg++;
        sumCols += x;
      } else {
        gtOut[i] = 0;
        histBg[v]!++;
      }
    }
    if (rowFg > 0) {
      if (y0 === height) y0 = y;
      y1 = y;
      let first = 0;
      while (gtOut[row + first] === 0) first++;
      let last = width - 1;
      while (gtOut[row + last] === 0) last--;
      if (first < x0) x0 = first;
      if (last > x1) x1 = last;
    }
    fg += rowFg;
    sumRows += rowFg * y;
  }
  const lut = new Float64Array(256);
  const lo = min / 255;
  const hi = max / 255;
  for (let v = 0; v < 256; v++) lut[v] = max !== min ? (v / 255 - lo) / (hi - lo) : v / 255;
  const p = buffers.pred;
  for (let i = 0; i < n; i++) p[i] = lut[pd[i]!]!;
  return { width, height, pred: p, gt: gtOut, fg, lut, histFg, histBg, sumRows, sumCols, fgBox: { x0, y0, x1, y1 } };
}
