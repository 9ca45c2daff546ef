/**
 * The synthetic benchmark: full INT and its ablations over n seeded scenes, scored against the
 * scenes' ground truth with src/core/metrics (PySODMetrics definitions on the 8-bit masks). Pure:
 * the models come from a factory (default: the pure-TS stand-ins with the sampling VLM), time
 * from an injected clock.
 *
 * What each module fixes in these scenes (bench/int-synthetic.ts prints the numbers):
 * - HCG: the generic prompt "camouflaged animal" matches the salient distractors best.
 * - PSNM: the VLM hallucinates names (absent animals, a distractor's name) on many patches; the first
 *   candidate (the whole image's answer, where the target is smallest) is often one of them.
 * - SMG: the VLM's boxes are loose and jittered, cover only the part of the target in their patch, and
 *   a box around a two-part target centres on the gap; detector boxes, points and CLIP fusion do better.
 * - iterations and PNM: the stand-in VLM samples (a new seeded draw per asking, as a chat VLM does), so one
 *   draw can miss the target's name; without PNM's memory (the cumulative product and the carried names,
 *   candidates.ts) such a draw derails the later iterations, and one iteration is one draw. With a
 *   deterministic VLM PNM changes nothing and the iterations barely change the masks (docs/SYNTHETIC-BENCHMARK.md).
 */
import type { CancelToken } from '../cancel';
import { intConfig, type IntConfig, type IntConfigInput } from '../int/config';
import { runInt } from '../int/loop';
import { INT_STAGES, zeroTimings, type IntStage, type StageTimings } from '../int/trace';
import type { IntModels } from '../ports';
import { PairEvaluator } from '../metrics/evaluate';
import type { BinaryMask, GrayImage, SoftMask } from '../image';
import { syntheticModels } from './models';
import { generateScene, type Scene, type SceneOptions } from './scene';

export const BENCHMARK_VARIANTS = ['full', 'no-hcg', 'no-psnm', 'no-pnm', 'no-smg', 'iterations-1'] as const;
export type BenchmarkVariant = (typeof BENCHMARK_VARIANTS)[number];

/** Each variant as a change of the default configuration (INT.md section 6). */
export const VARIANT_CONFIG: Readonly<Record<BenchmarkVariant, IntConfigInput>> = {
  full: {},
  'no-hcg': { ablation: { hcg: false } },
  'no-psnm': { ablation: { psnm: false } },
  'no-pnm': { ablation: { pnm: false } },
  'no-smg': { ablation: { smg: false } },
  'iterations-1': { iterations: 1 },
};

export interface BenchmarkOptions {
  readonly n: number;
  readonly seed: number;
  readonly variants?: readonly BenchmarkVariant[];
  /** The ports for one scene; defaults to the pure-TS stand-ins with the sampling VLM. The proposer is restarted before each run. */
  readonly models?: (scene: Scene) => IntModels;
  readonly scene?: SceneOptions;
  /** Milliseconds; defaults to Date.now. */
  readonly clock?: () => number;
  readonly cancel?: CancelToken;
  /** Called after each (variant, scene) run. */
  readonly onImage?: (variant: BenchmarkVariant, index: number, n: number) => void;
}

export interface ImageScore {
  readonly scene: string;
  readonly mae: number;
  readonly sMeasure: number;
  /** PySODMetrics' IoU averaged over the 256 thresholds. */
  readonly meanIoU: number;
  /** IoU of the mask binarised at 0.5. */
  readonly binaryIoU: number;
  readonly ms: number;
  readonly chosenNames: readonly string[];
  readonly targetName: string;
  readonly selectedIteration: number;
  readonly uncertainty: number;
}

export interface VariantScore {
  readonly variant: BenchmarkVariant;
  readonly config: IntConfig;
  readonly images: number;
  /** Means over images of the per-image values (src/core/metrics, PySODMetrics 1.6 definitions on 8-bit masks). */
  readonly mae: number;
  readonly sMeasure: number;
  readonly meanIoU: number;
  readonly binaryIoU: number;
  readonly secondsPerImage: number;
  /** Share of the loop's stage time per stage (sums to 1 when any time was measured). */
  readonly stageShares: Readonly<Record<IntStage, number>>;
  readonly perImage: readonly ImageScore[];
}

