import { describe, expect, it } from 'vitest';
import { generateScene } from '../../../src/core/synthetic/scene';
import { nameSpec } from '../../../src/core/synthetic/world';

function components(data: Uint8Array, width: number, height: number): number {
  const seen = new Uint8Array(data.length);
  let count = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] !== 1 || seen[start] === 1) continue;
    count++;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
        if (j >= 0 && j < data.length && data[j] === 1 && seen[j] === 0) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  void height;
  return count;
}

describe('generateScene', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateScene(11, { width: 96, height: 96 });
    const b = generateScene(11, { width: 96, height: 96 });
    const c = generateScene(12, { width: 96, height: 96 });
    expect(b.image.data).toEqual(a.image.data);
    expect(b.groundTruth.data).toEqual(a.groundTruth.data);
    expect(c.image.data).not.toEqual(a.image.data);
  });

  it('hides a target of its habitat, with a ground truth equal to its mask, away from the distractors', () => {
    for (let seed = 0; seed < 12; seed++) {
      const scene = generateScene(seed, { width: 96, height: 96 });
      expect(nameSpec(scene.target.name)?.habitat).toBe(scene.background);
      expect(scene.groundTruth).toBe(scene.target.mask);
      const area = scene.groundTruth.data.reduce((a, b) => a + b, 0) / (96 * 96);
      expect(area).toBeGreaterThan(0.01);
      expect(area).toBeLessThan(0.15);
      expect(scene.distractors.length).toBeGreaterThanOrEqual(1);
      for (const d of scene.distractors) {
        expect(nameSpec(d.name)?.kind).toBe('distractor');
        for (let i = 0; i < d.mask.data.length; i++) if (d.mask.data[i] === 1) expect(scene.groundTruth.data[i]).toBe(0);
      }
      expect(scene.taskPrompt).toBe('camouflaged animal');
    }
  });

  it('draws holed and two-part targets', () => {
    const shapes = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const scene = generateScene(seed, { width: 96, height: 96 });
      shapes.add(scene.target.shape);
      if (scene.target.shape === 'two-part') expect(components(scene.groundTruth.data, 96, 96)).toBe(2);
      if (scene.target.shape === 'holed') {
        const inverse = Uint8Array.from(scene.groundTruth.data, (v) => 1 - v);
        expect(components(inverse, 96, 96)).toBeGreaterThanOrEqual(2); // the outside and the hole
      }
    }
    expect([...shapes].sort()).toEqual(['blob', 'holed', 'two-part']);
  });
});
