import { describe, expect, it } from 'vitest';
import { BENCHMARK_VARIANTS, formatBenchmark, runSyntheticBenchmark, VARIANT_CONFIG, type BenchmarkReport } from '../../../src/core/synthetic/benchmark';
import { INT_STAGES } from '../../../src/core/int/trace';
import { syntheticModels } from '../../../src/core/synthetic/models';

function mae(report: BenchmarkReport, variant: string): number {
  const found = report.variants.find((v) => v.variant === variant);
  if (found === undefined) throw new Error(`no ${variant}`);
  return found.mae;
}

describe('runSyntheticBenchmark', () => {
  it('maps each variant to one configuration change', () => {
    expect(BENCHMARK_VARIANTS).toEqual(['full', 'no-hcg', 'no-psnm', 'no-pnm', 'no-smg', 'iterations-1']);
    expect(VARIANT_CONFIG['no-smg']).toEqual({ ablation: { smg: false } });
    expect(VARIANT_CONFIG['iterations-1']).toEqual({ iterations: 1 });
  });

  // Integration test: 24 scenes x 6 variants of the whole loop with the sampling VLM (seconds, not milliseconds).
  it('full INT beats every ablation on MAE (the ordering of the paper)', async () => {
    const report = await runSyntheticBenchmark({ n: 24, seed: 1, scene: { width: 96, height: 96 } });
    const full = mae(report, 'full');
    for (const ablation of ['no-hcg', 'no-psnm', 'no-pnm', 'no-smg', 'iterations-1']) expect(full, ablation).toBeLessThan(mae(report, ablation));
    // The generic prompt alone (no HCG) and the unmined first candidate (no PSNM) are far worse.
    expect(mae(report, 'no-hcg')).toBeGreaterThan(2 * full);
    expect(mae(report, 'no-psnm')).toBeGreaterThan(1.5 * full);
    // PNM and iterations by a margin, not by rounding: one draw of a sampling VLM is noisy, and without
    // PNM's memory one draw that omits the name derails the later iterations.
    expect(mae(report, 'no-pnm')).toBeGreaterThan(1.1 * full);
    expect(mae(report, 'iterations-1')).toBeGreaterThan(1.1 * full);
    const fullScores = report.variants[0];
    expect(fullScores?.perImage.filter((s) => s.chosenNames[s.selectedIteration - 1] === s.targetName).length).toBeGreaterThanOrEqual(16);
  }, 300_000);

  it('with a deterministic VLM, PNM has nothing to carry and changes no decision', async () => {
    const report = await runSyntheticBenchmark({ n: 4, seed: 1, scene: { width: 96, height: 96 }, variants: ['full', 'no-pnm'], models: (scene) => syntheticModels(scene) });
    expect(report.variants[0]?.perImage.map((s) => s.chosenNames)).toEqual(report.variants[1]?.perImage.map((s) => s.chosenNames));
  }, 120_000);

  it('times images with the injected clock, shares stage time, and formats a table', async () => {
    let now = 0;
    const report = await runSyntheticBenchmark({ n: 2, seed: 9, scene: { width: 96, height: 96 }, variants: ['iterations-1'], clock: () => (now += 5) });
    const variant = report.variants[0];
    expect(variant?.images).toBe(2);
    expect(variant?.secondsPerImage).toBeGreaterThan(0);
    const shares = Object.values(variant?.stageShares ?? {});
    expect(Object.keys(variant?.stageShares ?? {}).sort()).toEqual([...INT_STAGES].sort());
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const image of variant?.perImage ?? []) {
      expect(image.mae).toBeGreaterThanOrEqual(0);
      expect(image.sMeasure).toBeLessThanOrEqual(1);
      expect(image.binaryIoU).toBeLessThanOrEqual(1);
    }
    expect(formatBenchmark(report)).toMatch(/\| iterations-1 \| 0\.\d{4} \|/);
    await expect(runSyntheticBenchmark({ n: 0, seed: 1 })).rejects.toThrow(/positive integer/);
  });
});
