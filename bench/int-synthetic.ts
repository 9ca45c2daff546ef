/**
 * The INT synthetic benchmark with the pure-TS stand-ins (src/core/synthetic): full INT and its
 * ablations over n seeded camouflage scenes; prints MAE, S-measure, IoU, seconds per image, the
 * share of each loop stage in full INT's time, and how often the phrase of the selected iteration
 * was the target's name.
 *
 *   npx tsx bench/int-synthetic.ts [--n 40] [--seed 1] [--size 128] [--greedy]
 *
 * --greedy: the deterministic VLM (the same answer every time it is asked) instead of the sampling one.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatBenchmark, runSyntheticBenchmark } from '../src/core/synthetic/benchmark';
import { syntheticModels } from '../src/core/synthetic/models';
import { option } from './lib/options';

const n = option('n', 40);
const seed = option('seed', 1);
const size = option('size', 128);
const sampling = !process.argv.includes('--greedy');
const started = performance.now();
const report = await runSyntheticBenchmark({
  n,
  seed,
  scene: { width: size, height: size },
  clock: () => performance.now(),
  models: (scene) => syntheticModels(scene, { sampling }),
});
console.log(`${cpus()[0]?.model ?? 'cpu'}; scenes ${size}x${size}; proposer ${sampling ? 'sampling' : 'greedy (deterministic)'}`);
console.log(formatBenchmark(report));
const full = report.variants.find((v) => v.variant === 'full');
if (full !== undefined) {
  const shares = Object.entries(full.stageShares)
    .map(([stage, share]) => `${stage} ${(100 * share).toFixed(1)}%`)
    .join(', ');
  console.log(`full INT stage shares: ${shares}`);
}
for (const v of report.variants) {
  const right = v.perImage.filter((image) => image.chosenNames[image.selectedIteration - 1] === image.targetName).length;
  console.log(`${v.variant}: target name at i* in ${right}/${v.images} scenes`);
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
