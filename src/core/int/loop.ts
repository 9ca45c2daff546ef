/**
 * The INT loop (INT.md section 2): HCG -> PSNM -> PNM -> SMG -> reweighting, I times, then the most
 * consistent iteration. Pure TypeScript; models only through the ports of ../ports.
 */
import { neverCancelled, throwIfCancelled, type CancelToken } from '../cancel';
import type { BinaryMask, RgbImage, SoftMask } from '../image';
import type { IntModels } from '../ports';
import { buildCandidates, withCarriedCandidates, type Candidate, type PatchAnswer } from './candidates';
import { INT_DEFAULTS, IntConfigError, validateIntConfig, type IntConfig } from './config';
import { rankNames } from './mining';
import { normaliseName } from './names';
import { patchLayout, wholePatch } from './patches';
import { boxKey, cropRgb, l2Distance, meanAbsDifference, meanMask, reweight, threshold } from './pixels';
import { selectWithNegativeMining, unscoredTrace } from './psnm';
import { attempt, stage, type IntProgress, type RunContext } from './run-context';
import { boxOnlyMask, semanticMask } from './smg';
import { INT_STAGES, zeroTimings, type CandidateTrace, type IntTrace, type IterationTrace } from './trace';
import { uncertaintyOf } from './uncertainty';

export type { IntProgress } from './run-context';

export interface IntRunOptions {
  /** A complete configuration (see intConfig() for one built from partial input); defaults to INT_DEFAULTS. */
  readonly config?: IntConfig;
  /** Checked before every stage and every port call; a cancelled run throws CancelledError. */
  readonly cancel?: CancelToken;
  /** Called when each stage starts, and once with stage 'done'. */
  readonly onProgress?: (progress: IntProgress) => void;
  /** Milliseconds for the trace's timings (core has no timers); defaults to Date.now. */
  readonly clock?: () => number;
}

export interface IntResult {
  /** M_{i*}. */
  readonly soft: SoftMask;
  /** M_{i*} > maskThreshold. */
  readonly binary: BinaryMask;
  readonly trace: IntTrace;
}

export class IntInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntInputError';
  }
}

export async function runInt(image: RgbImage, taskPrompt: string, models: IntModels, options: IntRunOptions = {}): Promise<IntResult> {
  const context = createContext(image, taskPrompt, models, options);
  const { config } = context;
  const started = context.clock();
  const iterations: IterationTrace[] = [];
  const masks: SoftMask[] = [];
  let current = image;
  let memory: Map<string, number> | null = null;
  /** PNM: per name of the memory, the candidate to mine again when the next answers do not repeat it. */
  let carried: readonly Candidate[] = [];
  let calmStreak = 0;
  let stoppedEarly = false;

  for (let i = 1; i <= config.iterations; i++) {
    const timings = zeroTimings();
    const previous = masks[masks.length - 1] ?? null;
    const reused = context.answers !== null && models.proposer.deterministic;
    const answers = await stage(context, timings, 'propose', i, () => proposals(context));
    const built = buildCandidates(context.patches, answers, taskPrompt, context.normalisedTaskPrompt, image.width, image.height, config.ablation.hcg);
    const { dropped } = built;
    const candidates = config.ablation.psnm && config.ablation.pnm ? withCarriedCandidates(built.candidates, carried) : built.candidates;

    let candidateTraces: readonly CandidateTrace[];
    let chosen: number;
    let ranking: string[];
    let vocabulary: readonly string[] = [];
    let inpaints: IterationTrace['inpaints'] = [];
    const errors: string[] = [];
    if (config.ablation.psnm) {
      const outcome = await selectWithNegativeMining(context, i, candidates, previous, memory, timings);
      candidateTraces = outcome.candidates;
      chosen = outcome.chosen;
      ranking = rankNames(
        candidates.map((c) => c.name),
        outcome.d,
        chosen,
      );
      vocabulary = outcome.vocabulary;
      inpaints = outcome.inpaints;
      memory = outcome.memory;
      carried = outcome.carry;
      errors.push(...outcome.errors);
    } else {
      // PSNM off: the first candidate; no D, no inpainting (nothing would use them).
      chosen = 0;
      candidateTraces = await stage(context, timings, 'select', i, async () => candidates.map(unscoredTrace));
      ranking = rankNames(
        candidates.map((c) => c.name),
        null,
        chosen,
      );
    }
    const chosenCandidate = candidates[chosen] as Candidate;

    const smg = config.ablation.smg
      ? await semanticMask(context, i, current, candidates, ranking, timings)
      : await boxOnlyMask(context, i, current, candidates, chosenCandidate, timings);
    errors.push(...smg.errors);
    const mask = smg.mask;
    const meanAbsChange = previous === null ? null : meanAbsDifference(mask, previous);
    masks.push(mask);

    if (config.earlyStop && meanAbsChange !== null && meanAbsChange < config.earlyStopTolerance) calmStreak++;
    else calmStreak = 0;
    const stopNow = config.earlyStop && calmStreak >= config.earlyStopPatience && i < config.iterations;
    if (i < config.iterations && !stopNow) {
      const from = current;
      current = await stage(context, timings, 'reweight', i, async () => reweight(from, mask, config.reweightW));
    }

    iterations.push({
      iteration: i,
      proposalsReused: reused,
      candidates: candidateTraces,
      dropped,
      vocabulary,
      inpaints,
      selection: { rule: config.ablation.psnm ? 'argmax-d' : 'first-candidate', candidate: chosen, name: chosenCandidate.name, ranking },
      fallback: smg.fallback,
      fallbackReason: smg.fallbackReason,
      phrase: smg.phrase,
      backgroundNames: smg.backgroundNames,
      detections: smg.detections,
      points: smg.points,
      boxMasks: smg.boxMasks,
      mask,
      meanAbsChange,
      errors,
      timingsMs: timings,
    });
    if (stopNow) {
      stoppedEarly = true;
      break;
    }
  }
  throwIfCancelled(context.cancel);

  const mean = meanMask(masks);
  const distancesToMean = masks.map((m) => l2Distance(m, mean));
  let selected = 0;
  distancesToMean.forEach((d, index) => {
    if (d < (distancesToMean[selected] ?? Infinity)) selected = index;
  });
  const soft = masks[selected] as SoftMask;
  const selectedIteration = iterations[selected] as IterationTrace;
  const totals = zeroTimings();
  for (const iteration of iterations) for (const name of INT_STAGES) totals[name] += iteration.timingsMs[name];
  const trace: IntTrace = {
    version: 1,
    taskPrompt,
    normalisedTaskPrompt: context.normalisedTaskPrompt,
    image: { width: image.width, height: image.height },
    config,
    models: {
      proposer: models.proposer.id,
      scorer: models.scorer.id,
      inpainter: models.inpainter.id,
      detector: models.detector.id,
      pointPrompter: models.pointPrompter.id,
      segmenter: models.segmenter.id,
      clipScorer: models.clipScorer.id,
      scoreRoute: models.scorer.route,
      proposerDeterministic: models.proposer.deterministic,
    },
    iterations,
    selectedIteration: selected + 1,
    distancesToMean,
    stoppedEarly,
    uncertainty: uncertaintyOf(masks, mean, soft, selectedIteration.candidates),
    timingsMs: totals,
    totalMs: context.clock() - started,
  };
  options.onProgress?.({ iteration: iterations.length, iterations: config.iterations, stage: 'done', fraction: 1 });
  return { soft, binary: threshold(soft, config.maskThreshold), trace };
}

