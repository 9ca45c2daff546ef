/**
 * Adapter 'lama': the Inpainter port on LaMa (Carve/LaMa-ONNX lama_fp32.onnx) through onnxruntime-node.
 * The image is resized to 512 x 512 (hole mask resized so no hole pixel is lost), filled, resized back,
 * and only the hole pixels are taken from the result: known pixels stay exactly as they were.
 *
 * Contract (checked at load):
 *   in:  image float32 [1, 3, 512, 512] in 0..1, mask float32 [1, 1, 512, 512] with 1 = hole
 *   out: output float32 [1, 3, 512, 512]: 0..1 in some exports, 0..255 in others
 * Guard: the output range is detected per call from the known pixels (outputRange 'auto'): the ratio of
 * the output's mean to the input's mean there is ~1 for 0..1 and ~255 for 0..255. 'unit' / 'byte' force it.
 */
import { z } from 'zod';
import type { BinaryMask, RgbImage } from '../../../../core/image';
import type { Inpainter } from '../../../../core/ports';
import type { ModelContract } from '../../runtime/contract';
import { float32Tensor, openOrtSession, type OrtSession } from '../../runtime/onnx-runtime';
import { parseOptions, requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { assertSameSize, compositeRegion, countOnes, planarToRgb, resizeMaskCovering, resizeRgb, rgbToPlanarFloat } from '../image-ops';
import { checkSession, requireFile } from '../model-files';

export const LAMA_SIZE = 512;

export const LAMA_CONTRACT: ModelContract = {
  inputs: [
    { name: 'image', rank: 4, types: ['float32'], fixedDims: { 1: 3, 2: LAMA_SIZE, 3: LAMA_SIZE } },
    { name: 'mask', rank: 4, types: ['float32'], fixedDims: { 1: 1, 2: LAMA_SIZE, 3: LAMA_SIZE } },
  ],
  outputs: [{ name: 'output', rank: 4, types: ['float32'], fixedDims: { 1: 3 } }],
};

const optionsSchema = z.object({ outputRange: z.enum(['auto', 'unit', 'byte']).default('auto') });
type Options = z.infer<typeof optionsSchema>;

export type OutputRange = 'unit' | 'byte';

/**
 * Which range an output is in, judged on the known pixels: the mean output / mean input (both over
 * pixels where mask = 0, input in 0..1). Falls back to the output's maximum when there is no known pixel.
 */
export function detectOutputRange(output: Float32Array, input: Float32Array, mask: Float32Array): OutputRange {
  const plane = mask.length;
  let outSum = 0;
  let inSum = 0;
  let max = 0;
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane; i++) {
      const o = output[c * plane + i] ?? 0;
      if (o > max) max = o;
      if ((mask[i] ?? 0) < 0.5) {
        outSum += o;
        inSum += input[c * plane + i] ?? 0;
      }
    }
  }
  if (inSum > 1e-3) return outSum / inSum > 16 ? 'byte' : 'unit';
  return max > 1.5 ? 'byte' : 'unit';
}

export class LamaInpainter implements Inpainter {
  readonly id = 'lama';
  /** The range detected (or forced) on the last call. */
  lastRange: OutputRange | null = null;

  constructor(
    private readonly session: OrtSession,
    private readonly options: Options,
  ) {}

  async inpaint(image: RgbImage, region: BinaryMask): Promise<RgbImage> {
    assertSameSize(image, region, 'LaMa');
    if (countOnes(region) === 0) return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
    const resized = await resizeRgb(image, LAMA_SIZE, LAMA_SIZE);
    const hole = await resizeMaskCovering(region, LAMA_SIZE, LAMA_SIZE);
    const input = rgbToPlanarFloat(resized, 1 / 255);
    const mask = Float32Array.from(hole.data);
    const outputs = await this.session.run({ image: float32Tensor(input, [1, 3, LAMA_SIZE, LAMA_SIZE]), mask: float32Tensor(mask, [1, 1, LAMA_SIZE, LAMA_SIZE]) });
    const output = outputs['output']?.data;
    if (!(output instanceof Float32Array)) throw new Error("LaMa: output 'output' is not float32");
    const range = this.options.outputRange === 'auto' ? detectOutputRange(output, input, mask) : this.options.outputRange;
    this.lastRange = range;
    const filled = planarToRgb(output, LAMA_SIZE, LAMA_SIZE, range === 'byte' ? 1 : 255);
    return compositeRegion(image, await resizeRgb(filled, image.width, image.height), region);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

async function load(context: AdapterContext): Promise<LamaInpainter> {
  const options = parseOptions(context, optionsSchema);
  const file = requireModelPath(context);
  requireFile(file, 'the LaMa .onnx file (e.g. lama_fp32.onnx)');
  const started = Date.now();
  const opened = await openOrtSession(file, context.device);
  try {
    checkSession(file, LAMA_CONTRACT, opened.session);
  } catch (error) {
    await opened.session.release();
    throw error;
  }
  context.record({ role: context.port, path: file, requestedDevice: context.device, device: opened.device, fallbackReason: opened.fallbackReason, loadMs: Date.now() - started, notes: [`output range: ${options.outputRange}`] });
  return new LamaInpainter(opened.session, options);
}

export const lamaAdapter: AdapterDefinition = {
  id: 'lama',
  description: 'LaMa inpainting (onnxruntime-node, 512 x 512), output range guarded',
  requiresModel: true,
  standIn: false,
  factories: {
    inpainter: (context) => context.shared.get(`lama|${requireModelPath(context)}|${context.device}`, () => load(context)),
  },
};
