/**
 * The arithmetic of prompt selection with negative mining (PSNM) and progressive negative mining
 * (PNM), INT.md section 2 B and C. Pure functions over plain arrays, so a hand-computed example can
 * test them.
 */

/** D_i(k) = max(Score before - Score after, eps). */
export function flooredDrop(scoreBefore: number, scoreAfter: number, eps: number): number {
  const drop = scoreBefore - scoreAfter;
  return Number.isFinite(drop) && drop > eps ? drop : eps;
}

/**
 * The PNM factor of each candidate: Dnorm_{i-1}(name), where the memory holds, per normalised name,
 * the sum of Dnorm_{i-1} over that iteration's candidates with that name (ours: so the memory is a
 * distribution over names). A name the memory has not seen gets the mean of the memory's values.
 */
export function pnmFactors(names: readonly string[], memory: ReadonlyMap<string, number>): number[] {
  let sum = 0;
  for (const value of memory.values()) sum += value;
  const unseen = memory.size === 0 ? 1 : sum / memory.size;
  return names.map((name) => memory.get(name) ?? unseen);
}

/** Dnorm = D / sum(D); a zero or non-finite sum gives the uniform distribution (ours). */
export function normaliseDistribution(values: readonly number[]): number[] {
  let sum = 0;
  for (const v of values) sum += v;
  if (!(sum > 0) || !Number.isFinite(sum)) return values.map(() => 1 / values.length);
  return values.map((v) => v / sum);
}

/** The PNM memory of one iteration: normalised name -> sum of Dnorm over its candidates. */
export function nameMemory(names: readonly string[], dnorm: readonly number[]): Map<string, number> {
  const memory = new Map<string, number>();
  names.forEach((name, index) => memory.set(name, (memory.get(name) ?? 0) + (dnorm[index] ?? 0)));
  return memory;
}

/** Index of the largest value; ties go to the earliest index (ours). -1 for an empty list. */
export function argmax(values: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || (values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

/**
 * Distinct names in the order the fallbacks try them: by decreasing D when D is known (PSNM on),
 * else in candidate order (PSNM off). The first entry is the chosen Au_i.
 */
export function rankNames(names: readonly string[], scores: readonly number[] | null, chosen: number): string[] {
  const order = names.map((_, index) => index);
  if (scores !== null) order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const ranked: string[] = [];
  const first = names[chosen];
  if (first !== undefined) ranked.push(first);
  for (const index of order) {
    const name = names[index];
    if (name !== undefined && !ranked.includes(name)) ranked.push(name);
  }
  return ranked;
}
