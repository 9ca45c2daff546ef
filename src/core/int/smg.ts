/**
 * Semantic mask generation (INT.md section 2 D) for one iteration, with the fallbacks of the rules
 * under it, and its ablation ("segment from the VLM box alone").
 */
import { softMask, type Box, type PointPrompt, type RgbImage, type SoftMask } from '../image';
import type { Detection, SegmentPrompt } from '../ports';
import type { Candidate } from './candidates';
import { fuseMasks, normaliseBoxScores } from './fusion';
import { clipBox } from './parse';
import { applySoftMask, insideBox, minMaxNormalise, unionBox } from './pixels';
import { attempt, stage, type RunContext } from './run-context';
import type { BoxMaskTrace, DetectionTrace, FallbackKind, StageTimings } from './trace';

export interface SmgOutcome {
  readonly mask: SoftMask;
  readonly fallback: FallbackKind;
  readonly fallbackReason: string | null;
  readonly phrase: string;
  readonly backgroundNames: readonly string[];
  readonly detections: readonly DetectionTrace[];
  readonly points: readonly PointPrompt[];
  readonly boxMasks: readonly BoxMaskTrace[];
  readonly errors: readonly string[];
}

interface SegmentBox {
  readonly box: Box;
  readonly source: BoxMaskTrace['source'];
}

/**
 * SMG on X_i: detector boxes for Au_i (fallback: the next-best name, then the union of the boxes of
 * Au_i's candidates, ours: of all candidates when Au_i has none, the whole image when no candidate
 * has a box); one set of points per iteration (ours: the points depend only on X_i and the names);
 * per box, the Segmenter gets the box, the positive points inside it and every negative point (ours),
 * and its best multimask output; CLIP scores of X_i * m_b weight the fusion.
 */
export async function semanticMask(
  context: RunContext,
  iteration: number,
  image: RgbImage,
  candidates: readonly Candidate[],
  ranking: readonly string[],
  timings: StageTimings,
): Promise<SmgOutcome> {
  const { models, config } = context;
  const errors: string[] = [];
  const detections: DetectionTrace[] = [];
  const chosen = ranking[0] ?? context.normalisedTaskPrompt;

  const detected = await stage(context, timings, 'detect', iteration, async () => {
    const detect = async (name: string): Promise<Box[]> => {
      const result = await attempt(context, () => models.detector.detect(image, name));
      if (!result.ok) {
        errors.push(`detector failed for ${JSON.stringify(name)}: ${result.error}`);
        return [];
      }
      const found = [...result.value].sort((a: Detection, b: Detection) => b.score - a.score);
      const boxes: Box[] = [];
      for (const detection of found) {
        const box = clipBox(detection.box, image.width, image.height);
        if (box === null) continue;
        detections.push({ box, score: detection.score, phrase: name });
        if (boxes.length < config.maxBoxes) boxes.push(box);
      }
      return boxes;
    };
    const asDetector = (boxes: Box[]): SegmentBox[] => boxes.map((box) => ({ box, source: 'detector' }));
    const first = await detect(chosen);
    if (first.length > 0) return { boxes: asDetector(first), phrase: chosen, fallback: 'none' as FallbackKind, reason: null };
    const nextBest = ranking[1];
    if (nextBest !== undefined) {
      const second = await detect(nextBest);
      if (second.length > 0) {
        const reason = `detector found no box for ${JSON.stringify(chosen)}; used the next-best candidate ${JSON.stringify(nextBest)}`;
        return { boxes: asDetector(second), phrase: nextBest, fallback: 'next-best' as FallbackKind, reason };
      }
    }
    const tried = [chosen, ...(nextBest === undefined ? [] : [nextBest])].map((n) => JSON.stringify(n)).join(' or ');
    const union: SegmentBox = { box: fallbackBox(candidates, chosen, image), source: 'union-of-boxes' };
    return { boxes: [union], phrase: chosen, fallback: 'union-of-boxes' as FallbackKind, reason: `detector found no box for ${tried}; segmented the union of the candidate boxes` };
  });
  const { phrase, boxes: segmentBoxes } = detected;

  const backgroundNames = backgroundsFor(candidates, phrase);
  const points = await stage(context, timings, 'points', iteration, async () => {
    const result = await attempt(context, () => models.pointPrompter.points(image, [phrase], backgroundNames));
    if (result.ok) return [...result.value];
    errors.push(`point prompter failed: ${result.error}`);
    return [];
  });

  const segmented = await stage(context, timings, 'segment', iteration, async () => {
    const out: { box: SegmentBox; mask: SoftMask; predictedIoU: number }[] = [];
    for (const item of segmentBoxes) {
      const prompt: SegmentPrompt = { box: item.box, points: points.filter((p) => p.label === 0 || insideBox(p.x, p.y, item.box)) };
      const best = await bestMask(context, image, prompt, errors);
      if (best !== null) out.push({ box: item, mask: best.mask, predictedIoU: best.predictedIoU });
    }
    return out;
  });

  const similarities = await stage(context, timings, 'clip', iteration, async () => {
    if (segmented.length === 0) return [];
    const masked = segmented.map((s) => applySoftMask(image, s.mask));
    const result = await attempt(context, () => models.clipScorer.similarities(masked, phrase));
    if (result.ok && result.value.length === segmented.length) return [...result.value];
    errors.push(result.ok ? `clip scorer returned ${result.value.length} scores for ${segmented.length} masks` : `clip scorer failed: ${result.error}`);
    return segmented.map(() => 0);
  });

  const fused = await stage(context, timings, 'fuse', iteration, async () => {
    const weights = normaliseBoxScores(similarities);
    const mask = segmented.length === 0 ? softMask(image.width, image.height) : fuseMasks(segmented.map((s) => s.mask), weights, image.width, image.height);
    return { mask, weights };
  });
  if (segmented.length === 0) errors.push('no box gave a mask: M_i is empty');

  return {
    mask: fused.mask,
    fallback: detected.fallback,
    fallbackReason: detected.reason,
    phrase,
    backgroundNames,
    detections,
    points,
    boxMasks: segmented.map((s, b) => ({ box: s.box.box, source: s.box.source, predictedIoU: s.predictedIoU, s: similarities[b] ?? null, weight: fused.weights[b] ?? 0 })),
    errors,
  };
}

