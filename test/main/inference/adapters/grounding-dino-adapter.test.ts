import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroundingDinoProcessor, Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Detector } from '../../../../src/core/ports';
import { groundingDinoAdapter, groundingPhrase, labellableQueries } from '../../../../src/main/inference/adapters/grounding-dino/grounding-dino-adapter';
import { ContractMismatchError } from '../../../../src/main/inference/runtime/contract';
import { FIXTURE_MODELS, testContext } from './adapter-context';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { syntheticModels } from '../../../../src/core/synthetic/models';
import { DETECT_BOX_THRESHOLD, DETECT_MAX_BOXES } from '../../../../src/core/synthetic/world';

const FOLDER = join(FIXTURE_MODELS, 'grounding-dino');

describe('GroundingDINO phrase form', () => {
  it('lower-cases, collapses spaces and ends with one full stop', () => {
    expect(groundingPhrase('  Camouflaged   Animal ')).toBe('camouflaged animal.');
    expect(groundingPhrase('frog.')).toBe('frog.');
    expect(groundingPhrase('frog . ')).toBe('frog.');
    expect(() => groundingPhrase(' . ')).toThrow(/empty/);
  });
});

describe('GroundingDINO post-processing guard', () => {
  let processor: GroundingDinoProcessor;
  beforeAll(async () => {
    processor = (await GroundingDinoProcessor.from_pretrained(FOLDER, { local_files_only: true })) as GroundingDinoProcessor;
  });

  const outputs = (bestPosition: number): { logits: Tensor; pred_boxes: Tensor } => {
    const logits = new Float32Array(2 * 256).fill(-20);
    logits[bestPosition] = 3; // query 0: only [CLS] (position 0) or a padding position is above the thresholds
    logits[256 + 1] = 3; // query 1: the phrase token
    return { logits: new Tensor('float32', logits, [1, 2, 256]), pred_boxes: new Tensor('float32', new Float32Array([0.5, 0.5, 0.2, 0.2, 0.3, 0.3, 0.2, 0.2]), [1, 2, 4]) };
  };

  it('post-processing alone throws when a kept box has no phrase token above the text threshold ([CLS] only); the guard drops that box', () => {
    const ids = processor.tokenizer?.('crab.', { padding: true }).input_ids as Tensor;
    const raw = outputs(0);
    expect(() => processor.post_process_grounded_object_detection(raw, ids, { box_threshold: 0.3, text_threshold: 0.25, target_sizes: [[100, 100]] })).toThrow(/token_ids/);
    const filtered = labellableQueries(raw.logits, raw.pred_boxes, ids.dims[1] ?? 0, 0.3, 0.25);
    expect(filtered?.dropped).toBe(1);
    const [result] = processor.post_process_grounded_object_detection({ logits: filtered!.logits, pred_boxes: filtered!.pred_boxes }, ids, { box_threshold: 0.3, text_threshold: 0.25, target_sizes: [[100, 100]] });
    expect(result?.labels).toEqual(['crab']);
    expect(result?.boxes[0]?.map((v: number) => Math.round(v))).toEqual([20, 20, 40, 40]);
  });

  it.each([10, 200])('masks padding positions (here %i), where post-processing would look up a token that does not exist', (position) => {
    const ids = processor.tokenizer?.('crab.', { padding: true }).input_ids as Tensor;
    const raw = outputs(position);
    expect(() => processor.post_process_grounded_object_detection(raw, ids, { box_threshold: 0.3, text_threshold: 0.25, target_sizes: [[100, 100]] })).toThrow(/token_ids/);
    const filtered = labellableQueries(raw.logits, raw.pred_boxes, ids.dims[1] ?? 0, 0.3, 0.25);
    expect(filtered?.logits.dims).toEqual([1, 1, 256]);
    const [result] = processor.post_process_grounded_object_detection({ logits: filtered!.logits, pred_boxes: filtered!.pred_boxes }, ids, { box_threshold: 0.3, text_threshold: 0.25, target_sizes: [[100, 100]] });
    expect(result?.labels).toEqual(['crab']);
  });

  it('returns null when no query passes the box threshold', () => {
    const logits = new Tensor('float32', new Float32Array(256).fill(-5), [1, 1, 256]);
    expect(labellableQueries(logits, new Tensor('float32', new Float32Array(4), [1, 1, 4]), 4, 0.3, 0.25)).toBeNull();
  });
});

describe('grounding-dino adapter on the tiny detector (real from_pretrained path)', () => {
  const setup = testContext('detector', 'grounding-dino', FOLDER, { boxThreshold: DETECT_BOX_THRESHOLD, maxBoxes: DETECT_MAX_BOXES });
  let detector: Detector;
  beforeAll(async () => {
    detector = await groundingDinoAdapter.factories.detector!(setup.context);
  });
  afterAll(() => setup.shared.dispose());

  it('records the model file it opened', () => {
    expect(setup.records.map((r) => r.path)).toEqual([join(FOLDER, 'onnx/model.onnx')]);
  });

  it('finds the same boxes with the same scores as the detector stand-in', async () => {
    for (const seed of [0, 1, 2, 3]) {
      const scene = generateScene(seed);
      const reference = syntheticModels(scene).detector;
      for (const phrase of [scene.target.name, ...scene.distractors.map((d) => d.name)]) {
        const ours = await detector.detect(scene.image, phrase);
        const theirs = await reference.detect(scene.image, phrase);
        expect(ours.map((d) => d.box)).toEqual(theirs.map((d) => d.box));
        ours.forEach((d, k) => expect(d.score).toBeCloseTo(theirs[k]?.score ?? NaN, 4));
        expect(ours.every((d) => d.phrase === `${phrase}.`)).toBe(true);
      }
    }
  });

  it('boxes the animal it is asked for, best first, and finds nothing for a name the world does not know', async () => {
    const scene = generateScene(3);
    const [best, ...rest] = await detector.detect(scene.image, scene.target.name.toUpperCase());
    const { box } = scene.target;
    expect(best!.box.x1).toBeLessThanOrEqual(box.x1 + 2);
    expect(best!.box.x2).toBeGreaterThanOrEqual(box.x2 - 2);
    expect(best!.box.y1).toBeLessThanOrEqual(box.y1 + 2);
    expect(best!.box.y2).toBeGreaterThanOrEqual(box.y2 - 2);
    for (const d of rest) expect(d.score).toBeLessThanOrEqual(best!.score);
    expect(await detector.detect(scene.image, 'unicorn')).toEqual([]);
  });
});

describe('grounding-dino adapter contract errors', () => {
  const temp = mkdtempSync(join(tmpdir(), 'intseg-gdino-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('names the file and each mismatch when the export has another model\'s inputs and outputs', async () => {
    const folder = join(temp, 'wrong');
    cpSync(FOLDER, folder, { recursive: true });
    copyFileSync(join(FIXTURE_MODELS, 'clip/onnx/text_model.onnx'), join(folder, 'onnx/model.onnx'));
    const { context } = testContext('detector', 'grounding-dino', folder);
    const error = await groundingDinoAdapter.factories.detector!(context).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContractMismatchError);
    const message = (error as Error).message;
    expect(message).toContain(join(folder, 'onnx/model.onnx'));
    expect(message).toContain("input 'pixel_values': expected a rank-4 tensor, found no such input");
    expect(message).toContain("output 'logits': expected a rank-3 tensor, found no such output");
  });
});
