/**
 * One iteration's candidates grouped by normalised name: the unit INT reasons about. The share of a
 * name is the sum of its candidates' Dnorm, which is exactly what PNM carries into the next iteration
 * (core/int/mining.ts nameMemory), so these rows answer "which names were mined, which were rejected".
 */
import type { CandidateView, IterationView } from '../../../../../shared/dto/runs';

export type NameVerdict = 'chosen' | 'used-after-fallback' | 'rejected';

export interface NameSummary {
  readonly name: string;
  /** Sum of Dnorm over the name's candidates; null when D is unknown (PSNM off). */
  readonly share: number | null;
  /** Largest D among its candidates. */
  readonly bestD: number | null;
  /** Largest unfloored confidence drop among its candidates. */
  readonly bestDrop: number | null;
  /** Dnorm_{i-1}(name) multiplied in by PNM (the same for every candidate of the name); null in iteration 1. */
  readonly pnmFactor: number | null;
  /** Patches that proposed it, in trace order (the task prompt counts as its own source). */
  readonly patches: readonly string[];
  /** Spellings the proposer used that normalisation changed ("Crabs" -> "crab"). */
  readonly rawNames: readonly string[];
  readonly fromTaskPrompt: boolean;
  /** Candidates of this name whose scoring failed. */
  readonly errors: number;
  readonly verdict: NameVerdict;
  /** Position in the iteration's ranking (0 = Au_i), or null when the trace does not rank it. */
  readonly rank: number | null;
}

function maxOf(values: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (const value of values) if (value !== null && Number.isFinite(value) && (best === null || value > best)) best = value;
  return best;
}

export function summariseNames(iteration: Pick<IterationView, 'candidates' | 'ranking' | 'chosenPrompt' | 'phrase'>): NameSummary[] {
  const groups = new Map<string, CandidateView[]>();
  for (const candidate of iteration.candidates) {
    const group = groups.get(candidate.name);
    if (group === undefined) groups.set(candidate.name, [candidate]);
    else group.push(candidate);
  }
  const summaries: NameSummary[] = [];
  for (const [name, group] of groups) {
    const dnorms = group.map((candidate) => candidate.dnorm);
    const share = dnorms.some((value) => value === null) ? null : dnorms.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    const rank = iteration.ranking.indexOf(name);
    const verdict: NameVerdict =
      name === iteration.chosenPrompt ? 'chosen' : name === iteration.phrase && iteration.phrase !== iteration.chosenPrompt ? 'used-after-fallback' : 'rejected';
    summaries.push({
      name,
      share,
      bestD: maxOf(group.map((candidate) => candidate.d)),
      bestDrop: maxOf(group.map((candidate) => candidate.drop)),
      pnmFactor: group.find((candidate) => candidate.pnmFactor !== null)?.pnmFactor ?? null,
      patches: group.map((candidate) => (candidate.source === 'task-prompt' ? 'task prompt' : candidate.source === 'memory' ? `${candidate.patch} (carried)` : candidate.patch)),
      rawNames: [...new Set(group.map((candidate) => candidate.rawName).filter((raw) => raw !== '' && raw !== name))],
      fromTaskPrompt: group.some((candidate) => candidate.source === 'task-prompt'),
      errors: group.filter((candidate) => candidate.error !== null).length,
      verdict,
      rank: rank < 0 ? null : rank,
    });
  }
  // The ranking order (Au_i first, then by D); names it does not list keep their first appearance.
  return summaries
    .map((summary, order) => ({ summary, order }))
    .sort((a, b) => (a.summary.rank ?? Infinity) - (b.summary.rank ?? Infinity) || a.order - b.order)
    .map((entry) => entry.summary);
}

/** A name's share per iteration (null where the name was not a candidate), for its trend across iterations. */
export function shareHistory(iterations: readonly Pick<IterationView, 'candidates'>[], name: string): (number | null)[] {
  return iterations.map((iteration) => {
    const group = iteration.candidates.filter((candidate) => candidate.name === name);
    if (group.length === 0 || group.some((candidate) => candidate.dnorm === null)) return null;
    return group.reduce((sum, candidate) => sum + (candidate.dnorm ?? 0), 0);
  });
}
