/**
 * HCG answers -> candidates (INT.md section 2 A and the rules under it): each patch answer with a
 * parsable name and box becomes one candidate; the rest are dropped with the reason; the task prompt
 * is always a candidate (last, ours); with PNM, names of the memory that the new answers do not repeat
 * are carried (withCarriedCandidates, ours).
 */
import type { Box } from '../image';
import type { ProposalAnswer } from '../ports';
import { normaliseName } from './names';
import { clipBox } from './parse';
import type { Patch } from './patches';
import { unionBox } from './pixels';
import type { DroppedAnswer, PatchRef } from './trace';

export interface Candidate {
  readonly index: number;
  /** memory: carried from an earlier iteration by PNM (withCarriedCandidates). */
  readonly source: 'proposer' | 'task-prompt' | 'memory';
  readonly patch: PatchRef;
  readonly raw: string | null;
  readonly rawName: string;
  readonly name: string;
  readonly background: string | null;
  /** Image pixels, clipped to the patch. */
  readonly box: Box | null;
}

/** One patch's answer, or the proposer's failure for it. */
export type PatchAnswer = { readonly ok: true; readonly answer: ProposalAnswer } | { readonly ok: false; readonly error: string };

export function patchRef(patch: Patch, index: number): PatchRef {
  return { index, name: patch.name, scale: patch.scale, rect: patch.rect };
}

export interface CandidateSet {
  readonly candidates: readonly Candidate[];
  readonly dropped: readonly DroppedAnswer[];
}

/**
 * Builds the candidate list of one iteration.
 * `namesFromProposer` false (HCG off): the answers only lend their box and background to the task prompt.
 * The task-prompt candidate lives on the whole image (ours: even when `whole` is not among the scales)
 * with the whole-image answer's box, else the union of the candidates' boxes, else no box.
 */
export function buildCandidates(
  patches: readonly Patch[],
  answers: readonly PatchAnswer[],
  taskPrompt: string,
  normalisedTaskPrompt: string,
  imageWidth: number,
  imageHeight: number,
  namesFromProposer: boolean,
): CandidateSet {
  const candidates: Candidate[] = [];
  const dropped: DroppedAnswer[] = [];
  const boxes: (Box | null)[] = [];
  const backgrounds: (string | null)[] = [];
  patches.forEach((patch, index) => {
    const ref = patchRef(patch, index);
    const outcome = answers[index];
    if (outcome === undefined) return;
    if (!outcome.ok) {
      dropped.push({ patch: ref, raw: null, reason: `proposer failed: ${outcome.error}` });
      boxes.push(null);
      backgrounds.push(null);
      return;
    }
    const { answer } = outcome;
    const box = answer.box === null ? null : toImageBox(answer.box, patch);
    const background = answer.background === null ? null : normaliseName(answer.background) || null;
    boxes.push(box);
    backgrounds.push(background);
    const reason = dropReason(answer, box);
    if (reason !== null) {
      dropped.push({ patch: ref, raw: answer.raw, reason });
      return;
    }
    if (!namesFromProposer) {
      dropped.push({ patch: ref, raw: answer.raw, reason: 'HCG off: the task prompt is the only candidate' });
      return;
    }
    candidates.push({
      index: candidates.length,
      source: 'proposer',
      patch: ref,
      raw: answer.raw,
      rawName: answer.foreground ?? '',
      name: normaliseName(answer.foreground ?? ''),
      background,
      box,
    });
  });
  const wholeIndex = patches.findIndex((p) => p.name === 'whole');
  const whole: PatchRef =
    wholeIndex >= 0 ? patchRef(patches[wholeIndex] as Patch, wholeIndex) : { index: -1, name: 'whole', scale: 'whole', rect: { x1: 0, y1: 0, x2: imageWidth, y2: imageHeight } };
  const wholeBox = wholeIndex >= 0 ? (boxes[wholeIndex] ?? null) : null;
  const anyBoxes = boxes.filter((b): b is Box => b !== null);
  const wholeBackground = wholeIndex >= 0 ? (backgrounds[wholeIndex] ?? null) : null;
  candidates.push({
    index: candidates.length,
    source: 'task-prompt',
    patch: whole,
    raw: null,
    rawName: taskPrompt,
    name: normalisedTaskPrompt,
    background: wholeBackground ?? backgrounds.find((b) => b !== null) ?? null,
    box: wholeBox ?? unionBox(anyBoxes),
  });
  return { candidates, dropped };
}

/**
 * PNM's carried names (ours; INT.md leaves open what happens to a name the VLM does not repeat). Each name
 * of the previous iteration's memory that no candidate of this iteration repeats on the same patch stays a
 * candidate, on the patch and box where its D was largest (`carried`, one per name), and is mined again
 * against this iteration's region. A VLM that samples (temperature > 0) does not repeat every answer:
 * without this, one draw that omits the instance's name would throw away the evidence PNM accumulated for
 * it, and the name chosen next would be whatever that draw offered. A deterministic proposer repeats every
 * answer, so nothing is carried. Carried candidates go before the task prompt, which stays last.
 */
export function withCarriedCandidates(candidates: readonly Candidate[], carried: readonly Candidate[]): Candidate[] {
  const repeated = (c: Candidate): boolean => candidates.some((x) => x.name === c.name && x.patch.index === c.patch.index);
  const extra = carried.filter((c) => c.source !== 'task-prompt' && !repeated(c));
  if (extra.length === 0) return [...candidates];
  const prompt = candidates.filter((c) => c.source === 'task-prompt');
  const rest = candidates.filter((c) => c.source !== 'task-prompt');
  return [...rest, ...extra.map((c) => ({ ...c, source: 'memory' as const })), ...prompt].map((c, index) => ({ ...c, index }));
}

function toImageBox(box: Box, patch: Patch): Box | null {
  const width = patch.rect.x2 - patch.rect.x1;
  const height = patch.rect.y2 - patch.rect.y1;
  const clipped = clipBox(box, width, height);
  if (clipped === null) return null;
  return { x1: clipped.x1 + patch.rect.x1, y1: clipped.y1 + patch.rect.y1, x2: clipped.x2 + patch.rect.x1, y2: clipped.y2 + patch.rect.y1 };
}

function dropReason(answer: ProposalAnswer, box: Box | null): string | null {
  if (answer.foreground === null) return 'no parsable foreground name';
  if (normaliseName(answer.foreground) === '') return `name ${JSON.stringify(answer.foreground)} is empty after normalisation`;
  if (answer.box === null) return 'no parsable box';
  if (box === null) {
    const b = answer.box;
    return `zero-area or out-of-patch box [${b.x1}, ${b.y1}, ${b.x2}, ${b.y2}]`;
  }
  return null;
}
