import { cpSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawImage, SamModel, SamProcessor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoftMask } from '../../../../src/core/image';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { syntheticModels } from '../../../../src/core/synthetic/models';
import { boxAsPoints, resizeLogitsToProbabilities, sam2Adapter, samAdapter, type SamSegmenter } from '../../../../src/main/inference/adapters/sam/sam-adapter';
import { ContractMismatchError } from '../../../../src/main/inference/runtime/contract';
import { FIXTURE_MODELS, testContext } from './adapter-context';

function iou(a: SoftMask, b: SoftMask | { data: Uint8Array }): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = (a.data[i] ?? 0) > 0.5;
    const y = (b.data[i] ?? 0) > 0.5;
    if (x && y) inter++;
    if (x || y) union++;
  }
  return union === 0 ? 1 : inter / union;
}

const scene = generateScene(3);
const other = generateScene(5);

describe('sam2 adapter on the tiny SAM 2.1 (real from_pretrained path)', () => {
  const setup = testContext('segmenter', 'sam2', join(FIXTURE_MODELS, 'sam2'));
  let segmenter: SamSegmenter;
  beforeAll(async () => {
    segmenter = (await sam2Adapter.factories.segmenter!(setup.context)) as SamSegmenter;
  });
  afterAll(() => setup.shared.dispose());

  it('reports both files and that the decoder takes boxes', () => {
    expect(setup.records.map((r) => r.path)).toEqual([join(FIXTURE_MODELS, 'sam2/onnx/vision_encoder.onnx'), join(FIXTURE_MODELS, 'sam2/onnx/prompt_encoder_mask_decoder.onnx')]);
    expect(setup.records[0]?.notes).toEqual(['decoder takes boxes']);
  });

  it('segments like the segmenter stand-in for a box, points, and both', async () => {
    const reference = syntheticModels(scene).segmenter;
    const box = scene.target.box;
    const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2, label: 1 as const };
    for (const prompt of [
      { box, points: [] },
      { box: null, points: [centre, { x: 2, y: 2, label: 0 as const }] },
      { box, points: [centre] },
    ]) {
      const ours = await segmenter.segment(scene.image, prompt);
      const theirs = await reference.segment(scene.image, prompt);
      expect(ours.length).toBe(3);
      ours.forEach((result, k) => {
        expect(result.predictedIoU).toBeCloseTo(theirs[k]?.predictedIoU ?? NaN, 2);
        expect(iou(result.mask, theirs[k]!.mask)).toBeGreaterThan(0.97);
        expect(result.mask.width).toBe(scene.width);
      });
      for (let k = 1; k < ours.length; k++) expect(ours[k - 1]!.predictedIoU).toBeGreaterThanOrEqual(ours[k]!.predictedIoU);
    }
    const [best] = await segmenter.segment(scene.image, { box, points: [] });
    expect(iou(best!.mask, scene.groundTruth)).toBeGreaterThan(0.5);
  });

  it('computes the image embedding once per distinct image content', async () => {
    const before = segmenter.encoderRuns;
    const box = scene.target.box;
    await segmenter.segment(scene.image, { box, points: [] });
    await segmenter.segment({ ...scene.image, data: new Uint8Array(scene.image.data) }, { box: null, points: [{ x: 60, y: 60, label: 1 }] });
    expect(segmenter.encoderRuns).toBe(before);
    await segmenter.segment(other.image, { box: other.target.box, points: [] });
    expect(segmenter.encoderRuns).toBe(before + 1);
  });

  it('rejects a prompt with neither box nor points', async () => {
    await expect(segmenter.segment(scene.image, { box: null, points: [] })).rejects.toThrow(/box or at least one point/);
  });
});

