import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipScorer, PointPrompter, Scorer } from '../../../../src/core/ports';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { syntheticModels } from '../../../../src/core/synthetic/models';
import { LOGIT_SCALE, POINT_MAX_POSITIVE } from '../../../../src/core/synthetic/world';
import { AdapterConfigError } from '../../../../src/main/inference/adapters/adapter-types';
import { clipAdapter } from '../../../../src/main/inference/adapters/clip/clip-adapter';
import { pointsFromSimilarityMap } from '../../../../src/main/inference/adapters/clip/similarity-points';
import { ContractMismatchError } from '../../../../src/main/inference/runtime/contract';
import { FIXTURE_MODELS, testContext } from './adapter-context';

const CLIP = join(FIXTURE_MODELS, 'clip');
const WORLD_OPTIONS = { template: '{}', logitScale: LOGIT_SCALE, maxPointsPerLabel: POINT_MAX_POSITIVE, patchScore: 'dot' };
const scenes = [0, 1, 2].map((seed) => generateScene(seed));

describe('clip adapter on the tiny CLIP pair (real from_pretrained path)', () => {
  let scorer: Scorer;
  let clipScorer: ClipScorer;
  let prompter: PointPrompter;
  const setup = testContext('scorer', 'clip', CLIP, WORLD_OPTIONS);

  beforeAll(async () => {
    scorer = await clipAdapter.factories.scorer!(setup.context);
    clipScorer = await clipAdapter.factories.clipScorer!({ ...setup.context, port: 'clipScorer' });
    prompter = await clipAdapter.factories.pointPrompter!({ ...setup.context, port: 'pointPrompter' });
  });
  afterAll(() => setup.shared.dispose());

  it('opens the two encoders once for three ports and reports them', () => {
    expect(setup.records.map((r) => r.path)).toEqual([join(CLIP, 'onnx/vision_model.onnx'), join(CLIP, 'onnx/text_model.onnx')]);
    expect(setup.records.every((r) => r.device === 'cpu' && r.fallbackReason === null)).toBe(true);
    expect(setup.records[0]?.notes.join(' ')).toContain('patch tokens');
  });

  it('scores like the world CLIP stand-in (CLIP route)', async () => {
    for (const scene of scenes) {
      const reference = syntheticModels(scene).scorer;
      const vocabulary = [scene.target.name, scene.background, ...scene.distractors.map((d) => d.name), 'camouflaged animal'];
      for (const name of vocabulary) {
        expect(await scorer.score(scene.image, name, vocabulary)).toBeCloseTo(await reference.score(scene.image, name, vocabulary), 4);
      }
      // A name missing from the vocabulary is scored among vocabulary + name, as the stand-in does.
      expect(await scorer.score(scene.image, 'fish', vocabulary)).toBeCloseTo(await reference.score(scene.image, 'fish', vocabulary), 4);
    }
  });

  it('gives the stand-in\'s cosine similarities for masked and whole images', async () => {
    const scene = scenes[0]!;
    const masked = { ...scene.image, data: scene.image.data.map((v, i) => (scene.groundTruth.data[Math.floor(i / 3)] === 1 ? v : 0)) };
    const reference = syntheticModels(scene).clipScorer;
    for (const name of [scene.target.name, scene.background, 'parrot', 'unicorn']) {
      const ours = await clipScorer.similarities([scene.image, masked], name);
      const theirs = await reference.similarities([scene.image, masked], name);
      ours.forEach((v, k) => expect(v).toBeCloseTo(theirs[k] ?? NaN, 4));
    }
  });

  it('puts (nearly) the same positive points as the point-prompter stand-in on the animal', async () => {
    for (const scene of scenes) {
      const ours = await prompter.points(scene.image, [scene.target.name], [scene.background]);
      const theirs = await syntheticModels(scene).pointPrompter.points(scene.image, [scene.target.name], [scene.background]);
      const key = (p: { x: number; y: number }): string => `${p.x.toFixed(3)},${p.y.toFixed(3)}`;
      const theirPositives = new Set(theirs.filter((p) => p.label === 1).map(key));
      const ourPositives = ours.filter((p) => p.label === 1).map(key);
      // Cells tied within float32 rounding at the cap of POINT_MAX_POSITIVE may swap.
      expect(ourPositives.length).toBe(theirPositives.size);
      expect(ourPositives.filter((k) => theirPositives.has(k)).length).toBeGreaterThanOrEqual(theirPositives.size - 2);
      expect(ours.filter((p) => p.label === 0).length).toBe(theirs.filter((p) => p.label === 0).length);
      for (const p of ours.filter((q) => q.label === 1)) {
        const { box } = scene.target;
        expect(p.x >= box.x1 - 5 && p.x <= box.x2 + 5 && p.y >= box.y1 - 5 && p.y <= box.y2 + 5).toBe(true);
      }
    }
  });

  it('falls back to a grid of crops when asked, and still points at the animal', async () => {
    const crops = testContext('pointPrompter', 'clip', CLIP, { ...WORLD_OPTIONS, patchSource: 'crops', cropGrid: 6, maxPointsPerLabel: 1 });
    try {
      const cropPrompter = await clipAdapter.factories.pointPrompter!(crops.context);
      const scene = scenes[0]!;
      const [best] = await cropPrompter.points(scene.image, [scene.target.name], [scene.background]);
      const { box } = scene.target;
      expect(best?.label).toBe(1);
      expect(best!.x).toBeGreaterThan(box.x1 - 16);
      expect(best!.x).toBeLessThan(box.x2 + 16);
      expect(best!.y).toBeGreaterThan(box.y1 - 16);
      expect(best!.y).toBeLessThan(box.y2 + 16);
    } finally {
      await crops.shared.dispose();
    }
  });
});

