/**
 * numpy's summation order. Expected values were printed by numpy 1.24 (np.sum / np.mean) for the
 * same generated array; a left-to-right sum gives 1588359.8854756686 for the full array.
 */
import { describe, expect, it } from 'vitest';
import { numpyMean, numpySum } from '../../../src/core/metrics/numpy-sum';

const values = Float64Array.from({ length: 20011 }, (_, i) => (((i * 7919) % 10007) / 10007) * 10 ** ((i % 7) - 3));

describe('numpySum', () => {
  it('reproduces np.sum / np.mean bit for bit (blocks of 8192, pairwise inside)', () => {
    expect(numpySum(values)).toBe(1588359.8854756672);
    expect(numpySum(values, 100)).toBe(8380.832329369443);
    expect(numpySum(values, 127)).toBe(10967.63716798241);
    expect(numpyMean(values, 9000)).toBe(79.33279870576153);
  });

  it('differs from a left-to-right sum where rounding accumulates', () => {
    let naive = 0;
    for (const v of values) naive += v;
    expect(naive).toBe(1588359.8854756686);
    expect(numpySum(values)).not.toBe(naive);
  });
});
