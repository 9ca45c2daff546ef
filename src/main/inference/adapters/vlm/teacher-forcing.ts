/**
 * INT's VLM-route Score (INT.md section 3): the VLM is teacher-forced to answer `name` to the naming
 * question; Score is the largest per-token probability of the name's tokens. With logits [L, V] of the
 * whole sequence (prompt then answer tokens), the probability of answer token t (at position p) is
 * softmax(logits[p - 1])[t]: position p - 1 predicts position p. Pure arithmetic, numerically stable.
 */

export interface TeacherForcedInput {
  /** Row-major logits of the whole sequence, `positions` x `vocabulary`. */
  readonly logits: Float32Array;
  readonly vocabulary: number;
  /** Token ids of the whole sequence (prompt followed by the answer). */
  readonly tokenIds: readonly number[];
  /** Number of prompt tokens: the answer starts at this position. */
  readonly promptLength: number;
}

/** softmax(row)[index] for one logit row. */
export function softmaxAt(row: Float32Array, index: number): number {
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  let total = 0;
  for (const v of row) total += Math.exp(v - max);
  return Math.exp((row[index] ?? -Infinity) - max) / total;
}

/** Per-token probabilities of the answer tokens. */
export function answerTokenProbabilities(input: TeacherForcedInput): number[] {
  const { logits, vocabulary, tokenIds, promptLength } = input;
  const positions = logits.length / vocabulary;
  if (!Number.isInteger(positions)) throw new RangeError(`logits length ${logits.length} is not a multiple of the vocabulary size ${vocabulary}`);
  if (promptLength < 1 || promptLength >= tokenIds.length) throw new RangeError(`the answer must follow a non-empty prompt: prompt ${promptLength} tokens, sequence ${tokenIds.length}`);
  if (positions < tokenIds.length) throw new RangeError(`logits cover ${positions} positions, the sequence has ${tokenIds.length} tokens`);
  const out: number[] = [];
  for (let p = promptLength; p < tokenIds.length; p++) {
    const token = tokenIds[p] ?? -1;
    if (token < 0 || token >= vocabulary) throw new RangeError(`token id ${token} outside the vocabulary of ${vocabulary}`);
    out.push(softmaxAt(logits.subarray((p - 1) * vocabulary, p * vocabulary), token));
  }
  return out;
}

/** Score(P, name): the largest per-token probability of the name's tokens. */
export function teacherForcedScore(input: TeacherForcedInput): number {
  return Math.max(...answerTokenProbabilities(input));
}
