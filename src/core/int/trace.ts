/**
 * The trace of one INT run (INT.md section 5): plain data. Everything in it is JSON-safe (finite
 * numbers, strings, null, arrays, plain objects) except the soft masks `IterationTrace.mask`, which
 * the storage layer encodes (8-bit PNG); `traceWithoutMasks` gives the rest as a JSON-ready value.
 */
import type { Box, PointPrompt, SoftMask } from '../image';
import type { PortName, ScoreRoute } from '../ports';
import type { IntConfig, PatchScale } from './config';
import type { PatchName } from './patches';

/** The stages of one iteration, in order; each has a timing and a progress event. */
export const INT_STAGES = ['propose', 'inpaint', 'score', 'select', 'detect', 'points', 'segment', 'clip', 'fuse', 'reweight'] as const;
export type IntStage = (typeof INT_STAGES)[number];
export type StageTimings = Record<IntStage, number>;

export function zeroTimings(): StageTimings {
  return { propose: 0, inpaint: 0, score: 0, select: 0, detect: 0, points: 0, segment: 0, clip: 0, fuse: 0, reweight: 0 };
}

export interface PatchRef {
  readonly index: number;
  readonly name: PatchName;
  readonly scale: PatchScale;
  readonly rect: Box;
}

/** The region removed from a candidate's patch before the "after" score. */
export interface RegionTrace {
  /** box: the candidate's box (iteration 1, or an empty previous mask); mask: (M_{i-1} > t) within the patch; none: nothing to remove. */
  readonly kind: 'box' | 'mask' | 'none';
  /** Bounding box of the removed pixels, in image pixels (null when none). */
  readonly box: Box | null;
  readonly pixels: number;
  /** Which full-image inpaint of this iteration produced the after-image (index into IterationTrace.inpaints), null if none. */
  readonly inpaint: number | null;
}

export interface CandidateTrace {
  readonly index: number;
  /** memory: a name PNM carried from an earlier iteration that this iteration's answers did not repeat. */
  readonly source: 'proposer' | 'task-prompt' | 'memory';
  readonly patch: PatchRef;
  /** The proposer's raw answer for this patch; null for the task-prompt candidate. */
  readonly raw: string | null;
  /** The foreground name as the proposer gave it, before normalisation. */
  readonly rawName: string;
  /** Normalised foreground name: the PNM key and the text given to the model ports. */
  readonly name: string;
  readonly background: string | null;
  /** In image pixels. */
  readonly box: Box | null;
  /** The rest is null when PSNM is off (no D is computed). */
  readonly region: RegionTrace | null;
  readonly scoreBefore: number | null;
  readonly scoreAfter: number | null;
  /** Score before - Score after, unfloored. */
  readonly drop: number | null;
  /** Dnorm_{i-1}(name) multiplied in by PNM; null in iteration 1 or with PNM off. */
  readonly pnmFactor: number | null;
  /** D_i(k): max(drop, eps), times the PNM factor. */
  readonly d: number | null;
  readonly dnorm: number | null;
  /** A port failure while scoring this candidate (its D is then eps). */
  readonly error: string | null;
}

/** A patch answer that gave no candidate, and why. */
export interface DroppedAnswer {
  readonly patch: PatchRef;
  readonly raw: string | null;
  readonly reason: string;
}

export interface InpaintTrace {
  readonly kind: 'box' | 'mask';
  readonly box: Box | null;
  readonly pixels: number;
  /** Reused from an earlier iteration of this run (same region). */
  readonly cached: boolean;
}

export type SelectionRule = 'argmax-d' | 'first-candidate';
export type FallbackKind = 'none' | 'next-best' | 'union-of-boxes';

export interface DetectionTrace {
  readonly box: Box;
  readonly score: number;
  readonly phrase: string;
}

export interface BoxMaskTrace {
  readonly box: Box;
  /** detector: a detector box; union-of-boxes: the fallback box; vlm-box: the chosen candidate's box (SMG off). */
  readonly source: 'detector' | 'union-of-boxes' | 'vlm-box';
  readonly predictedIoU: number;
  /** Raw ClipScorer similarity (null with SMG off). */
  readonly s: number | null;
  /** Normalised weight in the fusion. */
  readonly weight: number;
}

