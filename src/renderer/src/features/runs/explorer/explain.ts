/**
 * The iteration explorer's answer to "why was this image segmented this way", in sentences built from
 * the trace alone: where the candidate names came from, which name negative mining chose and by how
 * much, which names it rejected and why, what PNM carried over, any fallback, how the mask was made,
 * and whether this iteration is i*. Names and numbers are marked so the view can emphasise them.
 */
import type { ImageTrace, IterationView } from '../../../../../shared/dto/runs';
import { formatD, formatFactor, formatProbability, formatShare } from '../runFormat';
import { summariseNames, type NameSummary } from './nameSummary';

export type Segment = string | { readonly kind: 'name' | 'value'; readonly text: string };

export interface ExplanationLine {
  readonly topic: 'candidates' | 'choice' | 'pnm' | 'rejected' | 'fallback' | 'mask' | 'final' | 'error';
  readonly tone: 'info' | 'warning' | 'success';
  readonly segments: readonly Segment[];
}

/** Below this share of all D a name barely moved the score when its region was removed. */
export const HALLUCINATION_SHARE = 0.05;

const name = (text: string): Segment => ({ kind: 'name', text });
const value = (text: string): Segment => ({ kind: 'value', text });

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** "a", "a and b", "a, b and c" over segments. */
function list(items: readonly Segment[][]): Segment[] {
  const out: Segment[] = [];
  items.forEach((item, index) => {
    if (index > 0) out.push(index === items.length - 1 ? ' and ' : ', ');
    out.push(...item);
  });
  return out;
}

function candidatesLine(iteration: IterationView): ExplanationLine {
  const proposed = iteration.candidates.filter((candidate) => candidate.source === 'proposer');
  const fromPrompt = iteration.candidates.find((candidate) => candidate.source === 'task-prompt');
  const segments: Segment[] = [];
  if (proposed.length === 0 && iteration.dropped.length === 0) {
    segments.push('HCG is off: the task prompt ');
    if (fromPrompt !== undefined) segments.push(name(fromPrompt.name), ' ');
    segments.push('is the only candidate.');
    return { topic: 'candidates', tone: 'info', segments };
  }
  const answers = proposed.length + iteration.dropped.length;
  const distinct = new Set(iteration.candidates.map((candidate) => candidate.name)).size;
  const carried = iteration.candidates.filter((candidate) => candidate.source === 'memory');
  segments.push(`${plural(answers, 'patch answer')} gave ${plural(proposed.length, 'candidate')}`);
  if (carried.length > 0) {
    segments.push(`, PNM carried ${carried.length === 1 ? 'the name' : 'the names'} `, ...list(carried.map((candidate) => [name(candidate.name)])), ' from earlier iterations where these answers did not repeat them');
  }
  if (fromPrompt !== undefined) segments.push(', plus the task prompt ', name(fromPrompt.name));
  segments.push(`: ${plural(distinct, 'distinct name')}.`);
  if (iteration.dropped.length > 0) {
    const reasons = [...new Set(iteration.dropped.map((answer) => answer.reason))];
    segments.push(` ${iteration.dropped.length === 1 ? 'One answer was' : `${iteration.dropped.length} answers were`} dropped (${reasons.join('; ')}).`);
  }
  return { topic: 'candidates', tone: 'info', segments };
}

function choiceLine(iteration: IterationView, names: readonly NameSummary[]): ExplanationLine | null {
  const chosen = iteration.chosenPrompt;
  if (chosen === null) return null;
  if (iteration.rule === 'first-candidate') {
    return { topic: 'choice', tone: 'info', segments: ['PSNM is off: the first candidate ', name(chosen), ' was taken as the prompt without negative mining.'] };
  }
  const best = iteration.candidates
    .filter((candidate) => candidate.name === chosen && candidate.d !== null)
    .sort((a, b) => (b.d ?? 0) - (a.d ?? 0))[0];
  const summary = names.find((entry) => entry.name === chosen);
  const segments: Segment[] = [name(chosen), ` was chosen as the prompt Au${subscript(iteration.index)}`];
  if (best !== undefined) {
    segments.push(
      `: removing its region from the ${best.patch === 'whole' ? 'whole image' : `${best.patch} patch`} lowered the confidence from `,
      value(formatProbability(best.scoreBefore)),
      ' to ',
      value(formatProbability(best.scoreAfter)),
      ', the largest D (',
      value(formatD(best.d)),
      ')',
    );
  }
  if (summary !== undefined && summary.share !== null) {
    segments.push('; the name holds ', value(formatShare(summary.share)), ` of all D over ${plural(summary.patches.length, 'candidate')}`);
  }
  segments.push('.');
  return { topic: 'choice', tone: 'success', segments };
}

function subscript(index: number): string {
  const digits = '₀₁₂₃₄₅₆₇₈₉';
  return String(index)
    .split('')
    .map((digit) => digits[Number(digit)] ?? digit)
    .join('');
}

function pnmLine(iteration: IterationView, names: readonly NameSummary[]): ExplanationLine | null {
  const carried = names.filter((entry) => entry.pnmFactor !== null).sort((a, b) => (b.pnmFactor ?? 0) - (a.pnmFactor ?? 0));
  if (iteration.index === 1 || carried.length === 0) return null;
  const strong = carried.slice(0, 3);
  const rest = carried.slice(3);
  const segments: Segment[] = [`PNM multiplied each D by the name's share in iteration ${iteration.index - 1}: `, ...list(strong.map((entry) => [name(entry.name), ' ', value(formatFactor(entry.pnmFactor))]))];
  if (rest.length > 0) {
    const high = rest[0]?.pnmFactor ?? 0;
    const low = rest[rest.length - 1]?.pnmFactor ?? 0;
    segments.push(`; the other ${plural(rest.length, 'name')} `, value(high === low ? formatFactor(low) : `${formatFactor(low)} to ${formatFactor(high)}`));
  }
  segments.push('.');
  return { topic: 'pnm', tone: 'info', segments };
}

