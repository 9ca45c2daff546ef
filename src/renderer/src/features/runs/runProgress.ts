/**
 * Live progress of an INT run, from the structured step the `int-run` job sends with its progress
 * events (loading the pack, or an image with its iteration and stage), merged with the per-image rows
 * of `runs.images`, which only change when an image finishes. Pure, so the merge is tested.
 */
import { INT_STAGES, type IntStage } from '../../../../core/int/trace';
import type { RunImage } from '../../../../shared/dto/runs';
import type { RunStep } from '../../../../shared/dto/jobs';

export const INT_RUN_JOB_KIND = 'int-run';

export interface LiveImageStage {
  readonly kind: 'image';
  readonly imageId: number;
  /** 1-based position among the run's images (counting those already finished). */
  readonly position: number;
  readonly total: number;
  readonly fileName: string;
  /** Null while the image starts (before its first stage). */
  readonly iteration: number | null;
  readonly iterations: number | null;
  readonly stage: IntStage | null;
}

export interface LivePackLoading {
  readonly kind: 'loading';
  readonly pack: string;
}

export type LiveRunProgress = LiveImageStage | LivePackLoading;

function isStage(value: string | null): value is IntStage {
  return value !== null && (INT_STAGES as readonly string[]).includes(value);
}

/** The live progress of a step; a stage this renderer does not know is shown as no stage. */
export function liveFromStep(step: RunStep | null): LiveRunProgress | null {
  if (step === null) return null;
  if (step.kind === 'loading') return { kind: 'loading', pack: step.pack };
  return {
    kind: 'image',
    imageId: step.imageId,
    position: step.position,
    total: step.total,
    fileName: step.fileName,
    iteration: step.iteration,
    iterations: step.iterations,
    stage: isStage(step.stage) ? step.stage : null,
  };
}

/**
 * How far the job is through the current image, 0..1: finished iterations plus the stages finished in
 * this one (stages counted equally; the message names the stage just started). 0 between images.
 */
export function imageFraction(live: LiveImageStage): number {
  if (live.iteration === null || live.iterations === null || live.iterations <= 0) return 0;
  const stageIndex = live.stage === null ? 0 : INT_STAGES.indexOf(live.stage);
  return Math.min(1, Math.max(0, (live.iteration - 1 + stageIndex / INT_STAGES.length) / live.iterations));
}

/** What each stage of an iteration does, as a person would say it. */
export const STAGE_TEXT: Record<IntStage, string> = {
  propose: 'asking for candidate names',
  inpaint: 'removing candidate regions',
  score: 'scoring before and after',
  select: 'choosing the prompt',
  detect: 'detecting boxes',
  points: 'placing point prompts',
  segment: 'segmenting boxes',
  clip: 'weighting masks with CLIP',
  fuse: 'fusing box masks',
  reweight: 'reweighting the image',
};

/** Short stage names for compact places (timing bars, legends). */
export const STAGE_SHORT: Record<IntStage, string> = {
  propose: 'Propose',
  inpaint: 'Inpaint',
  score: 'Score',
  select: 'Select',
  detect: 'Detect',
  points: 'Points',
  segment: 'Segment',
  clip: 'CLIP',
  fuse: 'Fuse',
  reweight: 'Reweight',
};

export type RunImageState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface RunImageDisplay {
  readonly state: RunImageState;
  /** One line: the stage while running, the reason when failed or skipped. */
  readonly detail: string | null;
  /** Fraction of this image's iterations done while running, else null. */
  readonly fraction: number | null;
}

/**
 * A row as shown: the stored status, except that the image the job is working on right now (matched
 * by file name among rows not finished yet) shows as running with its iteration and stage, even
 * before the list has been fetched again.
 */
export function runImageDisplay(row: RunImage, live: LiveRunProgress | null, jobActive: boolean): RunImageDisplay {
  const working = jobActive && live !== null && live.kind === 'image' && live.imageId === row.imageId && (row.status === 'pending' || row.status === 'running');
  if (working) {
    if (live.iteration === null || live.iterations === null) return { state: 'running', detail: 'starting', fraction: 0 };
    const stage = live.stage === null ? '' : `, ${STAGE_TEXT[live.stage]}`;
    return { state: 'running', detail: `iteration ${live.iteration} of ${live.iterations}${stage}`, fraction: imageFraction(live) };
  }
  switch (row.status) {
    case 'pending':
      return { state: 'pending', detail: null, fraction: null };
    case 'running':
      // Stored as running but not what the job reports: a run that was interrupted on this image, or a
      // list fetched a moment before the job moved on.
      return { state: jobActive ? 'running' : 'pending', detail: jobActive ? null : 'will run again on resume', fraction: null };
    case 'done':
      return { state: 'done', detail: null, fraction: null };
    case 'failed':
      return { state: 'failed', detail: row.error ?? 'failed without a reason', fraction: null };
    case 'skipped':
      return { state: 'skipped', detail: row.error ?? 'skipped', fraction: null };
  }
}
