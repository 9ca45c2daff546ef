/**
 * Feature transform against scipy's own documented example (the docstring of
 * scipy.ndimage.distance_transform_edt, return_indices=True), which includes ties; the wider tie
 * behaviour is covered by the weighted F-measure goldens (pysodmetrics.test.ts, edt_* pairs).
 */
import { describe, expect, it } from 'vitest';
import { featureTransform } from '../../../src/core/metrics/distance-transform';

describe('featureTransform (scipy distance_transform_edt indices)', () => {
  it('matches the scipy docstring example', () => {
    const input = [
      [0, 1, 1, 1, 1],
      [0, 0, 1, 1, 1],
      [0, 1, 1, 1, 1],
      [0, 1, 1, 1, 0],
      [0, 1, 1, 0, 0],
    ];
    const isFeature = Uint8Array.from(input.flat().map((v) => (v === 0 ? 1 : 0)));
    const { nearest } = featureTransform(isFeature, 5, 5);
    const rows = Array.from(nearest, (j) => Math.floor(j / 5));
    const cols = Array.from(nearest, (j) => j % 5);
    expect(rows).toEqual([0, 0, 1, 1, 3, 1, 1, 1, 1, 3, 2, 2, 1, 3, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4, 4]);
    expect(cols).toEqual([0, 0, 1, 1, 4, 0, 1, 1, 1, 4, 0, 0, 1, 4, 4, 0, 0, 3, 3, 4, 0, 0, 3, 3, 4]);
  });

  it('returns -1 everywhere without features and itself for features', () => {
    expect(Array.from(featureTransform(new Uint8Array(6), 3, 2).nearest)).toEqual([-1, -1, -1, -1, -1, -1]);
    const all = featureTransform(new Uint8Array(6).fill(1), 3, 2).nearest;
    expect(Array.from(all)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
