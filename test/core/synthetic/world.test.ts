import { describe, expect, it } from 'vitest';
import { analyse, prototypeFeatures, textEmbedding, PROTOTYPE_COUNT } from '../../../src/core/synthetic/features';
import { generateScene } from '../../../src/core/synthetic/scene';
import { GENERIC_CAMOUFLAGED_WEIGHT, BACKGROUND_NAMES, DISTRACTOR_NAMES, INPAINT_NOISE, PROTOTYPES, PROTOTYPE_INDEX, TARGET_NAMES, TEXTURE_GAIN, nameSpec } from '../../../src/core/synthetic/world';
import { normaliseName } from '../../../src/core/int/names';

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(...a.slice(0, 3).map((v, i) => v - (b[i] ?? 0)));
}

describe('the synthetic world specification', () => {
  it('names are normalised, unique and indexed in prototype order', () => {
    expect(new Set(PROTOTYPES.map((p) => p.name)).size).toBe(PROTOTYPES.length);
    PROTOTYPES.forEach((p, i) => {
      expect(normaliseName(p.name)).toBe(p.name);
      expect(PROTOTYPE_INDEX.get(p.name)).toBe(i);
    });
    expect(TARGET_NAMES.length + DISTRACTOR_NAMES.length + BACKGROUND_NAMES.length).toBe(PROTOTYPES.length);
  });

  it('camouflages every target: its chroma is closer to its habitat than to any other background', () => {
    const features = prototypeFeatures();
    for (const name of TARGET_NAMES) {
      const spec = nameSpec(name);
      const own = features[PROTOTYPE_INDEX.get(name) ?? -1] as number[];
      expect(BACKGROUND_NAMES).toContain(spec?.habitat);
      const habitat = distance(own, features[PROTOTYPE_INDEX.get(spec?.habitat ?? '') ?? -1] as number[]);
      for (const other of BACKGROUND_NAMES.filter((b) => b !== spec?.habitat)) {
        expect(habitat).toBeLessThan(distance(own, features[PROTOTYPE_INDEX.get(other) ?? -1] as number[]));
      }
    }
  });

  it('makes distractors salient: far in chroma from every background and target', () => {
    const features = prototypeFeatures();
    for (const name of DISTRACTOR_NAMES) {
      const own = features[PROTOTYPE_INDEX.get(name) ?? -1] as number[];
      for (const other of [...BACKGROUND_NAMES, ...TARGET_NAMES]) {
        expect(distance(own, features[PROTOTYPE_INDEX.get(other) ?? -1] as number[])).toBeGreaterThan(0.15);
      }
    }
  });

  it('maps phrases to word-weight sums; generic prompts mean any animal, unknown words nothing', () => {
    const frog = textEmbedding('frog');
    expect([...frog].filter((v) => v !== 0)).toEqual([1]);
    expect(frog[PROTOTYPE_INDEX.get('frog') ?? -1]).toBe(1);
    expect(frog).toHaveLength(PROTOTYPE_COUNT + 1);
    const generic = textEmbedding('camouflaged animal');
    for (const name of DISTRACTOR_NAMES) expect(generic[PROTOTYPE_INDEX.get(name) ?? -1]).toBe(1);
    for (const name of TARGET_NAMES) expect(generic[PROTOTYPE_INDEX.get(name) ?? -1]).toBe(GENERIC_CAMOUFLAGED_WEIGHT);
    expect(GENERIC_CAMOUFLAGED_WEIGHT).toBeLessThan(1);
    for (const name of BACKGROUND_NAMES) expect(generic[PROTOTYPE_INDEX.get(name) ?? -1]).toBe(0);
    expect([...textEmbedding('zebra')].every((v) => v === 0)).toBe(true);
  });

  it("records each prototype's texture as measured on its rendered surface (within 25%)", () => {
    const sums = new Map<string, { sum: number; count: number }>();
    for (let seed = 0; seed < 16; seed++) {
      const scene = generateScene(seed, { width: 96, height: 96 });
      const { phi } = analyse(scene.image);
      const n = 96 * 96;
      const surfaces: [string, (i: number) => boolean][] = [
        [scene.target.name, (i) => scene.groundTruth.data[i] === 1],
        ...scene.distractors.map((d): [string, (i: number) => boolean] => [d.name, (i) => d.mask.data[i] === 1]),
      ];
      for (const [name, member] of surfaces) {
        for (let y = 4; y < 92; y++) {
          for (let x = 4; x < 92; x++) {
            let interior = true;
            for (const [dx, dy] of [[-4, 0], [4, 0], [0, -4], [0, 4], [0, 0]] as const) interior &&= member((y + dy) * 96 + x + dx);
            if (!interior) continue;
            const entry = sums.get(name) ?? { sum: 0, count: 0 };
            entry.sum += (phi[3 * n + y * 96 + x] ?? 0) / TEXTURE_GAIN;
            entry.count++;
            sums.set(name, entry);
          }
        }
      }
    }
    for (const [name, { sum, count }] of sums) {
      if (count < 200) continue;
      expect(sum / count).toBeGreaterThan((nameSpec(name)?.texture ?? 0) * 0.75);
      expect(sum / count).toBeLessThan((nameSpec(name)?.texture ?? 0) * 1.25);
    }
  });

  it('ships a zero-mean, unit-variance inpainting noise pattern per channel', () => {
    expect(INPAINT_NOISE).toHaveLength(3 * 256);
    const mean = INPAINT_NOISE.reduce((a, b) => a + b, 0) / INPAINT_NOISE.length;
    const variance = INPAINT_NOISE.reduce((a, b) => a + (b - mean) ** 2, 0) / INPAINT_NOISE.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(variance).toBeCloseTo(1, 4);
  });
});
