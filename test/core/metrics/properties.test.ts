/**
 * Hand-computed cases and the published properties of the measures (perfect prediction, inverted
 * prediction, empty and full GT), plus PySODMetrics' dataset aggregation semantics.
 */
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../src/core/image';
import { MetricsAggregator, PairEvaluator } from '../../../src/core/metrics/evaluate';
import { DatasetEvaluator } from '../../../src/core/metrics/protocol';

function gray(width: number, height: number, values: number[]): GrayImage {
  return { width, height, data: Uint8Array.from(values) };
}

/** 12x10 GT with a 6x4 block in the middle: every S-measure region contains both classes. */
function centredBlock(): GrayImage {
  const data = new Uint8Array(120);
  for (let y = 3; y < 7; y++) for (let x = 3; x < 9; x++) data[y * 12 + x] = 255;
  return { width: 12, height: 10, data };
}

describe('hand-computed 2x2 case', () => {
  // GT [255, 0; 0, 0], prediction [255, 128; 0, 0] -> normalised [1, 128/255; 0, 0].
  const m = new PairEvaluator().evaluate(gray(2, 2, [255, 128, 0, 0]), gray(2, 2, [255, 0, 0, 0])).metrics;

  it('MAE is the mean absolute error of the normalised prediction', () => {
    expect(m.MAE).toBeCloseTo(128 / 255 / 4, 15);
  });

  it('adaptive threshold 2 * mean = 383/510 keeps only the first pixel', () => {
    expect(m.adpFm).toBe(1);
    // tp = 1, tn = 3: every part is perfectly aligned, sum 4, divided by N - 1 + eps.
    expect(m.adpEm).toBeCloseTo(4 / 3, 14);
  });

  it('binarisation at 0.5 keeps 128/255 > 0.5: tp = 1, fp = 1', () => {
    expect(m.binDice).toBeCloseTo(2 / 3, 15);
    expect(m.binIoU).toBeCloseTo(1 / 2, 15);
  });
});

describe('published properties', () => {
  const gt = centredBlock();
  const n = 120;
  const fg = 24;

  it('a perfect prediction scores 1 (E-measure n / (n - 1) by its N - 1 normalisation)', () => {
    const m = new PairEvaluator().evaluate(gt, gt).metrics;
    expect(m.MAE).toBe(0);
    expect(m.Sm).toBeCloseTo(1, 12);
    expect(m.wFm).toBeCloseTo(1, 12);
    expect(m.maxFm).toBeCloseTo(1, 15);
    expect(m.adpFm).toBeCloseTo(1, 15);
    expect(m.binDice).toBe(1);
    expect(m.binIoU).toBe(1);
    expect(m.maxEm).toBeCloseTo(n / (n - 1), 12);
    // Thresholds 1..255 keep exactly the GT; threshold 0 keeps every pixel.
    expect(m.meanDice).toBeCloseTo((255 + (2 * fg) / (n + fg)) / 256, 14);
    expect(m.meanIoU).toBeCloseTo((255 + fg / n) / 256, 14);
  });

  it('an inverted prediction scores 0', () => {
    const inverted = gray(12, 10, Array.from(gt.data, (v) => 255 - v));
    const m = new PairEvaluator().evaluate(inverted, gt).metrics;
    expect(m.MAE).toBe(1);
    expect(m.Sm).toBe(0);
    expect(m.wFm).toBeLessThan(1e-12);
    expect(m.adpFm).toBe(0);
    expect(m.binDice).toBe(0);
    expect(m.binIoU).toBe(0);
  });

  it('an empty GT: Sm = 1 - mean(pred), wFm = 0, E-measure counts predicted background', () => {
    const pred = gray(4, 3, [0, 51, 102, 153, 204, 255, 0, 0, 0, 0, 0, 0]);
    const m = new PairEvaluator().evaluate(pred, gray(4, 3, new Array<number>(12).fill(0))).metrics;
    const mean = (0.2 + 0.4 + 0.6 + 0.8 + 1) / 12;
    expect(m.Sm).toBeCloseTo(1 - mean, 15);
    expect(m.MAE).toBeCloseTo(mean, 15);
    expect(m.wFm).toBe(0);
    // Threshold 255 keeps one pixel: 11 predicted background of 12.
    expect(m.maxEm).toBeCloseTo(11 / 11, 12);
    expect(m.binDice).toBe(0);
  });

  it('a full GT: Sm = mean(pred), E-measure counts predicted foreground', () => {
    const pred = gray(4, 3, [0, 51, 102, 153, 204, 255, 255, 255, 255, 255, 255, 255]);
    const m = new PairEvaluator().evaluate(pred, gray(4, 3, new Array<number>(12).fill(255))).metrics;
    const mean = (0.2 + 0.4 + 0.6 + 0.8 + 7) / 12;
    expect(m.Sm).toBeCloseTo(mean, 15);
    expect(m.maxEm).toBeCloseTo(12 / 11, 12); // threshold 0 keeps all 12
    expect(m.MAE).toBeCloseTo(1 - mean, 15);
  });
});

describe('dataset aggregation (PySODMetrics semantics)', () => {
  it('averages the curves over images before taking the maximum', () => {
    const gt = centredBlock();
    const a = gray(12, 10, Array.from(gt.data, (v, i) => (v ? 250 : i % 17 === 0 ? 245 : (i * 37) % 120)));
    const b = gray(12, 10, Array.from(gt.data, (v, i) => (v ? 90 + (i % 50) : (i * 11) % 160)));
    const evaluator = new PairEvaluator();
    const first = evaluator.evaluate(a, gt);
    const emA = Float64Array.from(first.curves.em);
    const maxA = first.metrics.maxEm;
    const second = evaluator.evaluate(b, gt);
    const expectedMax = Math.max(...Array.from(emA, (v, t) => (v + second.curves.em[t]!) / 2));
    const aggregator = new MetricsAggregator();
    aggregator.add(new PairEvaluator().evaluate(a, gt));
    aggregator.add(new PairEvaluator().evaluate(b, gt));
    const result = aggregator.result();
    expect(result.n).toBe(2);
    expect(result.maxEm).toBeCloseTo(expectedMax, 14);
    expect(result.maxEm).toBeLessThan((maxA + second.metrics.maxEm) / 2);
    expect(result.meanEm).toBeCloseTo((first.metrics.meanEm + second.metrics.meanEm) / 2, 14);
    expect(result.MAE).toBeCloseTo((first.metrics.MAE + second.metrics.MAE) / 2, 15);
  });

  it('reports NaN for every metric of an empty dataset', () => {
    const result = new DatasetEvaluator('native').result();
    expect(result.n).toBe(0);
    expect(Number.isNaN(result.MAE)).toBe(true);
    expect(Number.isNaN(result.maxEm)).toBe(true);
  });

  it('rejects pairs of different sizes only when the protocol does not resize', () => {
    expect(() => new PairEvaluator().evaluate(gray(2, 1, [0, 0]), gray(1, 2, [0, 0]))).toThrow(/differ in size/);
    expect(() => new DatasetEvaluator('native').add(gray(2, 1, [0, 255]), gray(1, 2, [0, 255]))).not.toThrow();
  });
});
