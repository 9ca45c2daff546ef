/**
 * State shared by the stages of one INT run: the ports, the configuration, the caches that
 * INT.md / MODELS.md ask for, cancellation, progress and timing.
 */
import { CancelledError, throwIfCancelled, type CancelToken } from '../cancel';
import type { RgbImage } from '../image';
import type { IntModels } from '../ports';
import type { PatchAnswer } from './candidates';
import type { IntConfig } from './config';
import type { Patch } from './patches';
import type { IntStage, StageTimings } from './trace';
import { INT_STAGES } from './trace';

export interface IntProgress {
  /** 1-based; equals `iterations` with stage 'done' at the end. */
  readonly iteration: number;
  readonly iterations: number;
  readonly stage: IntStage | 'done';
  /** Overall progress in [0, 1]. */
  readonly fraction: number;
}

export interface RunContext {
  readonly image: RgbImage;
  readonly taskPrompt: string;
  readonly normalisedTaskPrompt: string;
  readonly models: IntModels;
  readonly config: IntConfig;
  readonly cancel: CancelToken;
  readonly clock: () => number;
  readonly onProgress: ((progress: IntProgress) => void) | undefined;
  readonly patches: readonly Patch[];
  /** Crops of the ORIGINAL image, keyed by rect ("x1,y1,x2,y2"); they never change during a run. */
  readonly patchImages: Map<string, RgbImage>;
  /** The proposer's answers of iteration 1, reused when the proposer is deterministic. */
  answers: readonly PatchAnswer[] | null;
  /** Score of an original patch, keyed by (patch, name, vocabulary) (vocabulary left out on the VLM route). */
  readonly scoresBefore: Map<string, number>;
  /** Full-image inpaints keyed by region ("box:x1,y1,x2,y2"); mask regions are not reused across iterations. */
  readonly inpaints: Map<string, RgbImage>;
}

/** Runs one stage: checks cancellation first, reports progress, adds the elapsed clock time to `timings`. */
export async function stage<T>(context: RunContext, timings: StageTimings, name: IntStage, iteration: number, work: () => Promise<T>): Promise<T> {
  throwIfCancelled(context.cancel);
  const iterations = context.config.iterations;
  context.onProgress?.({ iteration, iterations, stage: name, fraction: (iteration - 1 + INT_STAGES.indexOf(name) / INT_STAGES.length) / iterations });
  const start = context.clock();
  try {
    return await work();
  } finally {
    timings[name] += context.clock() - start;
  }
}

/** Calls a port; a CancelledError passes through, any other failure comes back as its message. */
export async function attempt<T>(context: RunContext, call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  throwIfCancelled(context.cancel);
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
