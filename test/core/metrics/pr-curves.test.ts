/**
 * Precision and recall over thresholds (PySODMetrics Fmeasure.cal_pr, its "pr" result): consistent with the
 * F-measure curve at every threshold, hand-computed on a small case, PySODMetrics' conventions for empty
 * predictions and empty GT, and averaged over images for the dataset like the other curves.
 */
import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../../../src/core/image';
import { F_BETA2 } from '../../../src/core/metrics/constants';
import { PairEvaluator } from '../../../src/core/metrics/evaluate';
import { DatasetEvaluator } from '../../../src/core/metrics/protocol';
import { generateMask, generatePrediction } from './support/random';

function gray(width: number, height: number, values: number[]): GrayImage {
  return { width, height, data: Uint8Array.from(values) };
}

describe('precision and recall curves', () => {
  it('give the F-measure curve back at every threshold', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const gt = generateMask(seed, 37, 23, 'shapes');
      const pred = generatePrediction(seed + 100, gt, 10, 240, 40);
      const { curves } = new PairEvaluator().evaluate(pred, { width: gt.width, height: gt.height, data: gt.data.map((v) => v * 255) });
      for (let t = 0; t < 256; t++) {
        const p = curves.precision[t]!;
        const r = curves.recall[t]!;
        const numerator = (1 + F_BETA2) * p * r;
        expect(curves.fm[t], `seed ${seed} t ${t}`).toBeCloseTo(numerator === 0 ? 0 : numerator / (F_BETA2 * p + r), 14);
      }
    }
  });

  it('count pixels at or above each threshold of the normalised prediction', () => {
    // Prediction [255, 128, 0, 0] normalises to [1, 0.502, 0, 0], quantised [255, 128, 0, 0]; GT [1, 0, 0, 0].
    const { curves } = new PairEvaluator().evaluate(gray(2, 2, [255, 128, 0, 0]), gray(2, 2, [255, 0, 0, 0]));
    expect([curves.precision[0], curves.recall[0]]).toEqual([0.25, 1]);
    expect([curves.precision[1], curves.recall[1]]).toEqual([0.5, 1]);
    expect([curves.precision[128], curves.recall[128]]).toEqual([0.5, 1]);
    expect([curves.precision[129], curves.recall[129]]).toEqual([1, 1]);
    expect([curves.precision[255], curves.recall[255]]).toEqual([1, 1]);
  });

  it('are 0 where nothing is predicted and where the GT is empty', () => {
    const emptyPrediction = new PairEvaluator().evaluate(gray(2, 1, [0, 0]), gray(2, 1, [255, 0])).curves;
    expect(emptyPrediction.precision[255]).toBe(0);
    expect(emptyPrediction.recall[255]).toBe(0);
    const emptyGt = new PairEvaluator().evaluate(gray(2, 1, [255, 0]), gray(2, 1, [0, 0])).curves;
    expect(emptyGt.recall.every((r) => r === 0)).toBe(true);
  });

  it('are averaged over images for the dataset, as PySODMetrics averages its "pr" lists', () => {
    const pairs = [1, 2, 3].map((seed) => {
      const gt = generateMask(seed, 20, 16, 'shapes');
      return { pred: generatePrediction(seed + 7, gt, 0, 255, 30), gt: { width: 20, height: 16, data: gt.data.map((v) => v * 255) } };
    });
    const dataset = new DatasetEvaluator('native');
    for (const pair of pairs) dataset.add(pair.pred, pair.gt);
    const perImage = pairs.map((pair) => {
      const { curves } = new PairEvaluator().evaluate(pair.pred, pair.gt);
      return { precision: Float64Array.from(curves.precision), recall: Float64Array.from(curves.recall) };
    });
    const curves = dataset.curves()!;
    for (let t = 0; t < 256; t++) {
      expect(curves.precision[t]).toBeCloseTo(perImage.reduce((sum, c) => sum + c.precision[t]!, 0) / 3, 14);
      expect(curves.recall[t]).toBeCloseTo(perImage.reduce((sum, c) => sum + c.recall[t]!, 0) / 3, 14);
    }
    expect(new DatasetEvaluator('native').curves()).toBeNull();
  });
});
