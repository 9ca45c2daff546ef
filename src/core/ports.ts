/**
 * The ports through which the INT loop reaches models (INT.md section 4).
 * Core code depends only on these interfaces; adapters in src/main/inference implement them
 * with real models, and tests implement them with deterministic stand-ins.
 *
 * Coordinates: every Box and PointPrompt is in pixels of the image passed in the same call.
 * Every method may reject; the loop records the failure in the trace and applies INT.md's fallbacks.
 */
import type { BinaryMask, Box, PointPrompt, RgbImage, SoftMask } from './image';

/** One patch answer of the candidate proposer (HCG). Null fields mean "not parsable"; `raw` is kept for the trace. */
export interface ProposalAnswer {
  /** The model's raw text (or a serialised structured answer), stored in the trace. */
  readonly raw: string;
  readonly foreground: string | null;
  readonly background: string | null;
  /** In pixels of the patch passed to propose(). */
  readonly box: Box | null;
}

export interface CandidateProposer {
  readonly id: string;
  /** True when propose() gives the same answer for the same input: the loop may then ask once per patch per image. */
  readonly deterministic: boolean;
  propose(patch: RgbImage, taskPrompt: string): Promise<ProposalAnswer>;
  /**
   * Optional, for a proposer that samples from a seed: go back to its first draw, so that two runs of the
   * same image see the same draws (the synthetic benchmark compares its variants on equal draws).
   */
  restart?(): void;
}

export type ScoreRoute = 'clip' | 'vlm';

/**
 * Score(P, name) of INT.md section 3.
 * CLIP route: softmax probability of `name` among `vocabulary` (candidate names, the task prompt, background names).
 * VLM route: largest per-token probability of `name` when the VLM is teacher-forced to answer it; `vocabulary` is ignored.
 * Returns a value in [0, 1].
 */
export interface Scorer {
  readonly id: string;
  readonly route: ScoreRoute;
  score(image: RgbImage, name: string, vocabulary: readonly string[]): Promise<number>;
}

export interface Inpainter {
  readonly id: string;
  /** Fills the pixels where region.data[i] === 1 from their surroundings; returns an image of the same size. */
  inpaint(image: RgbImage, region: BinaryMask): Promise<RgbImage>;
}

export interface Detection {
  readonly box: Box;
  readonly score: number;
  readonly phrase: string;
}

export interface Detector {
  readonly id: string;
  /** Every box above the detector's thresholds for one phrase, best first. An empty list is a valid answer. */
  detect(image: RgbImage, phrase: string): Promise<readonly Detection[]>;
}

export interface PointPrompter {
  readonly id: string;
  /** Positive points where the image looks like `foreground` and not like `background`, negative points the reverse. */
  points(image: RgbImage, foreground: readonly string[], background: readonly string[]): Promise<readonly PointPrompt[]>;
}

export interface SegmentPrompt {
  readonly box: Box | null;
  readonly points: readonly PointPrompt[];
}

export interface SegmentResult {
  /** Probabilities at the size of the input image. */
  readonly mask: SoftMask;
  readonly predictedIoU: number;
}

export interface Segmenter {
  readonly id: string;
  /**
   * All multimask outputs for one prompt, best predicted IoU first.
   * Adapters compute the image embedding once per distinct image content and reuse it.
   */
  segment(image: RgbImage, prompt: SegmentPrompt): Promise<readonly SegmentResult[]>;
}

export interface ClipScorer {
  readonly id: string;
  /** Cosine similarity (unscaled, in [-1, 1]) between each image and the text `name`. */
  similarities(images: readonly RgbImage[], name: string): Promise<readonly number[]>;
}

/** Everything one INT run needs. */
export interface IntModels {
  readonly proposer: CandidateProposer;
  readonly scorer: Scorer;
  readonly inpainter: Inpainter;
  readonly detector: Detector;
  readonly pointPrompter: PointPrompter;
  readonly segmenter: Segmenter;
  readonly clipScorer: ClipScorer;
}

export type PortName = keyof IntModels;
export const PORT_NAMES: readonly PortName[] = [
  'proposer',
  'scorer',
  'inpainter',
  'detector',
  'pointPrompter',
  'segmenter',
  'clipScorer',
];