describe('similarity points (INT SpatialPoints arithmetic)', () => {
  it('takes cells at or above 0.9 after min-max as positive and as many lowest cells as negative, at cell centres', () => {
    const map = Float32Array.from({ length: 16 }, (_, i) => i); // 4 x 4 grid, values 0..15
    const points = pointsFromSimilarityMap(map, 4, 40, 40, { grid: 4, threshold: 0.9, maxPointsPerLabel: 0 });
    expect(points).toEqual([
      { x: 35, y: 35, label: 1 },
      { x: 25, y: 35, label: 1 },
      { x: 5, y: 5, label: 0 },
      { x: 15, y: 5, label: 0 },
    ]);
  });

  it('gives no points for a flat map and caps positives', () => {
    expect(pointsFromSimilarityMap(new Float32Array(16).fill(3), 4, 40, 40)).toEqual([]);
    const map = Float32Array.from({ length: 16 }, (_, i) => (i < 8 ? 1 : 0));
    const points = pointsFromSimilarityMap(map, 4, 40, 40, { grid: 4, threshold: 0.9, maxPointsPerLabel: 3 });
    expect(points.filter((p) => p.label === 1).length).toBe(3);
    expect(points.filter((p) => p.label === 0).length).toBe(3);
  });
});

describe('clip adapter load errors', () => {
  const temp = mkdtempSync(join(tmpdir(), 'intseg-clip-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('names a missing tokenizer file', async () => {
    const folder = join(temp, 'no-tokenizer');
    cpSync(CLIP, folder, { recursive: true });
    rmSync(join(folder, 'tokenizer.json'));
    const { context } = testContext('scorer', 'clip', folder);
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(AdapterConfigError);
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(/tokenizer\.json: missing/);
  });

  it('names the file, the value, what was expected and what was found when the vision export has the wrong contract', async () => {
    const folder = join(temp, 'swapped');
    cpSync(CLIP, folder, { recursive: true });
    copyFileSync(join(CLIP, 'onnx/text_model.onnx'), join(folder, 'onnx/vision_model.onnx'));
    const { context } = testContext('scorer', 'clip', folder);
    const error = await clipAdapter.factories.scorer!(context).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContractMismatchError);
    const message = (error as Error).message;
    expect(message).toContain(join(folder, 'onnx/vision_model.onnx'));
    expect(message).toContain("input 'pixel_values': expected a rank-4 tensor, found no such input (inputs are: input_ids)");
    expect(message).toContain("output 'image_embeds': expected a rank-2 tensor, found no such output");
  });

  it('rejects invalid options naming pack.json, the port and the option', async () => {
    const { context } = testContext('scorer', 'clip', CLIP, { template: 'no placeholder' });
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(/pack\.json: ports\.scorer \(adapter 'clip'\): option 'template'/);
  });

  it('rejects a config.json of another model type', async () => {
    const folder = join(temp, 'wrong-type');
    cpSync(CLIP, folder, { recursive: true });
    writeFileSync(join(folder, 'config.json'), JSON.stringify({ model_type: 'siglip' }));
    const { context } = testContext('scorer', 'clip', folder);
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(/config\.json: expected model_type 'clip', found "siglip"/);
  });
});
