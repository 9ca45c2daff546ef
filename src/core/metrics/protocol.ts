/**
 * The two evaluation protocols of INT.md section 7, on top of PairEvaluator.
 *
 * native: metrics at the GT's own resolution. A prediction of another size is resized to the GT
 *   size with OpenCV's 8-bit INTER_LINEAR (bit exact, resize-linear.ts), as the standard toolkits do.
 *   Weighted F-measure beta^2 = 1 (PySODMetrics 1.6 default).
 * paper: what the ProMaC/INT evaluation code does: the prediction is binarised (> 128 -> 255, the
 *   same rule as the GT; the INT final mask is already 0/255), prediction and GT are both resized to
 *   1024x1024 with nearest neighbour (Pillow's NEAREST, which torchvision's Resize applies to the PIL
 *   images there; see mask/ops.ts nearestSourceIndices), weighted F-measure beta^2 = 0.3.
 *   ProMaC binarises its GT with `!= 0` after resizing; INT.md specifies `> 128` for every protocol
 *   and that is what is used here (identical for clean 0/255 GT files).
 */
import type { GrayImage } from '../image';
import { resizeNearest } from '../mask/ops';
import { MetricsAggregator, PairEvaluator, type DatasetMetrics, type ImageMetrics } from './evaluate';
import { resizeLinearOpenCv } from './resize-linear';
import type { ThresholdCurves } from './threshold-measures';

export type Protocol = 'native' | 'paper';

export const PAPER_SIZE = 1024;

export function weightedFBetaOf(protocol: Protocol): number {
  return protocol === 'paper' ? 0.3 : 1;
}

/** The pair the metrics see under a protocol. */
export function protocolPair(pred: GrayImage, gt: GrayImage, protocol: Protocol): { pred: GrayImage; gt: GrayImage } {
  if (protocol === 'paper') {
    const binary = new Uint8Array(pred.data.length);
    for (let i = 0; i < binary.length; i++) binary[i] = pred.data[i]! > 128 ? 255 : 0;
    return {
      pred: resizeNearest({ width: pred.width, height: pred.height, data: binary }, PAPER_SIZE, PAPER_SIZE),
      gt: resizeNearest(gt, PAPER_SIZE, PAPER_SIZE),
    };
  }
  if (pred.width === gt.width && pred.height === gt.height) return { pred, gt };
  return { pred: resizeLinearOpenCv(pred, gt.width, gt.height), gt };
}

/** Streams (prediction, GT) pairs through a protocol and aggregates; keeps no images. */
export class DatasetEvaluator {
  private readonly evaluator: PairEvaluator;
  private readonly aggregator = new MetricsAggregator();

  constructor(readonly protocol: Protocol) {
    this.evaluator = new PairEvaluator(weightedFBetaOf(protocol));
  }

  add(pred: GrayImage, gt: GrayImage): ImageMetrics {
    const pair = protocolPair(pred, gt, this.protocol);
    const evaluation = this.evaluator.evaluate(pair.pred, pair.gt);
    this.aggregator.add(evaluation);
    return evaluation.metrics;
  }

  get count(): number {
    return this.aggregator.count;
  }

  result(): DatasetMetrics {
    return this.aggregator.result();
  }

  /** The dataset's threshold curves (precision, recall, F-measure, E-measure ...); null before the first pair. */
  curves(): ThresholdCurves | null {
    return this.aggregator.curves();
  }
}
