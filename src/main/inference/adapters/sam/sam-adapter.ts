/**
 * Adapters 'sam' (SAM ViT-B / SlimSAM, Xenova exports) and 'sam2' (SAM 2.1, onnx-community export): the
 * Segmenter port through transformers.js' SamModel / Sam2Model. The image embedding is computed once per
 * distinct image content (keyed by a hash of the pixels; the last `cacheSize` images are kept) and every
 * prompt reuses it. Points and boxes are given in image pixels; the processor rescales them to the 1024 frame.
 *
 * Contracts (checked at load):
 *   sam   onnx/vision_encoder<suffix>.onnx   pixel_values [B, 3, 1024, 1024] -> image_embeddings [B, 256, 64, 64],
 *                                            image_positional_embeddings [B, 256, 64, 64]
 *         onnx/prompt_encoder_mask_decoder   image_embeddings, image_positional_embeddings, input_points float32
 *                                            [B, point_batch, N, 2], input_labels int64 [B, point_batch, N],
 *                                            input_boxes [B, boxes, 4] (optional: the Xenova exports have none)
 *                                            -> pred_masks float32 [B, point_batch, 3, 256, 256] (logits), iou_scores [B, point_batch, 3]
 *   sam2  onnx/vision_encoder                pixel_values -> image_embeddings.0 / .1 / .2 (three levels, rank 4)
 *         onnx/prompt_encoder_mask_decoder   image_embeddings.0..2, input_points, input_labels, input_boxes
 *                                            -> pred_masks, iou_scores, object_score_logits (optional)
 *
 * Guard: transformers.js 4.3.1's SamModel throws on a box-only prompt (it reads input_points.dims), and the
 * Xenova decoders take no box at all. When the decoder has no `input_boxes`, a box is turned into points:
 * its centre as a positive point and its four corners as negative points (appended to the given points),
 * and, with `clipMasksToBox` (default on), the masks are zeroed outside the box. SAM 2.1 takes boxes
 * natively, alone or with points.
 */
