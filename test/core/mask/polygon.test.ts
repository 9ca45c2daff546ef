/**
 * Mask <-> polygon round trips. The pycocotools rasteriser port is checked against golden counts in
 * test/fixtures/eval/coco-mask-golden.json, produced outside the repo with cocoapi's common/maskApi.c
 * rleFrPoly (compiled into a shared library) on seeded random polygons with fractional, negative and
 * out-of-image coordinates. The traced rings of 300 generated masks were also fed to that C rleFrPoly
 * when this was written (XOR of all rings and union of hole-free outers gave the masks back exactly);
 * the tests below check the same with the port.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryMask, type BinaryMask } from '../../../src/core/image';
import { masksEqual } from '../../../src/core/mask/ops';
import {
  maskFromPolygons,
  maskToPolygons,
  polygonsToMask,
  polygonToggles,
  polygonTogglesGeneral,
  polygonToRleCounts,
  ringArea,
} from '../../../src/core/mask/polygon';
import { generateMask } from '../metrics/support/random';

const golden = JSON.parse(readFileSync(new URL('../../fixtures/eval/coco-mask-golden.json', import.meta.url), 'utf8')) as {
  polygons: { width: number; height: number; xy: number[]; counts: number[] }[];
};

function maskFromRows(rows: string[]): BinaryMask {
  const height = rows.length;
  const width = rows[0]!.length;
  const mask = binaryMask(width, height);
  rows.forEach((row, y) => [...row].forEach((c, x) => (mask.data[y * width + x] = c === '#' ? 1 : 0)));
  return mask;
}

function generatedMasks(): { name: string; mask: BinaryMask }[] {
  const out: { name: string; mask: BinaryMask }[] = [];
  for (let seed = 1; seed <= 300; seed++) {
    const width = 1 + ((seed * 7) % 41);
    const height = 1 + ((seed * 13) % 37);
    const kind = seed % 3 === 0 ? 'noise' : 'shapes';
    out.push({ name: `${kind} ${width}x${height} #${seed}`, mask: generateMask(seed, width, height, kind, 20 + (seed % 60)) });
  }
  return out;
}

describe('maskToPolygons (pixel-corner rings with holes)', () => {
  it('traces a single pixel as its unit square', () => {
    const polygons = maskToPolygons(maskFromRows(['...', '.#.', '...']));
    expect(polygons).toHaveLength(1);
    expect(ringArea(polygons[0]!.outer)).toBe(1);
    const xs = polygons[0]!.outer.filter((_, i) => i % 2 === 0).sort();
    const ys = polygons[0]!.outer.filter((_, i) => i % 2 === 1).sort();
    expect(xs).toEqual([1, 1, 2, 2]);
    expect(ys).toEqual([1, 1, 2, 2]);
    expect(polygons[0]!.holes).toEqual([]);
  });

  it('keeps a hole as an inner ring with negative area', () => {
    const mask = maskFromRows(['#####', '#####', '##.##', '#####']);
    const polygons = maskToPolygons(mask);
    expect(polygons).toHaveLength(1);
    expect(ringArea(polygons[0]!.outer)).toBe(20);
    expect(polygons[0]!.holes.map(ringArea)).toEqual([-1]);
    expect(masksEqual(maskFromPolygons(polygons, 5, 4), mask)).toBe(true);
    // COCO semantics (union of the polygons of one annotation) would fill the hole.
    const union = polygonsToMask([polygons[0]!.outer, ...polygons[0]!.holes], 5, 4, 'union');
    expect(union.data[2 * 5 + 2]).toBe(1);
  });

  it('treats diagonal neighbours as separate parts and a diagonal gap as no hole (4-connected foreground)', () => {
    expect(maskToPolygons(maskFromRows(['#.', '.#']))).toHaveLength(2);
    const ring = maskFromRows(['.###', '#..#', '#..#', '####']);
    const polygons = maskToPolygons(ring);
    // One C-shaped component whose ring touches itself where (0,1) and (1,0) meet diagonally; the
    // enclosed background leaks out through that corner, so it is not a hole.
    expect(polygons).toHaveLength(1);
    expect(polygons.every((p) => p.holes.length === 0)).toBe(true);
    expect(masksEqual(polygonsToMask(polygons.map((p) => p.outer), 4, 4, 'union'), ring)).toBe(true);
  });

  it('finds islands inside holes as their own polygons', () => {
    const mask = maskFromRows(['#######', '#.....#', '#.###.#', '#.#.#.#', '#.###.#', '#.....#', '#######']);
    const polygons = maskToPolygons(mask);
    expect(polygons).toHaveLength(2);
    expect(polygons.map((p) => p.holes.length)).toEqual([1, 1]);
    expect(masksEqual(maskFromPolygons(polygons, 7, 7), mask)).toBe(true);
  });

  it('round-trips 300 generated masks pixel for pixel, with integer axis-aligned rings', () => {
    for (const { name, mask } of generatedMasks()) {
      const polygons = maskToPolygons(mask);
      const back = maskFromPolygons(polygons, mask.width, mask.height);
      expect(masksEqual(back, mask), name).toBe(true);
      for (const p of polygons) {
        expect(ringArea(p.outer)).toBeGreaterThan(0);
        for (const hole of p.holes) expect(ringArea(hole)).toBeLessThan(0);
        for (const ring of [p.outer, ...p.holes]) {
          const n = ring.length / 2;
          for (let i = 0; i < n; i++) {
            const j = (i + 1) % n;
            expect(Number.isInteger(ring[2 * i]!)).toBe(true);
            const sameX = ring[2 * i] === ring[2 * j];
            const sameY = ring[2 * i + 1] === ring[2 * j + 1];
            expect(sameX !== sameY).toBe(true);
          }
        }
      }
      if (polygons.every((p) => p.holes.length === 0)) {
        const union = polygonsToMask(polygons.map((p) => p.outer), mask.width, mask.height, 'union');
        expect(masksEqual(union, mask), `${name} union`).toBe(true);
      }
    }
  });
});

describe('polygon rasterisation (port of pycocotools rleFrPoly)', () => {
  it.each(golden.polygons.map((p, i) => [i, p] as const))('matches maskApi.c for random polygon %i', (_i, p) => {
    expect(polygonToRleCounts(p.xy, p.width, p.height)).toEqual(p.counts);
  });

  it('takes a direct path for pixel-corner rings that gives the general port\'s toggles', () => {
    let rings = 0;
    for (const { mask } of generatedMasks()) {
      for (const p of maskToPolygons(mask)) {
        for (const ring of [p.outer, ...p.holes]) {
          rings++;
          expect(Array.from(polygonToggles(ring, mask.width, mask.height))).toEqual(Array.from(polygonTogglesGeneral(ring, mask.width, mask.height)));
        }
      }
    }
    expect(rings).toBeGreaterThan(1000);
  });

  it('fills a rectangle given by pixel corners exactly', () => {
    const mask = polygonsToMask([[1, 1, 4, 1, 4, 3, 1, 3]], 5, 4, 'union');
    expect(Array.from(mask.data)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });
});
