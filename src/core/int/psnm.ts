/**
 * Prompt selection with negative mining (PSNM) and progressive negative mining (PNM) for one
 * iteration (INT.md section 2 B and C):
 *   R_k = B_k (iteration 1) or (M_{i-1} > t) within P_k (later; the box rule again when that mask is empty, ours)
 *   P'_k = Inpaint(P_k, R_k): ONE inpaint of the full original image per distinct region, cropped per patch
 *   D_i(k) = max(Score(P_k, name) - Score(P'_k, name), eps) [* Dnorm_{i-1}(name) with PNM]
 * and, for PNM, the candidate per name that the next iteration carries (candidates.ts withCarriedCandidates).
 */
import type { BinaryMask, RgbImage, SoftMask } from '../image';
import type { Candidate } from './candidates';
import { argmax, flooredDrop, nameMemory, normaliseDistribution, pnmFactors } from './mining';
import { boxKey, boxRegion, cropRgb, regionStats, threshold } from './pixels';
import { attempt, stage, type RunContext } from './run-context';
import type { CandidateTrace, InpaintTrace, RegionTrace, StageTimings } from './trace';

export interface PsnmOutcome {
  readonly candidates: readonly CandidateTrace[];
  readonly inpaints: readonly InpaintTrace[];
  readonly vocabulary: readonly string[];
  readonly chosen: number;
  /** D_i per candidate (after eps and PNM). */
  readonly d: readonly number[];
  /** Dnorm_i keyed by normalised name: the memory for iteration i + 1. */
  readonly memory: Map<string, number>;
  /** Per name of the memory, its candidate with the largest D_i (earliest on ties): what PNM carries into iteration i + 1. */
  readonly carry: readonly Candidate[];
  readonly errors: readonly string[];
}

interface PlannedRegion {
  readonly key: string;
  readonly kind: 'box' | 'mask';
  readonly region: BinaryMask;
  readonly trace: InpaintTrace;
}

