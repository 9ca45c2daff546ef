/**
 * Per-image uncertainty from the trace, used to sort the review queue (INT.md section 5).
 *
 * Components, each in [0, 1]:
 *   spread   = min(1, 2 * sqrt(mean over iterations and pixels of (M_i - Mbar)^2)): iterations that disagree.
 *              (A pixel's values in [0, 1] have a standard deviation of at most 0.5, hence the factor 2.)
 *   margin   = Dnorm share of the best name - that of the second best, in iteration i* (shares summed per
 *              normalised name; one name only -> 1); null when PSNM is off (no D).
 *   softness = share of the final mask's pixels above 0.05 that lie in (0.25, 0.75): an undecided boundary.
 * Combined: score = mean of [spread, 1 - margin, softness], margin left out when null.
 */
import type { SoftMask } from '../image';
import { nameMemory } from './mining';
import type { CandidateTrace, Uncertainty } from './trace';

export function uncertaintyOf(masks: readonly SoftMask[], mean: SoftMask, selected: SoftMask, selectedCandidates: readonly CandidateTrace[]): Uncertainty {
  let squares = 0;
  let count = 0;
  for (const mask of masks) {
    for (let i = 0; i < mask.data.length; i++) {
      const d = mask.data[i] - mean.data[i];
      squares += d * d;
    }
    count += mask.data.length;
  }
  const spread = Math.min(1, 2 * Math.sqrt(count === 0 ? 0 : squares / count));
  const margin = marginOf(selectedCandidates);
  let active = 0;
  let undecided = 0;
  for (const v of selected.data) {
    if (v > 0.05) {
      active++;
      if (v > 0.25 && v < 0.75) undecided++;
    }
  }
  const softness = active === 0 ? 0 : undecided / active;
  const parts = margin === null ? [spread, softness] : [spread, 1 - margin, softness];
  const score = parts.reduce((a, b) => a + b, 0) / parts.length;
  return { score: clamp01(score), spread, margin, softness };
}

function marginOf(candidates: readonly CandidateTrace[]): number | null {
  if (candidates.length === 0 || candidates.some((c) => c.dnorm === null)) return null;
  const memory = nameMemory(
    candidates.map((c) => c.name),
    candidates.map((c) => c.dnorm ?? 0),
  );
  const shares = [...memory.values()].sort((a, b) => b - a);
  const best = shares[0] ?? 0;
  const second = shares[1] ?? 0;
  return clamp01(shares.length < 2 ? 1 : best - second);
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 1;
}
