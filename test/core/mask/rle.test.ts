/**
 * RLE against pycocotools. Golden values in test/fixtures/eval/coco-mask-golden.json were produced
 * outside the repo by compiling cocoapi's common/maskApi.c (the C core of pycocotools) into a shared
 * library and calling rleEncode / rleToString / rleToBbox on the masks of generateMask
 * (support/random.ts, mirrored in Python), and rleFrPoly on seeded random polygons.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryMask } from '../../../src/core/image';
import { maskArea, maskBbox } from '../../../src/core/mask/ops';
import {
  countsFromString,
  countsToString,
  decodeRle,
  encodeRle,
  encodeRleCounts,
  RleFormatError,
  rleArea,
  rleBbox,
} from '../../../src/core/mask/rle';
import { generateMask } from '../metrics/support/random';

interface MaskCase {
  seed: number;
  width: number;
  height: number;
  kind: 'noise' | 'shapes';
  density: number;
  counts: string;
  runs: number;
  area: number;
  bbox: [number, number, number, number];
}

const golden = JSON.parse(readFileSync(new URL('../../fixtures/eval/coco-mask-golden.json', import.meta.url), 'utf8')) as {
  masks: MaskCase[];
};

describe('COCO RLE', () => {
  it('encodes a hand-checked mask column-major with the pycocotools string', () => {
    // 4x5 mask (h=4, w=5) with a 2x3 block at rows 1..2, columns 1..3.
    const mask = binaryMask(5, 4);
    for (let y = 1; y <= 2; y++) for (let x = 1; x <= 3; x++) mask.data[y * 5 + x] = 1;
    expect(Array.from(encodeRleCounts(mask))).toEqual([5, 2, 2, 2, 2, 2, 5]);
    expect(encodeRle(mask)).toEqual({ size: [4, 5], counts: '5220003' });
  });

  it.each(golden.masks.map((c) => [`${c.kind} ${c.width}x${c.height} seed ${c.seed}`, c] as const))(
    'matches maskApi.c for %s',
    (_name, c) => {
      const mask = generateMask(c.seed, c.width, c.height, c.kind, c.density);
      const rle = encodeRle(mask);
      expect(rle.size).toEqual([c.height, c.width]);
      expect(rle.counts).toBe(c.counts);
      const counts = countsFromString(c.counts);
      expect(counts.length).toBe(c.runs);
      expect(rleArea(counts)).toBe(c.area);
      expect(maskArea(mask)).toBe(c.area);
      expect(rleBbox(counts, c.height)).toEqual(c.bbox);
      expect(maskBbox(mask)).toEqual(c.bbox);
      expect(Array.from(decodeRle(rle).data)).toEqual(Array.from(mask.data));
    },
  );

  it('decodes the uncompressed list form (iscrowd) to the same mask', () => {
    const mask = generateMask(77, 23, 17, 'shapes');
    const counts = Array.from(encodeRleCounts(mask));
    expect(decodeRle({ size: [17, 23], counts }).data).toEqual(mask.data);
  });

  it('round-trips counts that need many characters, negative differences and counts beyond 32 bits', () => {
    const counts = [0, 1, 2 ** 20, 3, 5, 2 ** 36, 7, 1, 2 ** 40 + 3, 0, 9];
    expect(countsFromString(countsToString(counts))).toEqual(counts);
  });

  it('encodes an empty and a full mask', () => {
    expect(encodeRle(binaryMask(3, 2))).toEqual({ size: [2, 3], counts: '6' });
    const full = binaryMask(3, 2, new Uint8Array(6).fill(1));
    expect(encodeRle(full)).toEqual({ size: [2, 3], counts: '06' });
    expect(rleBbox([0, 6], 2)).toEqual([0, 0, 3, 2]);
  });

  it('rejects malformed input with what was expected and what was found', () => {
    expect(() => decodeRle({ size: [2, 3], counts: '5' })).toThrow(/sum to 5 but size 2x3 .* needs 6/);
    expect(() => decodeRle({ size: [2, 3], counts: [2, -1, 5] })).toThrow(/count 1 must be a non-negative integer/);
    expect(() => decodeRle({ size: [2, 3], counts: 'a~' })).toThrow(RleFormatError);
    expect(() => decodeRle({ size: [0, 3] as unknown as [number, number], counts: '' })).toThrow(/two positive integers/);
    expect(() => decodeRle({ size: [2] as unknown as [number, number], counts: '6' })).toThrow(/\[height, width\]/);
    expect(() => decodeRle({ size: [1, 1], counts: 'O' })).toThrow(/negative/);
    expect(() => countsFromString('`')).toThrow(/ends inside a number/);
  });
});
