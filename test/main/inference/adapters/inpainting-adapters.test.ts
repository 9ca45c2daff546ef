import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BinaryMask, RgbImage } from '../../../../src/core/image';
import type { Inpainter } from '../../../../src/core/ports';
import { generateScene } from '../../../../src/core/synthetic/scene';
import { SyntheticInpainter } from '../../../../src/core/synthetic/inpainter';
import { detectOutputRange, lamaAdapter, type LamaInpainter } from '../../../../src/main/inference/adapters/inpainting/lama-adapter';
import { miganAdapter } from '../../../../src/main/inference/adapters/inpainting/migan-adapter';
import { openCvAdapter } from '../../../../src/main/inference/adapters/inpainting/opencv-adapter';
import { ContractMismatchError } from '../../../../src/main/inference/runtime/contract';
import { SharedModelCache } from '../../../../src/main/inference/packs/shared-models';
import { FIXTURE_MODELS, testContext } from './adapter-context';

const scene = generateScene(3);
const region = scene.groundTruth;

function unchangedOutside(result: RgbImage, original: RgbImage, hole: BinaryMask): boolean {
  for (let i = 0; i < hole.data.length; i++) {
    if (hole.data[i] === 1) continue;
    for (let c = 0; c < 3; c++) if (result.data[i * 3 + c] !== original.data[i * 3 + c]) return false;
  }
  return true;
}

function meanAbsoluteDifference(a: RgbImage, b: RgbImage, hole: BinaryMask): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < hole.data.length; i++) {
    if (hole.data[i] !== 1) continue;
    for (let c = 0; c < 3; c++) sum += Math.abs((a.data[i * 3 + c] ?? 0) - (b.data[i * 3 + c] ?? 0));
    n += 3;
  }
  return sum / n;
}