import { SamModel, Sam2Model, SamProcessor, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { z } from 'zod';
import type { Box, PointPrompt, RgbImage } from '../../../../core/image';
import type { SegmentPrompt, SegmentResult, Segmenter } from '../../../../core/ports';
import type { ModelContract } from '../../runtime/contract';
import { DTYPE_FILE_SUFFIX } from '../../runtime/dtypes';
import { loadPretrained, modelSessions, toRawImage, type PretrainedLoader } from '../../runtime/transformers-runtime';
import { bilinearResize, imageContentKey } from '../image-ops';
import { parseOptions, requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { checkSession, float32Data, onnxFileFor, outputTensor, readModelConfig, requireFiles } from '../model-files';

export type SamVersion = 'sam' | 'sam2';

const SAM2_LEVELS = ['image_embeddings.0', 'image_embeddings.1', 'image_embeddings.2'];

export const SAM_ENCODER_CONTRACTS: Record<SamVersion, ModelContract> = {
  sam: {
    inputs: [{ name: 'pixel_values', rank: 4, types: ['float32'], fixedDims: { 1: 3 } }],
    outputs: [
      { name: 'image_embeddings', rank: 4, types: ['float32'] },
      { name: 'image_positional_embeddings', rank: 4, types: ['float32'] },
    ],
  },
  sam2: {
    inputs: [{ name: 'pixel_values', rank: 4, types: ['float32'], fixedDims: { 1: 3 } }],
    outputs: SAM2_LEVELS.map((name) => ({ name, rank: 4, types: ['float32'] as const })),
  },
};

export const SAM_DECODER_CONTRACTS: Record<SamVersion, ModelContract> = {
  sam: {
    inputs: [
      { name: 'image_embeddings', rank: 4, types: ['float32'] },
      { name: 'image_positional_embeddings', rank: 4, types: ['float32'] },
      { name: 'input_points', rank: 4, types: ['float32'], fixedDims: { 3: 2 } },
      { name: 'input_labels', rank: 3, types: ['int64'] },
      { name: 'input_boxes', rank: 3, types: ['float32'], optional: true },
    ],
    outputs: [
      { name: 'pred_masks', rank: 5, types: ['float32'] },
      { name: 'iou_scores', rank: 3, types: ['float32'] },
    ],
  },
  sam2: {
    inputs: [
      ...SAM2_LEVELS.map((name) => ({ name, rank: 4, types: ['float32'] as const })),
      { name: 'input_points', rank: 4, types: ['float32'], fixedDims: { 3: 2 } },
      { name: 'input_labels', rank: 3, types: ['int64'] },
      { name: 'input_boxes', rank: 3, types: ['float32'], fixedDims: { 2: 4 } },
    ],
    outputs: [
      { name: 'pred_masks', rank: 5, types: ['float32'] },
      { name: 'iou_scores', rank: 3, types: ['float32'] },
      { name: 'object_score_logits', rank: 3, types: ['float32'], optional: true },
    ],
  },
};

const optionsSchema = z.object({
  /** Image embeddings kept (distinct image contents). INT sees the original and the reweighted image. */
  cacheSize: z.number().int().min(1).max(64).default(4),
  /** For decoders without a box input: zero the masks outside the box. */
  clipMasksToBox: z.boolean().default(true),
});
type Options = z.infer<typeof optionsSchema>;

interface Embedded {
  readonly embeddings: Record<string, Tensor>;
  readonly originalSizes: unknown;
  readonly reshapedSizes: unknown;
}

/** The points a decoder without box input gets for a box: centre positive, four corners negative. */
export function boxAsPoints(box: Box): PointPrompt[] {
  return [
    { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2, label: 1 },
    { x: box.x1, y: box.y1, label: 0 },
    { x: box.x2, y: box.y1, label: 0 },
    { x: box.x1, y: box.y2, label: 0 },
    { x: box.x2, y: box.y2, label: 0 },
  ];
}

/**
 * Upscales one low-resolution logit grid (row stride `stride`) whose top-left validWidth x validHeight cells
 * hold the image, to width x height probabilities: bilinear with half-pixel centres, then sigmoid. Same
 * result as transformers.js' post_process_masks (upscale to the frame, crop, downscale) up to interpolation
 * order, without building the full-frame masks (MODELS.md: fetch the low-res mask and upscale it).
 */
export function resizeLogitsToProbabilities(grid: Float32Array, stride: number, validWidth: number, validHeight: number, width: number, height: number): Float32Array {
  const out = bilinearResize(grid, stride, validWidth, validHeight, width, height);
  for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-(out[i] ?? 0)));
  return out;
}

/** [height, width] of the first image in a processor's size list. */
function sizeAt(sizes: unknown, what: string): [number, number] {
  const first: unknown = Array.isArray(sizes) ? sizes[0] : undefined;
  if (!Array.isArray(first) || typeof first[0] !== 'number' || typeof first[1] !== 'number') throw new Error(`SAM processor: expected ${what} [[height, width]], found ${JSON.stringify(sizes)}`);
  return [first[0], first[1]];
}

/**
 * The padded frame the low-resolution masks cover: the processor's pad_size when it pads (SAM: 1024 x 1024),
 * else null: the masks cover the resized image itself (SAM 2.1 resizes to 1024 x 1024 without padding).
 */
function paddedFrame(processor: SamProcessor): { width: number; height: number } | null {
  const settings = processor.image_processor as unknown as { do_pad?: boolean; pad_size?: { width?: number; height?: number } };
  const pad = settings.pad_size;
  if (settings.do_pad === true && pad !== undefined && typeof pad.width === 'number' && typeof pad.height === 'number') return { width: pad.width, height: pad.height };
  return null;
}

export class SamSegmenter implements Segmenter {
  private readonly cache = new Map<string, Promise<Embedded>>();
  private readonly frame: { width: number; height: number } | null;
  /** Embedding computations so far (tests check reuse). */
  encoderRuns = 0;