export interface BenchmarkReport {
  readonly n: number;
  readonly seed: number;
  readonly variants: readonly VariantScore[];
}

export async function runSyntheticBenchmark(options: BenchmarkOptions): Promise<BenchmarkReport> {
  if (!Number.isInteger(options.n) || options.n < 1) throw new RangeError(`n must be a positive integer, got ${options.n}`);
  const variants = options.variants ?? BENCHMARK_VARIANTS;
  const clock = options.clock ?? Date.now;
  const makeModels = options.models ?? ((scene: Scene) => syntheticModels(scene, { sampling: true }));
  const scenes = Array.from({ length: options.n }, (_, i) => generateScene(options.seed + i, options.scene));
  const results: VariantScore[] = [];
  const evaluator = new PairEvaluator();
  for (const variant of variants) {
    const config = intConfig(VARIANT_CONFIG[variant]);
    const perImage: ImageScore[] = [];
    const stages = zeroTimings();
    for (const [index, scene] of scenes.entries()) {
      const models = makeModels(scene);
      models.proposer.restart?.();
      const start = clock();
      const result = await runInt(scene.image, scene.taskPrompt, models, { config, clock, ...(options.cancel === undefined ? {} : { cancel: options.cancel }) });
      const ms = clock() - start;
      for (const stage of INT_STAGES) stages[stage] += result.trace.timingsMs[stage];
      const { metrics } = evaluator.evaluate(toGray(result.soft), groundTruthGray(scene.groundTruth));
      perImage.push({
        scene: scene.id,
        mae: metrics.MAE,
        sMeasure: metrics.Sm,
        meanIoU: metrics.meanIoU,
        binaryIoU: metrics.binIoU,
        ms,
        chosenNames: result.trace.iterations.map((i) => i.phrase),
        targetName: scene.target.name,
        selectedIteration: result.trace.selectedIteration,
        uncertainty: result.trace.uncertainty.score,
      });
      options.onImage?.(variant, index, scenes.length);
    }
    const mean = (pick: (s: ImageScore) => number): number => perImage.reduce((a, s) => a + pick(s), 0) / perImage.length;
    results.push({
      variant,
      config,
      images: perImage.length,
      mae: mean((s) => s.mae),
      sMeasure: mean((s) => s.sMeasure),
      meanIoU: mean((s) => s.meanIoU),
      binaryIoU: mean((s) => s.binaryIoU),
      secondsPerImage: mean((s) => s.ms) / 1000,
      stageShares: shares(stages),
      perImage,
    });
  }
  return { n: options.n, seed: options.seed, variants: results };
}

/** The soft mask as the 8-bit map a user would save (round(255 * v)). */
function toGray(mask: SoftMask): GrayImage {
  return { width: mask.width, height: mask.height, data: Uint8Array.from(mask.data, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255)) };
}

function groundTruthGray(mask: BinaryMask): GrayImage {
  return { width: mask.width, height: mask.height, data: Uint8Array.from(mask.data, (v) => (v === 1 ? 255 : 0)) };
}

function shares(timings: StageTimings): Record<IntStage, number> {
  const total = INT_STAGES.reduce((a, s) => a + timings[s], 0);
  const out = zeroTimings();
  for (const stage of INT_STAGES) out[stage] = total > 0 ? timings[stage] / total : 0;
  return out;
}

/** A plain-text table of a report (for the bench script and the docs). */
export function formatBenchmark(report: BenchmarkReport): string {
  const lines = [`synthetic benchmark: n = ${report.n}, seed = ${report.seed}`, '| variant | MAE | S_alpha | mean IoU | IoU@0.5 | s/image |', '|---|---|---|---|---|---|'];
  for (const v of report.variants) {
    lines.push(`| ${v.variant} | ${v.mae.toFixed(4)} | ${v.sMeasure.toFixed(4)} | ${v.meanIoU.toFixed(4)} | ${v.binaryIoU.toFixed(4)} | ${v.secondsPerImage.toFixed(3)} |`);
  }
  return lines.join('\n');
}