function createContext(image: RgbImage, taskPrompt: string, models: IntModels, options: IntRunOptions): RunContext {
  const validation = validateIntConfig(options.config ?? INT_DEFAULTS);
  if (!validation.ok) throw new IntConfigError(validation.issues);
  const config = validation.value;
  if (models.scorer.route !== config.route) {
    throw new IntConfigError([{ path: 'route', expected: `the Scorer's route ${JSON.stringify(models.scorer.route)}`, found: JSON.stringify(config.route) }]);
  }
  if (image.data.length !== image.width * image.height * 3) {
    throw new IntInputError(`image ${image.width}x${image.height} needs ${image.width * image.height * 3} bytes, got ${image.data.length}`);
  }
  const normalisedTaskPrompt = normaliseName(taskPrompt);
  if (normalisedTaskPrompt === '') throw new IntInputError(`task prompt ${JSON.stringify(taskPrompt)} is empty after normalisation`);
  const patches = config.ablation.hcg ? patchLayout(image.width, image.height, config.scales) : [wholePatch(image.width, image.height)];
  const patchImages = new Map<string, RgbImage>();
  for (const patch of patches) patchImages.set(boxKey(patch.rect), cropRgb(image, patch.rect));
  return {
    image,
    taskPrompt,
    normalisedTaskPrompt,
    models,
    config,
    cancel: options.cancel ?? neverCancelled,
    clock: options.clock ?? Date.now,
    onProgress: options.onProgress,
    patches,
    patchImages,
    answers: null,
    scoresBefore: new Map(),
    inpaints: new Map(),
  };
}

/**
 * HCG answers for every patch of the ORIGINAL image: asked once per run when the proposer is deterministic.
 * With HCG off the proposer only lends the whole image's box to the task prompt, which only SMG-off needs
 * (ours): with SMG on it is not asked at all (see requiredPorts).
 */
async function proposals(context: RunContext): Promise<readonly PatchAnswer[]> {
  const { hcg, smg } = context.config.ablation;
  if (!hcg && smg) return [];
  const { proposer } = context.models;
  if (context.answers !== null && proposer.deterministic) return context.answers;
  const answers: PatchAnswer[] = [];
  for (const patch of context.patches) {
    const patchImage = context.patchImages.get(boxKey(patch.rect)) ?? cropRgb(context.image, patch.rect);
    const result = await attempt(context, () => proposer.propose(patchImage, context.taskPrompt));
    answers.push(result.ok ? { ok: true, answer: result.value } : { ok: false, error: result.error });
  }
  context.answers = answers;
  return answers;
}
