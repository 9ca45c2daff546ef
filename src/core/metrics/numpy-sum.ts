/**
 * numpy's float64 summation order, reproduced bit for bit.
 *
 * np.sum / np.mean of a float64 array (axis=None) add the C-order elements in blocks of 8192 (the
 * ufunc buffer size); each block is summed pairwise (numpy's pairwise_sum: 8 accumulators for
 * blocks of up to 128, recursive halving above) and the block sums are added to 0 in order. This
 * matters where PySODMetrics compares a sum-derived value exactly: the adaptive threshold
 * 2 * mean(pred) against pixel values, and the S-measure's `alpha != 0` / `beta == 0` tests.
 * Verified against numpy 1.24 on contiguous arrays and on strided 2-D views of random sizes.
 */

const BLOCK = 8192;

function pairwise(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start]!;
    let r1 = a[start + 1]!;
    let r2 = a[start + 2]!;
    let r3 = a[start + 3]!;
    let r4 = a[start + 4]!;
    let r5 = a[start + 5]!;
    let r6 = a[start + 6]!;
    let r7 = a[start + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const p = start + i;
      r0 += a[p]!;
      r1 += a[p + 1]!;
      r2 += a[p + 2]!;
      r3 += a[p + 3]!;
      r4 += a[p + 4]!;
      r5 += a[p + 5]!;
      r6 += a[p + 6]!;
      r7 += a[p + 7]!;
    }
    // ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), the order numpy uses.
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** Sum of values[0..length) in numpy's order (see the file comment). */
export function numpySum(values: Float64Array, length: number = values.length): number {
  let acc = 0;
  for (let start = 0; start < length; start += BLOCK) acc += pairwise(values, start, Math.min(BLOCK, length - start));
  return acc;
}

/** np.mean of values[0..length). */
export function numpyMean(values: Float64Array, length: number = values.length): number {
  return numpySum(values, length) / length;
}
