/**
 * Agreement with PySODMetrics 1.6 (INT.md section 7: to 1e-6).
 *
 * test/fixtures/eval/pairs/{pred,gt}/*.png and test/fixtures/eval/pysodmetrics-golden.json were
 * produced outside the repo: the PNGs by a seeded numpy/OpenCV script (odd sizes, empty and full GT,
 * constant predictions, predictions needing an up- or down-resize, soft GT values around 128, ties
 * of the adaptive threshold, constant S-measure regions, distance-transform ties, 1-pixel-wide
 * images), the values by running PySODMetrics 1.6.2 from its git tag on them (details in the JSON's
 * `note`, including the one patched case: empty S-measure regions).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASET_METRIC_KEYS, PairEvaluator, type ImageMetrics } from '../../../src/core/metrics/evaluate';
import { DatasetEvaluator, protocolPair, weightedFBetaOf, type Protocol } from '../../../src/core/metrics/protocol';
import { readPair } from './support/fixtures';

type Metrics = Record<string, number>;
interface Golden {
  datasetImages: string[];
  native: { dataset: Metrics; images: Record<string, Metrics>; curves: Record<string, Record<'em' | 'fm' | 'dice' | 'iou', number[]>> };
  paper: { dataset: Metrics; images: Record<string, Metrics> };
}

const golden = JSON.parse(readFileSync(new URL('../../fixtures/eval/pysodmetrics-golden.json', import.meta.url), 'utf8')) as Golden;
const TOLERANCE = 1e-9;
const IMAGE_KEYS: (keyof ImageMetrics)[] = ['MAE', 'Sm', 'wFm', 'adpEm', 'meanEm', 'maxEm', 'adpFm', 'meanFm', 'maxFm', 'meanDice', 'meanIoU', 'binDice', 'binIoU'];

function expectClose(actual: number, expected: number, label: string): void {
  const error = Math.abs(actual - expected);
  const scale = Math.max(1, Math.abs(expected)); // 1x1 images give E-measures near 1e15 (n - 1 + eps)
  expect(error / scale, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

describe.each(['native', 'paper'] as Protocol[])('PySODMetrics 1.6 agreement, %s protocol', (protocol) => {
  const images = golden[protocol].images;

  it.each(Object.keys(images))('per-image metrics of %s', (name) => {
    const { pred, gt } = readPair(name);
    const pair = protocolPair(pred, gt, protocol);
    const { metrics } = new PairEvaluator(weightedFBetaOf(protocol)).evaluate(pair.pred, pair.gt);
    const expected = images[name]!;
    for (const key of IMAGE_KEYS) {
      if (key === 'meanEm' || key === 'maxEm' || key === 'meanFm' || key === 'maxFm' || key === 'meanDice' || key === 'meanIoU') {
        expectClose(metrics[key], expected[key]!, `${name} ${key}`); // one image: curve mean/max = dataset definition
      } else {
        expectClose(metrics[key], expected[key]!, `${name} ${key}`);
      }
    }
  });

  it('dataset means, streaming one pair at a time', () => {
    const evaluator = new DatasetEvaluator(protocol);
    for (const name of golden.datasetImages) {
      const { pred, gt } = readPair(name);
      evaluator.add(pred, gt);
    }
    const result = evaluator.result();
    expect(result.n).toBe(golden.datasetImages.length);
    for (const key of DATASET_METRIC_KEYS) expectClose(result[key], golden[protocol].dataset[key]!, `dataset ${key}`);
  });
});

describe('curves', () => {
  it.each(Object.keys(golden.native.curves))('match PySODMetrics threshold by threshold for %s', (name) => {
    const { pred, gt } = readPair(name);
    const pair = protocolPair(pred, gt, 'native');
    const { curves } = new PairEvaluator(1).evaluate(pair.pred, pair.gt);
    const expected = golden.native.curves[name]!;
    for (const key of ['em', 'fm', 'dice', 'iou'] as const) {
      for (let t = 0; t < 256; t++) expectClose(curves[key][t]!, expected[key][t]!, `${name} ${key}[${t}]`);
    }
  });
});