  constructor(
    readonly id: SamVersion,
    private readonly model: PreTrainedModel & { get_image_embeddings(inputs: { pixel_values: Tensor }): Promise<Record<string, Tensor>> },
    private readonly processor: SamProcessor,
    private readonly decoderTakesBoxes: boolean,
    private readonly options: Options,
  ) {
    this.frame = paddedFrame(processor);
  }

  async segment(image: RgbImage, prompt: SegmentPrompt): Promise<readonly SegmentResult[]> {
    if (prompt.box === null && prompt.points.length === 0) throw new Error('segment() needs a box or at least one point');
    const embedded = await this.embed(image);
    const boxNative = prompt.box !== null && this.decoderTakesBoxes;
    const points = prompt.box !== null && !boxNative ? [...prompt.points, ...boxAsPoints(prompt.box)] : [...prompt.points];

    const inputs: Record<string, Tensor> = { ...embedded.embeddings };
    if (points.length > 0) {
      const reshaped: unknown = this.processor.reshape_input_points([points.map((p) => [p.x, p.y])], embedded.originalSizes, embedded.reshapedSizes);
      if (!(reshaped instanceof Tensor)) throw new Error('SAM processor: reshape_input_points gave no tensor');
      inputs['input_points'] = reshaped;
      inputs['input_labels'] = new Tensor('int64', BigInt64Array.from(points.map((p) => BigInt(p.label))), [1, 1, points.length]);
    }
    if (boxNative && prompt.box !== null) {
      const { x1, y1, x2, y2 } = prompt.box;
      const reshaped: unknown = this.processor.reshape_input_points([[[x1, y1, x2, y2]]], embedded.originalSizes, embedded.reshapedSizes, true);
      if (!(reshaped instanceof Tensor)) throw new Error('SAM processor: reshape_input_points gave no box tensor');
      inputs['input_boxes'] = reshaped;
    }
    const outputs: unknown = await this.model(inputs);
    const predMasks = outputTensor(outputs, 'pred_masks', this.id);
    const scores = float32Data(outputTensor(outputs, 'iou_scores', this.id), `${this.id} iou_scores`);
    const [, , count = 0, maskHeight = 0, maskWidth = 0] = predMasks.dims;
    const lowRes = float32Data(predMasks, `${this.id} pred_masks`);
    // The low-resolution grid covers the padded frame; only the part holding the resized image is kept.
    const [reshapedHeight, reshapedWidth] = sizeAt(embedded.reshapedSizes, 'reshaped_input_sizes');
    const frame = this.frame ?? { width: reshapedWidth, height: reshapedHeight };
    const validHeight = (maskHeight * reshapedHeight) / frame.height;
    const validWidth = (maskWidth * reshapedWidth) / frame.width;
    const clipBox = prompt.box !== null && !boxNative && this.options.clipMasksToBox ? prompt.box : null;
    const results: SegmentResult[] = [];
    for (let k = 0; k < count; k++) {
      const data = resizeLogitsToProbabilities(lowRes.subarray(k * maskHeight * maskWidth, (k + 1) * maskHeight * maskWidth), maskWidth, validWidth, validHeight, image.width, image.height);
      if (clipBox !== null) zeroOutside(data, image.width, image.height, clipBox);
      results.push({ mask: { width: image.width, height: image.height, data }, predictedIoU: scores[k] ?? 0 });
    }
    return results.sort((a, b) => b.predictedIoU - a.predictedIoU);
  }

  async dispose(): Promise<void> {
    this.cache.clear();
    await this.model.dispose();
  }

