import { describe, expect, it } from 'vitest';
import { runInt } from '../../../src/core/int/loop';
import { intConfig } from '../../../src/core/int/config';
import { patchLayout } from '../../../src/core/int/patches';
import { cropRgb } from '../../../src/core/int/pixels';
import type { CandidateProposer } from '../../../src/core/ports';
import { syntheticModels } from '../../../src/core/synthetic/models';
import { locatePatch, SyntheticProposer } from '../../../src/core/synthetic/proposer';
import { generateScene } from '../../../src/core/synthetic/scene';
import { DISTRACTOR_NAMES, TARGET_NAMES } from '../../../src/core/synthetic/world';

const scene = generateScene(4, { width: 96, height: 96 });
const patches = patchLayout(96, 96, ['whole', 'halves', 'quarters']);

describe('SyntheticProposer', () => {
  it('locates each patch of the loop in the scene', () => {
    for (const patch of patches) expect(locatePatch(scene.image, cropRgb(scene.image, patch.rect))).toEqual(patch.rect);
  });

  it('answers the same patch the same way (deterministic), with parsed names and boxes inside the patch', async () => {
    const a = new SyntheticProposer(scene);
    const b = new SyntheticProposer(scene);
    expect(a.deterministic).toBe(true);
    for (const patch of patches) {
      const image = cropRgb(scene.image, patch.rect);
      const first = await a.propose(image, 'camouflaged animal');
      expect(await a.propose(image, 'camouflaged animal')).toEqual(first);
      expect(await b.propose(image, 'camouflaged animal')).toEqual(first);
      if (first.foreground !== null) expect([...TARGET_NAMES, ...DISTRACTOR_NAMES]).toContain(first.foreground);
      if (first.box !== null) {
        expect(first.box.x1).toBeGreaterThanOrEqual(0);
        expect(first.box.x2).toBeLessThanOrEqual(image.width);
        expect(first.box.y2).toBeLessThanOrEqual(image.height);
      }
      expect(first.raw).toMatch(/^name: .* \| environment: .* \| box: .*/);
    }
  });

  it('mixes the right name with hallucinations over many scenes', async () => {
    let right = 0;
    let wrong = 0;
    for (let seed = 0; seed < 8; seed++) {
      const s = generateScene(seed, { width: 96, height: 96 });
      const proposer = new SyntheticProposer(s);
      for (const patch of patches) {
        const answer = await proposer.propose(cropRgb(s.image, patch.rect), 'camouflaged animal');
        if (answer.foreground === s.target.name) right++;
        else if (answer.foreground !== null) wrong++;
      }
    }
    expect(right).toBeGreaterThan(10);
    expect(wrong).toBeGreaterThan(10);
  });

  it('samples a fresh answer per call when asked to (deterministic = false)', async () => {
    const sampling = new SyntheticProposer(scene, { sampling: true });
    expect(sampling.deterministic).toBe(false);
    const image = cropRgb(scene.image, patches[5]?.rect ?? { x1: 0, y1: 0, x2: 48, y2: 48 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => sampling.propose(image, 'camouflaged animal')));
    expect(new Set(answers.map((a) => a.raw)).size).toBeGreaterThan(1);
    const again = new SyntheticProposer(scene, { sampling: true });
    expect(await again.propose(image, 'camouflaged animal')).toEqual(answers[0]);
    sampling.restart();
    expect(await sampling.propose(image, 'camouflaged animal')).toEqual(answers[0]);
    expect(await sampling.propose(image, 'camouflaged animal')).toEqual(answers[1]);
  });

  it('is asked once per patch per image by the loop', async () => {
    const models = syntheticModels(scene);
    let calls = 0;
    const counting: CandidateProposer = {
      id: models.proposer.id,
      deterministic: models.proposer.deterministic,
      propose: (patch, prompt) => {
        calls++;
        return models.proposer.propose(patch, prompt);
      },
    };
    const { trace } = await runInt(scene.image, scene.taskPrompt, { ...models, proposer: counting }, { config: intConfig({ iterations: 3 }) });
    expect(calls).toBe(9);
    expect(trace.iterations).toHaveLength(3);
  });
});