export async function selectWithNegativeMining(
  context: RunContext,
  iteration: number,
  candidates: readonly Candidate[],
  previousMask: SoftMask | null,
  memory: ReadonlyMap<string, number> | null,
  timings: StageTimings,
): Promise<PsnmOutcome> {
  const { image, config, models } = context;
  const errors: string[] = [];
  const previousRegion = previousMask === null ? null : threshold(previousMask, config.maskThreshold);
  const useMask = previousRegion !== null && previousRegion.data.includes(1);

  // Plan the regions: one per candidate, deduplicated into full-image inpaints.
  const planned = new Map<string, PlannedRegion>();
  const regionOf: (RegionTrace & { key: string | null })[] = candidates.map((candidate) => {
    if (useMask && previousRegion !== null) {
      const stats = regionStats(previousRegion, candidate.patch.rect);
      if (stats.pixels === 0) return { kind: 'none', box: null, pixels: 0, inpaint: null, key: null };
      const key = `mask:${iteration}`;
      if (!planned.has(key)) {
        const all = regionStats(previousRegion, { x1: 0, y1: 0, x2: image.width, y2: image.height });
        planned.set(key, { key, kind: 'mask', region: previousRegion, trace: { kind: 'mask', box: all.box, pixels: all.pixels, cached: false } });
      }
      return { kind: 'mask', box: stats.box, pixels: stats.pixels, inpaint: null, key };
    }
    if (candidate.box === null) return { kind: 'none', box: null, pixels: 0, inpaint: null, key: null };
    const key = `box:${boxKey(candidate.box)}`;
    if (!planned.has(key)) {
      const pixels = (candidate.box.x2 - candidate.box.x1) * (candidate.box.y2 - candidate.box.y1);
      planned.set(key, {
        key,
        kind: 'box',
        region: boxRegion(image.width, image.height, candidate.box),
        trace: { kind: 'box', box: candidate.box, pixels, cached: context.inpaints.has(key) },
      });
    }
    return { kind: 'box', box: candidate.box, pixels: (candidate.box.x2 - candidate.box.x1) * (candidate.box.y2 - candidate.box.y1), inpaint: null, key };
  });
  const plan = [...planned.values()];

  // Inpaint the full original image once per distinct region.
  const inpainted = new Map<string, RgbImage | null>();
  await stage(context, timings, 'inpaint', iteration, async () => {
    for (const region of plan) {
      const cached = context.inpaints.get(region.key);
      if (cached !== undefined) {
        inpainted.set(region.key, cached);
        continue;
      }
      const result = await attempt(context, () => models.inpainter.inpaint(image, region.region));
      if (!result.ok) {
        errors.push(`inpainter failed for ${region.key}: ${result.error}`);
        inpainted.set(region.key, null);
        continue;
      }
      if (result.value.width !== image.width || result.value.height !== image.height) {
        errors.push(`inpainter returned ${result.value.width}x${result.value.height} for a ${image.width}x${image.height} image`);
        inpainted.set(region.key, null);
        continue;
      }
      inpainted.set(region.key, result.value);
      if (region.kind === 'box') context.inpaints.set(region.key, result.value);
    }
  });

  // Score before (cached per patch, name, vocabulary) and after.
  const vocabulary = [...new Set([...candidates.map((c) => c.name), context.normalisedTaskPrompt, ...candidates.flatMap((c) => (c.background === null ? [] : [c.background]))])].sort();
  const vocabularyKey = models.scorer.route === 'clip' ? vocabulary.join('\u0001') : '';
  const afterCrops = new Map<string, RgbImage>();
  const scores: { before: number | null; after: number | null; error: string | null }[] = [];
  await stage(context, timings, 'score', iteration, async () => {
    for (const [index, candidate] of candidates.entries()) {
      const rectKey = boxKey(candidate.patch.rect);
      const patchImage = patchImageOf(context, rectKey, candidate);
      const beforeKey = `${rectKey}|${candidate.name}|${vocabularyKey}`;
      let before = context.scoresBefore.get(beforeKey) ?? null;
      if (before === null) {
        const result = await attempt(context, () => models.scorer.score(patchImage, candidate.name, vocabulary));
        if (!result.ok) {
          scores.push({ before: null, after: null, error: `scorer failed (before): ${result.error}` });
          continue;
        }
        before = result.value;
        context.scoresBefore.set(beforeKey, before);
      }
      const region = regionOf[index];
      if (region === undefined || region.key === null) {
        scores.push({ before, after: before, error: null });
        continue;
      }
      const full = inpainted.get(region.key) ?? null;
      if (full === null) {
        scores.push({ before, after: null, error: 'no inpainted image' });
        continue;
      }
      const cropKey = `${region.key}|${rectKey}`;
      let after = afterCrops.get(cropKey);
      if (after === undefined) {
        after = cropRgb(full, candidate.patch.rect);
        afterCrops.set(cropKey, after);
      }
      const afterImage = after;
      const result = await attempt(context, () => models.scorer.score(afterImage, candidate.name, vocabulary));
      scores.push(result.ok ? { before, after: result.value, error: null } : { before, after: null, error: `scorer failed (after): ${result.error}` });
    }
  });

  return stage(context, timings, 'select', iteration, async () => {
    const names = candidates.map((c) => c.name);
    const floored = scores.map((s) => (s.before === null || s.after === null ? config.eps : flooredDrop(s.before, s.after, config.eps)));
    const factors = config.ablation.pnm && memory !== null ? pnmFactors(names, memory) : null;
    const d = floored.map((value, index) => (factors === null ? value : value * (factors[index] ?? 1)));
    const dnorm = normaliseDistribution(d);
    const chosen = argmax(d);
    const traces: CandidateTrace[] = candidates.map((candidate, index) => {
      const score = scores[index];
      const region = regionOf[index];
      const inpaintIndex = region?.key === null || region === undefined ? null : plan.findIndex((p) => p.key === region.key);
      return {
        ...candidateBase(candidate),
        region: region === undefined ? null : { kind: region.kind, box: region.box, pixels: region.pixels, inpaint: inpaintIndex },
        scoreBefore: score?.before ?? null,
        scoreAfter: score?.after ?? null,
        drop: score?.before != null && score.after != null ? score.before - score.after : null,
        pnmFactor: factors === null ? null : (factors[index] ?? null),
        d: d[index] ?? null,
        dnorm: dnorm[index] ?? null,
        error: score?.error ?? null,
      };
    });
    for (const trace of traces) if (trace.error !== null) errors.push(`candidate ${trace.index} (${trace.name}): ${trace.error}`);
    return {
      candidates: traces,
      inpaints: plan.map((p) => p.trace),
      vocabulary: models.scorer.route === 'clip' ? vocabulary : [],
      chosen,
      d,
      memory: nameMemory(names, dnorm),
      carry: strongestPerName(candidates, d),
      errors,
    };
  });
}

/** Per distinct name, the candidate with the largest D (the earliest on ties), in order of first appearance. */
function strongestPerName(candidates: readonly Candidate[], d: readonly number[]): Candidate[] {
  const best = new Map<string, number>();
  candidates.forEach((candidate, index) => {
    const current = best.get(candidate.name);
    if (current === undefined || (d[index] ?? 0) > (d[current] ?? 0)) best.set(candidate.name, index);
  });
  return [...best.values()].map((index) => candidates[index] as Candidate);
}

/** Candidate fields of the trace without any PSNM value (PSNM off). */
export function candidateBase(candidate: Candidate): Omit<CandidateTrace, 'region' | 'scoreBefore' | 'scoreAfter' | 'drop' | 'pnmFactor' | 'd' | 'dnorm' | 'error'> {
  return {
    index: candidate.index,
    source: candidate.source,
    patch: candidate.patch,
    raw: candidate.raw,
    rawName: candidate.rawName,
    name: candidate.name,
    background: candidate.background,
    box: candidate.box,
  };
}

export function unscoredTrace(candidate: Candidate): CandidateTrace {
  return { ...candidateBase(candidate), region: null, scoreBefore: null, scoreAfter: null, drop: null, pnmFactor: null, d: null, dnorm: null, error: null };
}

function patchImageOf(context: RunContext, rectKey: string, candidate: Candidate): RgbImage {
  let patch = context.patchImages.get(rectKey);
  if (patch === undefined) {
    patch = cropRgb(context.image, candidate.patch.rect);
    context.patchImages.set(rectKey, patch);
  }
  return patch;
}