describe('inpainting adapters on the tiny graphs (onnxruntime-node from disk)', () => {
  const shared = new SharedModelCache();
  let migan: Inpainter;
  let lama: LamaInpainter;
  let lama255: LamaInpainter;
  beforeAll(async () => {
    migan = await miganAdapter.factories.inpainter!(testContext('inpainter', 'migan', join(FIXTURE_MODELS, 'migan/migan_pipeline_v2.onnx'), {}, 'cpu', 'fp32', shared).context);
    lama = (await lamaAdapter.factories.inpainter!(testContext('inpainter', 'lama', join(FIXTURE_MODELS, 'lama/lama_fp32.onnx'), {}, 'cpu', 'fp32', shared).context)) as LamaInpainter;
    lama255 = (await lamaAdapter.factories.inpainter!(testContext('inpainter', 'lama', join(FIXTURE_MODELS, 'lama-255/lama_fp32.onnx'), {}, 'cpu', 'fp32', shared).context)) as LamaInpainter;
  });
  afterAll(() => shared.dispose());

  it('MI-GAN (any size, uint8) fills exactly like the inpainter stand-in and keeps known pixels', async () => {
    const ours = await migan.inpaint(scene.image, region);
    const theirs = await new SyntheticInpainter().inpaint(scene.image, region);
    let worst = 0;
    for (let i = 0; i < ours.data.length; i++) worst = Math.max(worst, Math.abs((ours.data[i] ?? 0) - (theirs.data[i] ?? 0)));
    expect(worst).toBeLessThanOrEqual(1);
    expect(unchangedOutside(ours, scene.image, region)).toBe(true);
  });

  it('LaMa guard: a 0..1 export and a 0..255 export give the same image, and the range is detected', async () => {
    const unit = await lama.inpaint(scene.image, region);
    expect(lama.lastRange).toBe('unit');
    const byte = await lama255.inpaint(scene.image, region);
    expect(lama255.lastRange).toBe('byte');
    expect(Buffer.compare(Buffer.from(unit.data), Buffer.from(byte.data))).toBe(0);
    expect(unchangedOutside(unit, scene.image, region)).toBe(true);
    // Resized to 512 and back, LaMa is close to the stand-in, not equal.
    const theirs = await new SyntheticInpainter().inpaint(scene.image, region);
    expect(meanAbsoluteDifference(unit, theirs, region)).toBeLessThan(20);
  });

  it('LaMa with a forced wrong range is visibly wrong (so the guard matters)', async () => {
    const forced = (await lamaAdapter.factories.inpainter!(testContext('inpainter', 'lama', join(FIXTURE_MODELS, 'lama-255/lama_fp32.onnx'), { outputRange: 'unit' }).context)) as LamaInpainter;
    try {
      const wrong = await forced.inpaint(scene.image, region);
      const right = await lama255.inpaint(scene.image, region);
      expect(meanAbsoluteDifference(wrong, right, region)).toBeGreaterThan(50);
    } finally {
      await forced.dispose();
    }
  });

  it('detects the output range from the known pixels', () => {
    const input = Float32Array.from([0.2, 0.4, 0.6, 0.8, 0.2, 0.4, 0.6, 0.8, 0.2, 0.4, 0.6, 0.8]);
    const mask = Float32Array.from([0, 0, 0, 1]);
    expect(detectOutputRange(input, input, mask)).toBe('unit');
    expect(detectOutputRange(input.map((v) => v * 255), input, mask)).toBe('byte');
    expect(detectOutputRange(Float32Array.from([200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), input, Float32Array.from([1, 1, 1, 1]))).toBe('byte');
  });

  it('returns a copy when there is nothing to fill, and rejects a mask of another size', async () => {
    const empty = { width: scene.width, height: scene.height, data: new Uint8Array(scene.width * scene.height) };
    const copy = await migan.inpaint(scene.image, empty);
    expect(copy.data).toEqual(scene.image.data);
    expect(copy.data).not.toBe(scene.image.data);
    await expect(migan.inpaint(scene.image, { width: 2, height: 2, data: new Uint8Array(4) })).rejects.toThrow(/region mask is 2x2 but the image is 128x128/);
  });
});

describe('OpenCV inpainting (no weights)', () => {
  it.each(['telea', 'ns'] as const)('%s fills a hole in a flat image with the surrounding colour and keeps the rest', async (method) => {
    const width = 40;
    const height = 30;
    const image = { width, height, data: new Uint8Array(width * height * 3) };
    for (let i = 0; i < width * height; i++) image.data.set([90, 140, 60], i * 3);
    const hole = { width, height, data: new Uint8Array(width * height) };
    for (let y = 10; y < 20; y++) for (let x = 15; x < 25; x++) {
      hole.data[y * width + x] = 1;
      image.data.set([255, 0, 255], (y * width + x) * 3);
    }
    const inpainter = await openCvAdapter.factories.inpainter!(testContext('inpainter', 'opencv-inpaint', null, { method }).context);
    const filled = await inpainter.inpaint(image, hole);
    expect(inpainter.id).toBe(`opencv-${method}`);
    for (let i = 0; i < width * height; i++) {
      expect(Math.abs((filled.data[i * 3] ?? 0) - 90)).toBeLessThanOrEqual(2);
      expect(Math.abs((filled.data[i * 3 + 1] ?? 0) - 140)).toBeLessThanOrEqual(2);
    }
  });
});

describe('inpainter contract errors', () => {
  it('names the file and the dtype mismatch when a LaMa file is given to the MI-GAN adapter', async () => {
    const file = join(FIXTURE_MODELS, 'lama/lama_fp32.onnx');
    const error = await miganAdapter.factories.inpainter!(testContext('inpainter', 'migan', file).context).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContractMismatchError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain("input 'image': expected type uint8, found float32");
    expect((error as Error).message).toContain("output 'result': expected a rank-4 tensor, found no such output (outputs are: output)");
  });

  it('names the fixed sizes LaMa needs when given a dynamic-size MI-GAN file', async () => {
    const file = join(FIXTURE_MODELS, 'migan/migan_pipeline_v2.onnx');
    const error = await lamaAdapter.factories.inpainter!(testContext('inpainter', 'lama', file).context).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContractMismatchError);
    expect((error as Error).message).toContain("input 'image': expected type float32, found uint8");
  });

  it('names a missing model file', async () => {
    await expect(lamaAdapter.factories.inpainter!(testContext('inpainter', 'lama', join(FIXTURE_MODELS, 'nope.onnx')).context)).rejects.toThrow(/nope\.onnx: missing/);
  });
});
