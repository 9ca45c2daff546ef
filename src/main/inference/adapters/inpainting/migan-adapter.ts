/**
 * Adapter 'migan': the Inpainter port on MI-GAN's pipeline export (migan_pipeline_v2.onnx) through
 * onnxruntime-node, at the image's own size. Only the hole pixels are taken from the result.
 *
 * Contract (checked at load):
 *   in:  image uint8 [batch, 3, height, width], mask uint8 [batch, 1, height, width] with 255 = keep, 0 = hole
 *   out: result uint8 [batch, 3, height, width]
 */
import type { BinaryMask, RgbImage } from '../../../../core/image';
import type { Inpainter } from '../../../../core/ports';
import type { ModelContract } from '../../runtime/contract';
import { openOrtSession, uint8Tensor, type OrtSession } from '../../runtime/onnx-runtime';
import { requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { assertSameSize, compositeRegion, countOnes, planarToRgb, rgbToPlanarBytes } from '../image-ops';
import { checkSession, requireFile } from '../model-files';

export const MIGAN_CONTRACT: ModelContract = {
  inputs: [
    { name: 'image', rank: 4, types: ['uint8'], fixedDims: { 1: 3 } },
    { name: 'mask', rank: 4, types: ['uint8'], fixedDims: { 1: 1 } },
  ],
  outputs: [{ name: 'result', rank: 4, types: ['uint8'], fixedDims: { 1: 3 } }],
};

export class MiganInpainter implements Inpainter {
  readonly id = 'migan';

  constructor(private readonly session: OrtSession) {}

  async inpaint(image: RgbImage, region: BinaryMask): Promise<RgbImage> {
    assertSameSize(image, region, 'MI-GAN');
    if (countOnes(region) === 0) return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
    const { width, height } = image;
    const keep = new Uint8Array(width * height);
    for (let i = 0; i < keep.length; i++) keep[i] = region.data[i] === 1 ? 0 : 255;
    const outputs = await this.session.run({
      image: uint8Tensor(rgbToPlanarBytes(image), [1, 3, height, width]),
      mask: uint8Tensor(keep, [1, 1, height, width]),
    });
    const result = outputs['result']?.data;
    if (!(result instanceof Uint8Array)) throw new Error("MI-GAN: output 'result' is not uint8");
    return compositeRegion(image, planarToRgb(result, width, height, 1), region);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

async function load(context: AdapterContext): Promise<MiganInpainter> {
  const file = requireModelPath(context);
  requireFile(file, 'the MI-GAN pipeline .onnx file (migan_pipeline_v2.onnx)');
  const started = Date.now();
  const opened = await openOrtSession(file, context.device);
  try {
    checkSession(file, MIGAN_CONTRACT, opened.session);
  } catch (error) {
    await opened.session.release();
    throw error;
  }
  context.record({ role: context.port, path: file, requestedDevice: context.device, device: opened.device, fallbackReason: opened.fallbackReason, loadMs: Date.now() - started, notes: [] });
  return new MiganInpainter(opened.session);
}

export const miganAdapter: AdapterDefinition = {
  id: 'migan',
  description: 'MI-GAN inpainting pipeline (onnxruntime-node, any size, uint8)',
  requiresModel: true,
  standIn: false,
  factories: {
    inpainter: (context) => context.shared.get(`migan|${requireModelPath(context)}|${context.device}`, () => load(context)),
  },
};
