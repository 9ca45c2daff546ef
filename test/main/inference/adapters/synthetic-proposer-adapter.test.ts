import { describe, expect, it } from 'vitest';
import { SyntheticProposer } from '../../../../src/core/synthetic/proposer';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { syntheticProposerAdapter } from '../../../../src/main/inference/adapters/synthetic/synthetic-proposer-adapter';
import { testContext } from './adapter-context';

function crop(image: { width: number; height: number; data: Uint8Array }, x1: number, y1: number, x2: number, y2: number): { width: number; height: number; data: Uint8Array } {
  const width = x2 - x1;
  const height = y2 - y1;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) data.set(image.data.subarray(((y1 + y) * image.width + x1) * 3, ((y1 + y) * image.width + x2) * 3), y * width * 3);
  return { width, height, data };
}

describe('synthetic-proposer adapter (test stand-in)', () => {
  it('is declared a stand-in, needs no model, and records itself as one', async () => {
    expect(syntheticProposerAdapter.standIn).toBe(true);
    expect(syntheticProposerAdapter.requiresModel).toBe(false);
    const setup = testContext('proposer', 'synthetic-proposer', null, { seedFrom: 0, seedCount: 8 });
    const proposer = await syntheticProposerAdapter.factories.proposer!(setup.context);
    expect(proposer.id).toContain('test stand-in');
    expect(setup.records[0]?.notes.join(' ')).toContain('test stand-in');
  });

  it('finds the scene a patch was cut from and answers as that scene\'s proposer', async () => {
    const proposer = await syntheticProposerAdapter.factories.proposer!(testContext('proposer', 'synthetic-proposer', null, { seedFrom: 0, seedCount: 8 }).context);
    const scene = generateScene(5);
    const reference = new SyntheticProposer(scene);
    for (const patch of [scene.image, crop(scene.image, 0, 0, 64, 128), crop(scene.image, 64, 64, 128, 128)]) {
      expect(await proposer.propose(patch, scene.taskPrompt)).toEqual(await reference.propose(patch, scene.taskPrompt));
    }
  });

  it('samples like the benchmark\'s VLM when asked to, and restarts its draws', async () => {
    const proposer = await syntheticProposerAdapter.factories.proposer!(testContext('proposer', 'synthetic-proposer', null, { seedFrom: 0, seedCount: 8, sampling: true }).context);
    expect(proposer.deterministic).toBe(false);
    const scene = generateScene(5);
    const reference = new SyntheticProposer(scene, { sampling: true });
    const patch = crop(scene.image, 0, 0, 64, 64);
    const draws = [];
    for (let k = 0; k < 4; k++) {
      const answer = await proposer.propose(patch, scene.taskPrompt);
      expect(answer).toEqual(await reference.propose(patch, scene.taskPrompt));
      draws.push(answer);
    }
    proposer.restart?.();
    expect(await proposer.propose(patch, scene.taskPrompt)).toEqual(draws[0]);
  });

  it('answers nothing, and says why, for an image that is not a synthetic scene', async () => {
    const proposer = await syntheticProposerAdapter.factories.proposer!(testContext('proposer', 'synthetic-proposer', null, { seedFrom: 0, seedCount: 3 }).context);
    const answer = await proposer.propose({ width: 128, height: 128, data: new Uint8Array(128 * 128 * 3).fill(77) }, 'camouflaged animal');
    expect(answer).toMatchObject({ foreground: null, background: null, box: null });
    expect(answer.raw).toMatch(/not a crop of a synthetic scene \(seeds 0\.\.2, 128x128\)/);
  });
});
