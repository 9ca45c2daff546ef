/**
 * Exact Euclidean feature transform with nearest indices, reproducing
 * scipy.ndimage.distance_transform_edt(input, return_indices=True) for 2-D inputs, including which
 * of several equally near features is returned (the weighted F-measure depends on it).
 *
 * scipy (ni_morphology.c, Maurer et al. 2003) works in two separable passes:
 * 1. along axis 0 (down each column): the nearest feature row in the column; of two at the same
 *    distance the upper one (smaller row) wins;
 * 2. along axis 1 (each row): a lower envelope of the column candidates with the pop test
 *    `c * vR - b * uR - a * wR - a * b * c <= 0` (keep), then a sweep that advances to the next
 *    candidate only when it is strictly nearer, so ties go to the smaller column.
 * All quantities are integers, so the port is exact.
 */

export interface FeatureTransform {
  /** Row-major index of the nearest feature pixel for every pixel; -1 everywhere when there is none. */
  readonly nearest: Int32Array;
  /** Squared distance to it (0 for features); -1 when there is none. */
  readonly distanceSquared: Float64Array;
}

/**
 * `isFeature[i] !== 0` marks features (scipy: the zeros of `input`). `out` is reused when large enough.
 */
export function featureTransform(
  isFeature: Uint8Array,
  width: number,
  height: number,
  out?: { nearest: Int32Array; distanceSquared: Float64Array },
): FeatureTransform {
  const n = width * height;
  const nearest = out && out.nearest.length >= n ? out.nearest : new Int32Array(n);
  const distanceSquared = out && out.distanceSquared.length >= n ? out.distanceSquared : new Float64Array(n);
  // Pass 1: nearest feature row per column, stored in `nearest` as a row number (-1: none).
  const lastAbove = new Int32Array(width).fill(-1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (isFeature[row + x] !== 0) lastAbove[x] = y;
      nearest[row + x] = lastAbove[x]!;
    }
  }
  const nextBelow = new Int32Array(width).fill(-1);
  for (let y = height - 1; y >= 0; y--) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (isFeature[row + x] !== 0) nextBelow[x] = y;
      const above = nearest[row + x]!;
      const below = nextBelow[x]!;
      if (below >= 0 && (above < 0 || below - y < y - above)) nearest[row + x] = below;
    }
  }
  // Pass 2: per row, lower envelope over columns.
  const featureRow = new Int32Array(width);
  const stack = new Int32Array(width);
  for (let r = 0; r < height; r++) {
    const row = r * width;
    for (let x = 0; x < width; x++) featureRow[x] = nearest[row + x]!;
    let l = -1;
    for (let ii = 0; ii < width; ii++) {
      const fr = featureRow[ii]!;
      if (fr < 0) continue;
      const wR = (fr - r) * (fr - r);
      while (l >= 1) {
        const idx1 = stack[l]!;
        const idx2 = stack[l - 1]!;
        const a = idx1 - idx2;
        const b = ii - idx1;
        const c = a + b;
        const tu = featureRow[idx2]! - r;
        const tv = featureRow[idx1]! - r;
        const uR = tu * tu;
        const vR = tv * tv;
        if (c * vR - b * uR - a * wR - a * b * c <= 0) break;
        l--;
      }
      stack[++l] = ii;
    }
    const maxl = l;
    if (maxl < 0) {
      for (let x = 0; x < width; x++) {
        nearest[row + x] = -1;
        distanceSquared[row + x] = -1;
      }
      continue;
    }
    l = 0;
    for (let ii = 0; ii < width; ii++) {
      let site = stack[l]!;
      let t0 = featureRow[site]! - r;
      let t1 = site - ii;
      let delta1 = t0 * t0 + t1 * t1;
      while (l < maxl) {
        const nextSite = stack[l + 1]!;
        t0 = featureRow[nextSite]! - r;
        t1 = nextSite - ii;
        const delta2 = t0 * t0 + t1 * t1;
        if (delta1 <= delta2) break;
        delta1 = delta2;
        l++;
        site = nextSite;
      }
      nearest[row + ii] = featureRow[site]! * width + site;
      distanceSquared[row + ii] = delta1;
    }
  }
  return { nearest, distanceSquared };
}
