/**
 * The `bench-synthetic` request: INT and its ablations over seeded synthetic scenes with a pack's models,
 * in the inference process like every other model work. The pack's proposer must know the scenes (the
 * test pack's stand-in does); a real VLM on synthetic scenes measures speed more than accuracy.
 */
import { BENCHMARK_VARIANTS, runSyntheticBenchmark, type BenchmarkReport, type BenchmarkVariant } from '../../../core/synthetic/benchmark';
import { PORT_NAMES } from '../../../core/ports';
import type { CancelToken } from '../../../core/cancel';
import { AppError } from '../../../shared/result';
import type { z } from 'zod';
import type { SyntheticBenchRequest } from './protocol';
import type { PackCache } from './worker';

export async function benchSynthetic(
  request: z.infer<typeof SyntheticBenchRequest>,
  packs: PackCache,
  cancel: CancelToken,
  onProgress: (progress: { iteration: number; iterations: number; stage: string; fraction: number }) => void,
): Promise<BenchmarkReport> {
  const unknown = request.variants.filter((variant) => !(BENCHMARK_VARIANTS as readonly string[]).includes(variant));
  if (unknown.length > 0) throw new AppError('invalid_input', `unknown benchmark variant(s) ${unknown.join(', ')}; known: ${BENCHMARK_VARIANTS.join(', ')}`);
  const variants = request.variants as BenchmarkVariant[];
  const pack = await packs.get(request.packDir, PORT_NAMES);
  const total = variants.length * request.n;
  return runSyntheticBenchmark({
    n: request.n,
    seed: request.seed,
    variants,
    scene: { width: request.size, height: request.size },
    models: () => pack.models,
    clock: () => performance.now(),
    cancel,
    onImage: (variant, index, n) => {
      const done = variants.indexOf(variant) * n + index + 1;
      onProgress({ iteration: done, iterations: total, stage: variant, fraction: done / total });
    },
  });
}
