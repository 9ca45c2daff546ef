/** numpy's np.spacing(1) = 2^-52, PySODMetrics' EPS (MATLAB's eps). */
export const EPS = 2 ** -52;

/** F-measure beta^2 of PySODMetrics (Fmeasure, FmeasureHandler). */
export const F_BETA2 = 0.3;

/** S-measure alpha of PySODMetrics. */
export const S_ALPHA = 0.5;

/** Number of thresholds of the dynamic curves (E-measure, F-measure, Dice, IoU): 0..255. */
export const THRESHOLDS = 256;

/** numpy's round (round half to even), used for the S-measure centroid. */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