/**
 * SMG off ("segment from the VLM box alone", ours): the Segmenter prompted with the chosen
 * candidate's box only (no detector, no points, no CLIP fusion); M_i = minmax(its best mask).
 * A candidate without a box uses the union-of-boxes fallback box.
 */
export async function boxOnlyMask(context: RunContext, iteration: number, image: RgbImage, candidates: readonly Candidate[], chosen: Candidate, timings: StageTimings): Promise<SmgOutcome> {
  const errors: string[] = [];
  const box = chosen.box ?? fallbackBox(candidates, chosen.name, image);
  const fallback: FallbackKind = chosen.box === null ? 'union-of-boxes' : 'none';
  const best = await stage(context, timings, 'segment', iteration, () => bestMask(context, image, { box, points: [] }, errors));
  const mask = await stage(context, timings, 'fuse', iteration, async () =>
    best === null ? softMask(image.width, image.height) : softMask(image.width, image.height, minMaxNormalise(best.mask.data)),
  );
  if (best === null) errors.push('the segmenter gave no mask: M_i is empty');
  return {
    mask,
    fallback,
    fallbackReason: fallback === 'none' ? null : `candidate ${JSON.stringify(chosen.name)} has no box; segmented the union of the candidate boxes`,
    phrase: chosen.name,
    backgroundNames: [],
    detections: [],
    points: [],
    boxMasks: best === null ? [] : [{ box, source: 'vlm-box', predictedIoU: best.predictedIoU, s: null, weight: 1 }],
    errors,
  };
}

async function bestMask(context: RunContext, image: RgbImage, prompt: SegmentPrompt, errors: string[]): Promise<{ mask: SoftMask; predictedIoU: number } | null> {
  const result = await attempt(context, () => context.models.segmenter.segment(image, prompt));
  if (!result.ok) {
    errors.push(`segmenter failed: ${result.error}`);
    return null;
  }
  let best: { mask: SoftMask; predictedIoU: number } | null = null;
  for (const output of result.value) {
    if (output.mask.width !== image.width || output.mask.height !== image.height) {
      errors.push(`segmenter mask is ${output.mask.width}x${output.mask.height}, expected ${image.width}x${image.height}`);
      continue;
    }
    if (best === null || output.predictedIoU > best.predictedIoU) best = { mask: output.mask, predictedIoU: output.predictedIoU };
  }
  if (best === null && result.value.length === 0) errors.push('segmenter returned no mask');
  return best;
}

/** The union of the boxes of `name`'s candidates; of all candidates when it has none; the whole image when none has a box. */
export function fallbackBox(candidates: readonly Candidate[], name: string, image: RgbImage): Box {
  const own = candidates.filter((c) => c.name === name && c.box !== null).map((c) => c.box as Box);
  const any = candidates.filter((c) => c.box !== null).map((c) => c.box as Box);
  return unionBox(own) ?? unionBox(any) ?? { x1: 0, y1: 0, x2: image.width, y2: image.height };
}

/** Background names for the point prompter (ours): those of the phrase's candidates, else all; never the phrase itself. */
export function backgroundsFor(candidates: readonly Candidate[], phrase: string): string[] {
  const collect = (list: readonly Candidate[]): string[] =>
    [...new Set(list.flatMap((c) => (c.background === null || c.background === phrase ? [] : [c.background])))];
  const own = collect(candidates.filter((c) => c.name === phrase));
  return own.length > 0 ? own : collect(candidates);
}