export interface IterationTrace {
  /** 1-based. */
  readonly iteration: number;
  /** True when this iteration reused the proposer's answers of iteration 1 (deterministic proposer). */
  readonly proposalsReused: boolean;
  readonly candidates: readonly CandidateTrace[];
  readonly dropped: readonly DroppedAnswer[];
  /** The vocabulary of the CLIP-route Score (sorted); empty for the VLM route. */
  readonly vocabulary: readonly string[];
  /** Full-image inpaints of this iteration, one per distinct region. */
  readonly inpaints: readonly InpaintTrace[];
  readonly selection: {
    readonly rule: SelectionRule;
    readonly candidate: number;
    /** Au_i. */
    readonly name: string;
    /** Distinct names in fallback order (Au_i first). */
    readonly ranking: readonly string[];
  };
  readonly fallback: FallbackKind;
  /** Why a fallback was needed, in words (null when none). */
  readonly fallbackReason: string | null;
  /** The phrase that the points and the CLIP fusion used (Au_i, or the next-best name after a fallback). */
  readonly phrase: string;
  readonly backgroundNames: readonly string[];
  /** Every detector answer of this iteration, per phrase asked. */
  readonly detections: readonly DetectionTrace[];
  readonly points: readonly PointPrompt[];
  readonly boxMasks: readonly BoxMaskTrace[];
  /** M_i. */
  readonly mask: SoftMask;
  /** Mean |M_i - M_{i-1}| (null in iteration 1). */
  readonly meanAbsChange: number | null;
  /** Port failures that the iteration survived. */
  readonly errors: readonly string[];
  readonly timingsMs: StageTimings;
}

export interface Uncertainty {
  /** Combined score in [0, 1]; higher = review first. */
  readonly score: number;
  /** RMS of (M_i - Mbar) over iterations and pixels, times 2 (in [0, 1]). */
  readonly spread: number;
  /** Dnorm share of the best name minus the second best in iteration i* (in [0, 1]); null when unknown (PSNM off). */
  readonly margin: number | null;
  /** Share of the final soft mask's foreground-ish pixels (> 0.05) that are undecided (in (0.25, 0.75)). */
  readonly softness: number;
}

export interface IntTrace {
  readonly version: 1;
  readonly taskPrompt: string;
  readonly normalisedTaskPrompt: string;
  readonly image: { readonly width: number; readonly height: number };
  readonly config: IntConfig;
  readonly models: Readonly<Record<PortName, string>> & { readonly scoreRoute: ScoreRoute; readonly proposerDeterministic: boolean };
  readonly iterations: readonly IterationTrace[];
  /** i*, 1-based. */
  readonly selectedIteration: number;
  /** ||M_i - Mbar||_2 per iteration. */
  readonly distancesToMean: readonly number[];
  readonly stoppedEarly: boolean;
  readonly uncertainty: Uncertainty;
  /** Sum over iterations, per stage. */
  readonly timingsMs: StageTimings;
  readonly totalMs: number;
}

/** A stored soft mask's place-holder in the JSON form of the trace. */
export interface MaskRef {
  readonly maskRef: number;
  readonly width: number;
  readonly height: number;
}

export type IterationTraceJson = Omit<IterationTrace, 'mask'> & { readonly mask: MaskRef };
export type IntTraceJson = Omit<IntTrace, 'iterations'> & { readonly iterations: readonly IterationTraceJson[] };

/** The trace with each M_i replaced by a reference { maskRef: iteration index, width, height }: JSON-ready. */
export function traceWithoutMasks(trace: IntTrace): IntTraceJson {
  return {
    ...trace,
    iterations: trace.iterations.map((iteration, index) => ({
      ...iteration,
      mask: { maskRef: index, width: iteration.mask.width, height: iteration.mask.height },
    })),
  };
}