describe('sam adapter (Xenova layout: 1024 frame, no box input)', () => {
  const folder = join(FIXTURE_MODELS, 'sam');
  const setup = testContext('segmenter', 'sam', folder);
  let segmenter: SamSegmenter;
  beforeAll(async () => {
    segmenter = (await samAdapter.factories.segmenter!(setup.context)) as SamSegmenter;
  });
  afterAll(() => setup.shared.dispose());

  it('transformers.js SamModel throws on a box-only prompt: the reason for the guard', async () => {
    const model = await SamModel.from_pretrained(folder, { local_files_only: true, dtype: 'fp32', device: 'cpu' });
    const processor = await SamProcessor.from_pretrained(folder, { local_files_only: true });
    try {
      const inputs = (await processor(new RawImage(scene.image.data, scene.width, scene.height, 3), { input_boxes: [[[10, 10, 60, 60]]] })) as Record<string, unknown>;
      await expect(model(inputs)).rejects.toThrow(/dims/);
    } finally {
      await model.dispose();
    }
  });

  it('turns a box into its centre (positive) and corners (negative) and clips the masks to it', async () => {
    expect(boxAsPoints({ x1: 10, y1: 20, x2: 30, y2: 60 })).toEqual([
      { x: 20, y: 40, label: 1 },
      { x: 10, y: 20, label: 0 },
      { x: 30, y: 20, label: 0 },
      { x: 10, y: 60, label: 0 },
      { x: 30, y: 60, label: 0 },
    ]);
    expect(setup.records[0]?.notes[0]).toMatch(/takes no boxes/);
    const box = scene.target.box;
    const results = await segmenter.segment(scene.image, { box, points: [] });
    expect(results.length).toBe(3);
    for (const { mask } of results) {
      for (let y = 0; y < scene.height; y++) {
        for (let x = 0; x < scene.width; x++) {
          if (x + 0.5 < box.x1 || x + 0.5 >= box.x2 || y + 0.5 < box.y1 || y + 0.5 >= box.y2) expect(mask.data[y * scene.width + x]).toBe(0);
        }
      }
    }
    // SAM's fixture works on the 256 grid of the 1024 frame (texture at another scale): only near the stand-in.
    expect(results[0]!.mask.data.some((v) => v > 0.5)).toBe(true);
    expect(iou(results[0]!.mask, scene.groundTruth)).toBeGreaterThan(0.05);
  });

  it('upscales the low-resolution grid from the part of the frame that holds the image', () => {
    // A 4 x 4 grid whose left half covers the image (2 x 4 valid cells), upscaled to 2 x 4 pixels.
    const grid = Float32Array.from([10, 10, -10, -10, 10, 10, -10, -10, -10, -10, -10, -10, -10, -10, -10, -10]);
    const out = resizeLogitsToProbabilities(grid, 4, 2, 4, 2, 4);
    expect(Array.from(out, (v) => Math.round(v))).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });
});

describe('sam adapter contract errors', () => {
  const temp = mkdtempSync(join(tmpdir(), 'intseg-sam-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('names the decoder file and the inputs it lacks when a SAM 2.1 decoder sits in a SAM folder', async () => {
    const folder = join(temp, 'mixed');
    cpSync(join(FIXTURE_MODELS, 'sam'), folder, { recursive: true });
    copyFileSync(join(FIXTURE_MODELS, 'sam2/onnx/prompt_encoder_mask_decoder.onnx'), join(folder, 'onnx/prompt_encoder_mask_decoder.onnx'));
    const { context } = testContext('segmenter', 'sam', folder);
    const error = await samAdapter.factories.segmenter!(context).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContractMismatchError);
    const message = (error as Error).message;
    expect(message).toContain(join(folder, 'onnx/prompt_encoder_mask_decoder.onnx'));
    expect(message).toContain("input 'image_embeddings': expected a rank-4 tensor, found no such input");
    expect(message).toContain("input 'image_positional_embeddings'");
  });

  it('names a missing encoder file', async () => {
    const folder = join(temp, 'no-encoder');
    cpSync(join(FIXTURE_MODELS, 'sam2'), folder, { recursive: true });
    rmSync(join(folder, 'onnx/vision_encoder.onnx'));
    const { context } = testContext('segmenter', 'sam2', folder);
    await expect(sam2Adapter.factories.segmenter!(context)).rejects.toThrow(/vision_encoder\.onnx: missing/);
  });
});
