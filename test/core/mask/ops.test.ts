/**
 * Mask operations. Nearest-resize golden values (test/fixtures/eval/resize-nearest-golden.json) were
 * produced outside the repo with Pillow 9.4 Image.resize(NEAREST) on xorshift32-generated images.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryMask } from '../../../src/core/image';
import { maskArea, maskBbox, maskIntersection, maskUnion, masksEqual, resizeNearest } from '../../../src/core/mask/ops';
import { XorShift32 } from '../metrics/support/random';

const golden = JSON.parse(readFileSync(new URL('../../fixtures/eval/resize-nearest-golden.json', import.meta.url), 'utf8')) as {
  cases: { seed: number; width: number; height: number; toWidth: number; toHeight: number; sum: number; weighted: number; firstRow: number[]; lastRow: number[] }[];
};

describe('mask ops', () => {
  it('computes area, bbox, union and intersection', () => {
    const a = binaryMask(4, 3, Uint8Array.from([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
    const b = binaryMask(4, 3, Uint8Array.from([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(maskArea(a)).toBe(3);
    expect(maskBbox(a)).toEqual([1, 0, 2, 2]);
    expect(maskBbox(binaryMask(4, 3))).toEqual([0, 0, 0, 0]);
    expect(Array.from(maskUnion(a, b).data)).toEqual([0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(maskIntersection(a, b).data)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(masksEqual(a, a)).toBe(true);
    expect(masksEqual(a, b)).toBe(false);
    expect(() => maskUnion(a, binaryMask(3, 4))).toThrow(/same size, got 4x3 and 3x4/);
  });

  it.each(golden.cases.map((c) => [`${c.width}x${c.height} -> ${c.toWidth}x${c.toHeight}`, c] as const))(
    'resizes nearest like PIL for %s',
    (_name, c) => {
      const rng = new XorShift32(c.seed);
      const data = new Uint8Array(c.width * c.height);
      for (let i = 0; i < data.length; i++) data[i] = rng.below(256);
      const out = resizeNearest({ width: c.width, height: c.height, data }, c.toWidth, c.toHeight).data;
      let sum = 0;
      let weighted = 0;
      for (let i = 0; i < out.length; i++) {
        sum += out[i]!;
        weighted += out[i]! * (i % 9973);
      }
      expect(sum).toBe(c.sum);
      expect(weighted).toBe(c.weighted);
      expect(Array.from(out.subarray(0, c.firstRow.length))).toEqual(c.firstRow);
      expect(Array.from(out.subarray(out.length - c.lastRow.length))).toEqual(c.lastRow);
    },
  );
});
