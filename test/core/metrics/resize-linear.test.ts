/**
 * The pure fixed-point INTER_LINEAR of core against OpenCV itself (@techstark/opencv-js 4.12,
 * cv.resize with INTER_LINEAR) on random images of many size pairs, up and down, odd and even,
 * including one-pixel images and exact 2x reductions (OpenCV's INTER_AREA fast path).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resizeLinearOpenCv } from '../../../src/core/metrics/resize-linear';
import { loadOpenCv, type Cv } from './support/opencv';
import { XorShift32 } from './support/random';

let cv: Cv;

beforeAll(async () => {
  ({ cv } = await loadOpenCv());
}, 60_000);

function opencvResize(data: Uint8Array, width: number, height: number, toWidth: number, toHeight: number): Uint8Array {
  const src = cv.matFromArray(height, width, cv.CV_8UC1, Array.from(data));
  const dst = new cv.Mat();
  try {
    cv.resize(src, dst, new cv.Size(toWidth, toHeight), 0, 0, cv.INTER_LINEAR);
    return Uint8Array.from(dst.data);
  } finally {
    src.delete();
    dst.delete();
  }
}

describe('resizeLinearOpenCv', () => {
  const sizes: [number, number, number, number][] = [
    [300, 200, 1024, 1024],
    [37, 29, 64, 50],
    [64, 64, 32, 32],
    [1, 1, 5, 5],
    [5, 5, 1, 1],
    [640, 480, 352, 288],
    [101, 77, 33, 45],
    [13, 7, 100, 3],
    [1024, 1024, 473, 351],
  ];
  const rng = new XorShift32(99);
  for (let i = 0; i < 16; i++) sizes.push([1 + rng.below(300), 1 + rng.below(300), 1 + rng.below(400), 1 + rng.below(400)]);

  it.each(sizes)('matches cv.resize INTER_LINEAR for %ix%i -> %ix%i', (w, h, toW, toH) => {
    const r = new XorShift32(w * 7919 + h * 31 + toW);
    const data = new Uint8Array(w * h);
    // Half random noise, half smooth ramps, so that both rounding and flat regions are exercised.
    for (let i = 0; i < data.length; i++) data[i] = i % 2 === 0 ? r.below(256) : (i * 7) % 256;
    const ours = resizeLinearOpenCv({ width: w, height: h, data }, toW, toH);
    const theirs = opencvResize(data, w, h, toW, toH);
    let mismatches = 0;
    for (let i = 0; i < theirs.length; i++) if (ours.data[i] !== theirs[i]) mismatches++;
    expect(mismatches).toBe(0);
  });
});
