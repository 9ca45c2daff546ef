/**
 * The claim the synthetic benchmark rests on: full INT run through the test pack (the real adapters on the
 * tiny graphs) gives the same answer as INT run on the pure-TS stand-ins the graphs reproduce.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInt } from '../../../../src/core/int/loop';
import { syntheticModels } from '../../../../src/core/synthetic/models';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { loadModelPack, type LoadedPack } from '../../../../src/main/inference/packs/pack-loader';
import { writeTestPack } from '../../../../scripts/make-test-pack';

const root = mkdtempSync(join(tmpdir(), 'intseg-parity-'));
let pack: LoadedPack;
beforeAll(async () => {
  writeTestPack(join(root, 'pack'));
  pack = await loadModelPack(join(root, 'pack'));
});
afterAll(async () => {
  await pack.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('INT through the test pack', () => {
  it.each([0, 3])('matches INT on the stand-ins for scene %i (same prompts chosen, same mask)', async (seed) => {
    const scene = generateScene(seed);
    const viaPack = await runInt(scene.image, scene.taskPrompt, pack.models);
    const viaStandIns = await runInt(scene.image, scene.taskPrompt, syntheticModels(scene, { sampling: true })); // the test pack's VLM samples
    expect(viaPack.trace.iterations.map((i) => i.phrase)).toEqual(viaStandIns.trace.iterations.map((i) => i.phrase));
    let inter = 0;
    let union = 0;
    let absolute = 0;
    for (let i = 0; i < viaPack.soft.data.length; i++) {
      const a = (viaPack.soft.data[i] ?? 0) > 0.5;
      const b = (viaStandIns.soft.data[i] ?? 0) > 0.5;
      if (a && b) inter++;
      if (a || b) union++;
      absolute += Math.abs((viaPack.soft.data[i] ?? 0) - (viaStandIns.soft.data[i] ?? 0));
    }
    expect(union === 0 ? 1 : inter / union).toBeGreaterThan(0.95);
    expect(absolute / viaPack.soft.data.length).toBeLessThan(0.01);
  });
});
