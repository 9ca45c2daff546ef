/**
 * Deterministic integer generators shared with the (out-of-repo) Python oracle scripts that produced
 * the golden files in test/fixtures/eval/. Everything is integer arithmetic so that the TypeScript and
 * the Python versions produce identical masks and predictions:
 *
 *   xorshift32: x ^= x << 13; x ^= x >>> 17; x ^= x << 5 (mod 2^32), seed must be nonzero.
 */
import { binaryMask, type BinaryMask, type GrayImage } from '../../../../src/core/image';

export class XorShift32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  next(): number {
    let x = this.state;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.state = x;
    return x;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }
}

/**
 * Test masks: 'noise' = each pixel set with probability density/100; 'shapes' = union of random
 * rectangles minus random rectangular holes plus a few flipped pixels (gives holes, islands in
 * holes, diagonal contacts and one-pixel features).
 */
export function generateMask(seed: number, width: number, height: number, kind: 'noise' | 'shapes', density = 50): BinaryMask {
  const rng = new XorShift32(seed);
  const mask = binaryMask(width, height);
  const d = mask.data;
  if (kind === 'noise') {
    for (let i = 0; i < d.length; i++) d[i] = rng.below(100) < density ? 1 : 0;
    return mask;
  }
  const fill = (value: number): void => {
    const x0 = rng.below(width);
    const y0 = rng.below(height);
    const w = 1 + rng.below(Math.max(1, Math.floor(width / 2)));
    const h = 1 + rng.below(Math.max(1, Math.floor(height / 2)));
    for (let y = y0; y < Math.min(height, y0 + h); y++) for (let x = x0; x < Math.min(width, x0 + w); x++) d[y * width + x] = value;
  };
  const rectangles = 1 + rng.below(5);
  for (let k = 0; k < rectangles; k++) fill(1);
  const holes = rng.below(4);
  for (let k = 0; k < holes; k++) fill(0);
  const flips = rng.below(1 + Math.floor((width * height) / 20));
  for (let k = 0; k < flips; k++) {
    const i = rng.below(d.length);
    d[i] = 1 - d[i]!;
  }
  return mask;
}

/** 8-bit test prediction: smooth-ish values correlated with a mask, with a chosen value range. */
export function generatePrediction(seed: number, gt: BinaryMask, low: number, high: number, noise: number): GrayImage {
  const rng = new XorShift32(seed);
  const { width, height } = gt;
  const data = new Uint8Array(width * height);
  const span = high - low;
  for (let i = 0; i < data.length; i++) {
    const base = gt.data[i] !== 0 ? 3 * span : span;
    let value = low + Math.floor(base / 4) + (noise > 0 ? rng.below(2 * noise + 1) - noise : 0);
    if (value < low) value = low;
    if (value > high) value = high;
    data[i] = value;
  }
  return { width, height, data };
}
