/**
 * Sorting the candidates table of one iteration. Patches sort in the layout order of INT.md
 * (whole, halves, quarters), names alphabetically, numbers numerically; unknown values (null: PSNM
 * off, a port error) always go last whatever the direction; ties keep the trace's order.
 */
import type { CandidateView } from '../../../../../shared/dto/runs';

export type CandidateSortKey = 'patch' | 'name' | 'before' | 'after' | 'drop' | 'pnm' | 'd' | 'dnorm';
export type SortDirection = 'ascending' | 'descending';

export interface CandidateSort {
  readonly key: CandidateSortKey;
  readonly direction: SortDirection;
}

/** The order that answers "which name won": highest normalised D first. */
export const DEFAULT_CANDIDATE_SORT: CandidateSort = { key: 'dnorm', direction: 'descending' };

const PATCH_ORDER = ['whole', 'left', 'right', 'top', 'bottom', 'top-left', 'top-right', 'bottom-left', 'bottom-right'];

function patchRank(patch: string): number {
  const at = PATCH_ORDER.indexOf(patch);
  return at < 0 ? PATCH_ORDER.length : at;
}

function numberOf(candidate: CandidateView, key: Exclude<CandidateSortKey, 'patch' | 'name'>): number | null {
  switch (key) {
    case 'before':
      return candidate.scoreBefore;
    case 'after':
      return candidate.scoreAfter;
    case 'drop':
      return candidate.drop;
    case 'pnm':
      return candidate.pnmFactor;
    case 'd':
      return candidate.d;
    case 'dnorm':
      return candidate.dnorm;
  }
}

function compare(a: CandidateView, b: CandidateView, key: CandidateSortKey): number | null {
  if (key === 'patch') return patchRank(a.patch) - patchRank(b.patch);
  if (key === 'name') return a.name.localeCompare(b.name);
  const x = numberOf(a, key);
  const y = numberOf(b, key);
  if (x === null || y === null) return null;
  return x - y;
}

export function sortCandidates(candidates: readonly CandidateView[], sort: CandidateSort): CandidateView[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const indexed = candidates.map((candidate, order) => ({ candidate, order }));
  indexed.sort((a, b) => {
    const result = compare(a.candidate, b.candidate, sort.key);
    if (result === null) {
      const aMissing = sort.key !== 'patch' && sort.key !== 'name' && numberOf(a.candidate, sort.key) === null;
      const bMissing = sort.key !== 'patch' && sort.key !== 'name' && numberOf(b.candidate, sort.key) === null;
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      return a.order - b.order;
    }
    return result === 0 ? a.order - b.order : sign * result;
  });
  return indexed.map((entry) => entry.candidate);
}

/** Clicking a column: a new column starts in its natural direction (text A-Z, numbers high first); the same column flips. */
export function nextSort(current: CandidateSort, key: CandidateSortKey): CandidateSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: key === 'patch' || key === 'name' ? 'ascending' : 'descending' };
}
