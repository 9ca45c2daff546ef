/**
 * `intseg bench synthetic`: INT and its ablations on seeded synthetic camouflage scenes with a known answer.
 * `intseg bench scenes`: the same scenes written as image files with their ground truth, to try a whole
 * project (run, evaluate, export) on the test pack.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, createProgress, parseList, printJson, say, warn } from '../output';
import type { BenchmarkReport } from '../../../core/synthetic/benchmark';

interface BenchOptions {
  readonly n: string;
  readonly seed: string;
  readonly pack?: string;
  readonly variants?: string;
  readonly json?: boolean;
}

/** The test pack's stand-in proposer knows scenes of this size with seeds 0..999. */
const SCENE_SIZE = 128;
const TEST_PACK_LAST_SEED = 999;

function positiveInteger(text: string, flag: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new CliError(`${flag} must be an integer of at least ${min}, got "${text}"`, 2);
  return value;
}

export function registerBenchCommand(program: Command): void {
  const bench = program.command('bench').description('benchmarks with a known answer');
  bench
    .command('scenes')
    .description(`write synthetic camouflage scenes (${SCENE_SIZE}x${SCENE_SIZE}) as OUT/images/scene-<seed>.png and their ground truth as OUT/gt/scene-<seed>.png; the test pack's proposer recognises them`)
    .requiredOption('--out <dir>', 'folder to write into (existing files are never overwritten)')
    .option('--n <count>', 'scenes', '24')
    .option('--seed <n>', `first scene seed (the test pack knows seeds 0..${TEST_PACK_LAST_SEED})`, '1')
    .option('--json', 'print one JSON object: {"images": DIR, "gt": DIR, "n": N, "seeds": [first, last]}')
    .action(async (options: { readonly out: string; readonly n: string; readonly seed: string; readonly json?: boolean }) => {
      const n = positiveInteger(options.n, '--n', 1);
      const seed = positiveInteger(options.seed, '--seed', 0);
      const out = resolve(options.out);
      const { writeScenes, SceneWriteError } = await import('../../synthetic/write-scenes');
      try {
        await writeScenes(out, Array.from({ length: n }, (_, index) => seed + index), SCENE_SIZE);
      } catch (error) {
        if (error instanceof SceneWriteError) throw new CliError(error.message);
        throw error;
      }
      if (seed + n - 1 > TEST_PACK_LAST_SEED) warn(`seeds above ${TEST_PACK_LAST_SEED} are unknown to the test pack's stand-in proposer: a run with the test pack finds no candidates on those images`);
      const images = resolve(out, 'images');
      const gt = resolve(out, 'gt');
      if (options.json === true) printJson({ images, gt, n, seeds: [seed, seed + n - 1] });
      else say(false, `wrote ${n} scenes (seeds ${seed}..${seed + n - 1}) to ${images}, ground truth in ${gt}`);
    });
  bench
    .command('synthetic')
    .description('full INT and its ablations (no-hcg, no-psnm, no-pnm, no-smg, iterations-1) on generated camouflage scenes: MAE, S-measure, mean IoU, seconds per image')
    .option('--n <count>', 'scenes', '24')
    .option('--seed <n>', 'first scene seed', '1')
    .option('--pack <dir>', 'model pack folder (default: the bundled test pack of tiny graphs and stand-ins)')
    .option('--variants <list>', 'variants to run (default: all)')
    .option('--json', 'print one JSON object: {"variants": {"full": {"MAE", "Sm", "mIoU", "secondsPerImage"}, ...}}')
    .action(async (options: BenchOptions) => {
      const n = positiveInteger(options.n, '--n', 1);
      const seed = positiveInteger(options.seed, '--seed', 0);
      const json = options.json === true;
      const { BENCHMARK_VARIANTS, formatBenchmark } = await import('../../../core/synthetic/benchmark');
      const variants = options.variants === undefined ? [...BENCHMARK_VARIANTS] : parseList(options.variants);
      const { bundledTestPackDir, inferenceWorkerPath } = await import('../../app/paths');
      const packDir = options.pack ?? bundledTestPackDir();
      if (!existsSync(packDir)) throw new CliError(`no model pack at ${packDir}${options.pack === undefined ? ': run "npm run build:node" to build the test pack' : ''}`);
      const { InferenceHost } = await import('../../inference/process/host');
      const { nodeWorkerLauncher } = await import('../../inference/process/launcher');
      const { CancelSource } = await import('../../../core/cancel');
      const host = new InferenceHost(nodeWorkerLauncher(inferenceWorkerPath()));
      const cancel = new CancelSource();
      const onInterrupt = (): void => cancel.cancel('interrupted from the command line');
      process.once('SIGINT', onInterrupt);
      const progress = createProgress('benchmark', !json);
      const started = Date.now();
      try {
        const report = await host.request<BenchmarkReport>(
          { type: 'bench-synthetic', packDir, n, seed, size: SCENE_SIZE, variants },
          { cancel, onProgress: (step) => progress.update(step.iteration, step.iterations, step.stage) },
        );
        progress.stop();
        if (json) {
          printJson({
            n: report.n,
            seed: report.seed,
            pack: packDir,
            variants: Object.fromEntries(
              report.variants.map((variant) => [
                variant.variant,
                { MAE: variant.mae, Sm: variant.sMeasure, mIoU: variant.meanIoU, binIoU: variant.binaryIoU, secondsPerImage: variant.secondsPerImage, stageShares: variant.stageShares },
              ]),
            ),
            seconds: (Date.now() - started) / 1000,
          });
        } else {
          say(false, formatBenchmark(report));
          const full = report.variants.find((variant) => variant.variant === 'full');
          if (full !== undefined) {
            say(false, `full INT time per stage: ${Object.entries(full.stageShares).map(([stage, share]) => `${stage} ${(share * 100).toFixed(1)}%`).join(', ')}`);
          }
        }
      } catch (error) {
        progress.stop();
        throw error;
      } finally {
        process.off('SIGINT', onInterrupt);
        await host.close();
      }
    });
}