  private embed(image: RgbImage): Promise<Embedded> {
    const key = imageContentKey(image);
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const computed = this.computeEmbedding(image);
    this.cache.set(key, computed);
    computed.catch(() => this.cache.delete(key));
    while (this.cache.size > this.options.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return computed;
  }

  private async computeEmbedding(image: RgbImage): Promise<Embedded> {
    this.encoderRuns++;
    const processed: unknown = await this.processor(toRawImage(image));
    const pixelValues = outputTensor(processed, 'pixel_values', `${this.id} processor`);
    const record = processed as { original_sizes?: unknown; reshaped_input_sizes?: unknown };
    const embeddings = await this.model.get_image_embeddings({ pixel_values: pixelValues });
    return { embeddings, originalSizes: record.original_sizes, reshapedSizes: record.reshaped_input_sizes };
  }
}

function zeroOutside(data: Float32Array, width: number, height: number, box: Box): void {
  for (let y = 0; y < height; y++) {
    const inside = y + 0.5 >= box.y1 && y + 0.5 < box.y2;
    for (let x = 0; x < width; x++) {
      if (!inside || x + 0.5 < box.x1 || x + 0.5 >= box.x2) data[y * width + x] = 0;
    }
  }
}

type SamClass = PretrainedLoader<PreTrainedModel> & { name: string };

async function load(context: AdapterContext, version: SamVersion): Promise<SamSegmenter> {
  const options = parseOptions(context, optionsSchema);
  const folder = requireModelPath(context);
  const suffix = DTYPE_FILE_SUFFIX[context.dtype];
  const encoderFile = onnxFileFor(folder, 'vision_encoder', suffix);
  const decoderFile = onnxFileFor(folder, 'prompt_encoder_mask_decoder', suffix);
  requireFiles(folder, ['config.json', 'preprocessor_config.json', `onnx/vision_encoder${suffix}.onnx`, `onnx/prompt_encoder_mask_decoder${suffix}.onnx`]);
  readModelConfig(folder, version === 'sam' ? ['sam'] : ['sam2', 'sam3_tracker']);
  const modelClass: SamClass = version === 'sam' ? SamModel : Sam2Model;
  const started = Date.now();
  const loaded = await loadPretrained(modelClass, folder, context.device, context.dtype);
  const loadMs = Date.now() - started;
  try {
    const sessions = modelSessions(loaded.model);
    const encoder = sessions['model'];
    const decoder = sessions['prompt_encoder_mask_decoder'];
    if (encoder === undefined || decoder === undefined) throw new Error(`${folder}: transformers.js did not open the encoder and decoder sessions`);
    checkSession(encoderFile, SAM_ENCODER_CONTRACTS[version], encoder);
    checkSession(decoderFile, SAM_DECODER_CONTRACTS[version], decoder);
    const processor = await SamProcessor.from_pretrained(folder, { local_files_only: true });
    if (!(processor instanceof SamProcessor)) throw new Error(`${folder}: expected a SAM processor (processor_class in preprocessor_config.json)`);
    const takesBoxes = decoder.inputNames.includes('input_boxes');
    const notes = [takesBoxes ? 'decoder takes boxes' : 'decoder takes no boxes: a box becomes its centre (positive) and corners (negative)'];
    context.record({ role: context.port, path: encoderFile, requestedDevice: context.device, device: loaded.device, fallbackReason: loaded.fallbackReason, loadMs, notes });
    context.record({ role: context.port, path: decoderFile, requestedDevice: context.device, device: loaded.device, fallbackReason: loaded.fallbackReason, loadMs: 0, notes: [] });
    const model = loaded.model as PreTrainedModel & { get_image_embeddings(inputs: { pixel_values: Tensor }): Promise<Record<string, Tensor>> };
    return new SamSegmenter(version, model, processor, takesBoxes, options);
  } catch (error) {
    await loaded.model.dispose();
    throw error;
  }
}

function definition(version: SamVersion, description: string): AdapterDefinition {
  return {
    id: version,
    description,
    requiresModel: true,
    standIn: false,
    factories: {
      segmenter: (context) => {
        const folder = requireModelPath(context);
        return context.shared.get(`${version}|${folder}|${context.dtype}|${context.device}`, () => load(context, version));
      },
    },
  };
}

export const samAdapter = definition('sam', 'SAM ViT-B / SlimSAM (Xenova exports, transformers.js SamModel): points; boxes become points');
export const sam2Adapter = definition('sam2', 'SAM 2.1 (onnx-community export, transformers.js Sam2Model): points and boxes');
