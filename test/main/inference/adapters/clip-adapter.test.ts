import { cpSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clipAdapter } from '../../../../src/main/inference/adapters/clip/clip-adapter';
import { ContractMismatchError } from '../../../../src/main/inference/runtime/contract';
import { AdapterConfigError } from '../../../../src/main/inference/adapters/adapter-types';
import { FIXTURE_MODELS, testContext } from './adapter-context';
import { paintScene, insideBlob, type Blob } from './scene-painter';
import type { ClipScorer, PointPrompter, Scorer } from '../../../../src/core/ports';

const CLIP = join(FIXTURE_MODELS, 'clip');
const crab: Blob = { name: 'crab', cx: 40, cy: 30, rx: 14, ry: 10 };
const scene = paintScene(96, 64, 'sand', [crab], 3);
const emptySand = paintScene(96, 64, 'sand', [], 3);

describe('clip adapter on the tiny CLIP pair (real from_pretrained path)', () => {
  const fetchCalls: string[] = [];
  const realFetch = globalThis.fetch;
  let scorer: Scorer;
  let clipScorer: ClipScorer;
  let prompter: PointPrompter;
  const setup = testContext('scorer', 'clip', CLIP, { template: '{}', logitScale: 20, maxPointsPerLabel: 8 });

  beforeAll(async () => {
    globalThis.fetch = vi.fn((input: unknown) => {
      fetchCalls.push(String(input));
      throw new Error('network access is not allowed in tests');
    }) as unknown as typeof fetch;
    const factories = clipAdapter.factories;
    scorer = await factories.scorer!(setup.context);
    clipScorer = await factories.clipScorer!({ ...setup.context, port: 'clipScorer' });
    prompter = await factories.pointPrompter!({ ...setup.context, port: 'pointPrompter' });
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await setup.shared.dispose();
  });

  it('loads both encoders once from disk with zero network calls and reports them', () => {
    expect(fetchCalls).toEqual([]);
    expect(setup.records.map((r) => r.path)).toEqual([join(CLIP, 'onnx/vision_model.onnx'), join(CLIP, 'onnx/text_model.onnx')]);
    expect(setup.records.every((r) => r.device === 'cpu' && r.fallbackReason === null)).toBe(true);
    expect(setup.records[0]?.notes.join(' ')).toContain('patch tokens');
  });

  it('scores the animal that is there above one that is not (CLIP route)', async () => {
    const vocabulary = ['crab', 'ladybird', 'sand', 'camouflaged animal'];
    const present = await scorer.score(scene, 'crab', vocabulary);
    const absent = await scorer.score(scene, 'ladybird', vocabulary);
    expect(present).toBeGreaterThan(absent);
    expect(present).toBeGreaterThan(0);
    expect(present).toBeLessThanOrEqual(1);
    // Removing the crab (painting sand over it) makes the scorer lose confidence in it: INT's D > 0.
    expect(await scorer.score(emptySand, 'crab', vocabulary)).toBeLessThan(present);
  });

  it('gives cosine similarities in [-1, 1] that rank the matching name first', async () => {
    const [withCrab, without] = await clipScorer.similarities([scene, emptySand], 'crab');
    expect(withCrab).toBeGreaterThan(without ?? 1);
    const [sandOnSand] = await clipScorer.similarities([emptySand], 'sand');
    const [ladybirdOnSand] = await clipScorer.similarities([emptySand], 'ladybird');
    expect(sandOnSand).toBeGreaterThan(ladybirdOnSand ?? 1);
    expect(sandOnSand).toBeLessThanOrEqual(1 + 1e-6);
    expect(ladybirdOnSand).toBeGreaterThanOrEqual(-1 - 1e-6);
  });

  it('puts positive points on the animal and negative points off it', async () => {
    const points = await prompter.points(scene, ['crab'], ['sand']);
    const positives = points.filter((p) => p.label === 1);
    const negatives = points.filter((p) => p.label === 0);
    expect(positives.length).toBeGreaterThan(0);
    expect(positives.length).toBeLessThanOrEqual(8);
    expect(negatives.length).toBe(positives.length);
    for (const p of positives) expect(insideBlob(crab, Math.floor(p.x), Math.floor(p.y))).toBe(true);
    for (const p of negatives) expect(insideBlob(crab, Math.floor(p.x), Math.floor(p.y))).toBe(false);
  });

  it('falls back to a grid of crops when asked and still finds the animal', async () => {
    const crops = testContext('pointPrompter', 'clip', CLIP, { template: '{}', patchSource: 'crops', cropGrid: 6, maxPointsPerLabel: 2 });
    try {
      const cropPrompter = await clipAdapter.factories.pointPrompter!(crops.context);
      const points = await cropPrompter.points(scene, ['crab'], ['sand']);
      const best = points.find((p) => p.label === 1);
      expect(best).toBeDefined();
      expect(Math.abs((best?.x ?? 0) - crab.cx)).toBeLessThan(24);
      expect(Math.abs((best?.y ?? 0) - crab.cy)).toBeLessThan(24);
    } finally {
      await crops.shared.dispose();
    }
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
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(/tokenizer\.json/);
  });

  it('names the file, the value, what was expected and what was found when the vision export has the wrong contract', async () => {
    const folder = join(temp, 'swapped');
    cpSync(CLIP, folder, { recursive: true });
    copyFileSync(join(CLIP, 'onnx/text_model.onnx'), join(folder, 'onnx/vision_model.onnx'));
    const { context } = testContext('scorer', 'clip', folder);
    const error = await clipAdapter.factories.scorer!(context).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContractMismatchError);
    const message = (error as Error).message;
    expect(message).toContain(join(folder, 'onnx/vision_model.onnx'));
    expect(message).toContain("input 'pixel_values': expected a rank-4 tensor, found no such input (inputs are: input_ids)");
    expect(message).toContain("output 'image_embeds'");
  });

  it('rejects invalid options naming pack.json and the option', async () => {
    const { context } = testContext('scorer', 'clip', CLIP, { template: 'no placeholder' });
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(/pack\.json: ports\.scorer \(adapter 'clip'\): option 'template'/);
  });

  it('rejects a config.json of another model type', async () => {
    const folder = join(temp, 'wrong-type');
    cpSync(CLIP, folder, { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(folder, 'config.json'), JSON.stringify({ model_type: 'siglip' }));
    const { context } = testContext('scorer', 'clip', folder);
    await expect(clipAdapter.factories.scorer!(context)).rejects.toThrow(/config\.json: expected model_type 'clip', found "siglip"/);
  });
});