function rejectedLine(iteration: IterationView, names: readonly NameSummary[]): ExplanationLine | null {
  const rejected = names.filter((entry) => entry.verdict === 'rejected');
  if (rejected.length === 0 || iteration.rule === 'first-candidate') return null;
  const weak = rejected.filter((entry) => entry.share !== null && entry.share < HALLUCINATION_SHARE);
  const close = rejected.filter((entry) => !weak.includes(entry));
  const segments: Segment[] = ['Rejected: '];
  if (close.length > 0) {
    // Au_i is the single candidate with the largest D, so a name can hold more of all D over several
    // patches and still lose: say both numbers.
    segments.push(
      ...list(close.map((entry) => [name(entry.name), ' (best D ', value(formatD(entry.bestD)), `, ${formatShare(entry.share)} of all D over ${plural(entry.patches.length, 'candidate')})`])),
    );
    segments.push(' lost less confidence than ', name(iteration.chosenPrompt ?? ''), ' in any one patch');
    if (weak.length > 0) segments.push('; ');
  }
  if (weak.length > 0) {
    segments.push(...list(weak.map((entry) => [name(entry.name)])));
    segments.push(` barely moved the score when removed (under ${formatShare(HALLUCINATION_SHARE)} of D each), the sign of a hallucinated name`);
  }
  segments.push('.');
  return { topic: 'rejected', tone: 'info', segments };
}

function fallbackLine(iteration: IterationView): ExplanationLine | null {
  if (iteration.fallback === 'none') return null;
  const kind = iteration.fallback === 'next-best' ? 'next-best name' : iteration.fallback === 'union-of-boxes' ? 'union of candidate boxes' : iteration.fallback;
  return {
    topic: 'fallback',
    tone: 'warning',
    segments: [`Fallback to the ${kind}: ${iteration.fallbackReason ?? 'no reason recorded'}. The mask was made for `, name(iteration.phrase), '.'],
  };
}

function maskLine(iteration: IterationView): ExplanationLine {
  const positives = iteration.points.filter((point) => point.label === 1).length;
  const negatives = iteration.points.length - positives;
  if (iteration.boxMasks.length > 0 && iteration.boxMasks.every((mask) => mask.source === 'vlm-box')) {
    return { topic: 'mask', tone: 'info', segments: ["SMG is off: the mask comes from the chosen candidate's box alone."] };
  }
  const detections = iteration.detections.filter((detection) => detection.phrase === iteration.phrase);
  const segments: Segment[] = [];
  if (detections.length > 0) {
    const scores = detections.map((detection) => detection.score);
    const low = Math.min(...scores);
    const high = Math.max(...scores);
    segments.push(`The detector found ${plural(detections.length, 'box', 'boxes')} for `, name(iteration.phrase), ' (score ', value(low === high ? low.toFixed(2) : `${low.toFixed(2)}–${high.toFixed(2)}`), ')');
  } else {
    segments.push('The detector found no box for ', name(iteration.phrase));
  }
  const union = iteration.boxMasks.some((mask) => mask.source === 'union-of-boxes');
  if (union) segments.push('; the union of the candidate boxes was segmented instead');
  segments.push(`; ${plural(positives, 'positive point')} and ${plural(negatives, 'negative point')} from the CLIP map`);
  const weighted = iteration.boxMasks.filter((mask) => mask.weight > 0).length;
  if (iteration.boxMasks.length > 1) {
    segments.push(`; CLIP weighted the ${iteration.boxMasks.length} box masks`);
    if (weighted < iteration.boxMasks.length) segments.push(` (${iteration.boxMasks.length - weighted} got weight 0)`);
  }
  segments.push('.');
  return { topic: 'mask', tone: 'info', segments };
}

function finalLine(trace: Pick<ImageTrace, 'finalIteration' | 'iterations'>, iteration: IterationView): ExplanationLine | null {
  if (trace.finalIteration === null) return null;
  const count = trace.iterations.length;
  if (iteration.index === trace.finalIteration) {
    return {
      topic: 'final',
      tone: 'success',
      segments: count === 1 ? ['This is the only iteration: its mask is the proposal.'] : [`This is i*: of the ${count} masks it is the closest to their mean, so it became the proposal.`],
    };
  }
  return { topic: 'final', tone: 'info', segments: [`Not the proposal: i* is iteration ${trace.finalIteration}, the mask closest to the mean of all ${count}.`] };
}

export function explainIteration(trace: Pick<ImageTrace, 'finalIteration' | 'iterations'>, iteration: IterationView): ExplanationLine[] {
  const names = summariseNames(iteration);
  const lines: (ExplanationLine | null)[] = [
    candidatesLine(iteration),
    choiceLine(iteration, names),
    pnmLine(iteration, names),
    rejectedLine(iteration, names),
    fallbackLine(iteration),
    maskLine(iteration),
    finalLine(trace, iteration),
    ...iteration.errors.map((error): ExplanationLine => ({ topic: 'error', tone: 'warning', segments: [`A model port failed and the iteration went on: ${error}`] })),
  ];
  return lines.filter((line): line is ExplanationLine => line !== null);
}

/** The sentences as plain text (for titles, copying and tests). */
export function lineText(line: ExplanationLine): string {
  return line.segments.map((segment) => (typeof segment === 'string' ? segment : segment.kind === 'name' ? `“${segment.text}”` : segment.text)).join('');
}
