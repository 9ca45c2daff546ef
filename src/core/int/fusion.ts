/**
 * Semantic mask generation arithmetic (INT.md section 2 D): normalisation of the CLIP scores s_b
 * and the fused soft mask M_i = minmax(sum_b s_b * m_b).
 */
import { softMask, type SoftMask } from '../image';
import { minMaxNormalise } from './pixels';

/**
 * s = normalise(s): softmax (of the raw cosine similarities, no temperature (ours)), then min-max,
 * then divide by the sum. When every score is equal (one box, or a tie) min-max is undefined: every
 * box then gets 1 / B (ours). Min-max gives the worst box weight 0 whenever the scores differ.
 */
export function normaliseBoxScores(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  const finite = scores.map((s) => (Number.isFinite(s) ? s : -1));
  const top = Math.max(...finite);
  const exp = finite.map((s) => Math.exp(s - top));
  const total = exp.reduce((a, b) => a + b, 0);
  const soft = exp.map((e) => e / total);
  const min = Math.min(...soft);
  const max = Math.max(...soft);
  if (!(max - min > 1e-12)) return scores.map(() => 1 / scores.length);
  const stretched = soft.map((v) => (v - min) / (max - min));
  const sum = stretched.reduce((a, b) => a + b, 0);
  return stretched.map((v) => v / sum);
}

/** M = minmax(sum_b weight_b * mask_b); masks must share one size. */
export function fuseMasks(masks: readonly SoftMask[], weights: readonly number[], width: number, height: number): SoftMask {
  const sum = new Float32Array(width * height);
  masks.forEach((mask, b) => {
    const w = weights[b] ?? 0;
    if (mask.width !== width || mask.height !== height) {
      throw new RangeError(`segmenter mask is ${mask.width}x${mask.height}, expected the image size ${width}x${height}`);
    }
    if (w === 0) return;
    const data = mask.data;
    for (let i = 0; i < sum.length; i++) sum[i] += w * data[i];
  });
  return softMask(width, height, minMaxNormalise(sum));
}
