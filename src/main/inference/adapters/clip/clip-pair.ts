/**
 * A CLIP vision + text encoder pair loaded through transformers.js (CLIPVisionModelWithProjection /
 * CLIPTextModelWithProjection, as Xenova/clip-vit-base-patch16 ships them). Both return UNNORMALISED
 * embeddings; this class normalises them. Text embeddings are cached per prompt.
 *
 * Contracts (checked at load):
 *   onnx/vision_model<suffix>.onnx  in:  pixel_values float32 [batch, 3, H, W] (CLIP-normalised)
 *                                   out: image_embeds float32 [batch, D] (unnormalised),
 *                                        last_hidden_state float32 [batch, 1 + P, Hd] (optional; patch tokens)
 *   onnx/text_model<suffix>.onnx    in:  input_ids int64 [batch, seq] (attention_mask optional)
 *                                   out: text_embeds float32 [batch, D] (unnormalised)
 */
import { AutoImageProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, type ImageProcessor, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { RgbImage } from '../../../../core/image';
import type { ModelContract } from '../../runtime/contract';
import type { DevicePreference, ModelLoadRecord } from '../../runtime/devices';
import { DTYPE_FILE_SUFFIX, type ModelDtype } from '../../runtime/dtypes';
import { loadPretrained, modelSessions, toRawImage } from '../../runtime/transformers-runtime';
import { imageContentKey, resizeRgb } from '../image-ops';
import { checkSession, float32Data, onnxFileFor, outputTensor, readModelConfig, requireFiles } from '../model-files';

export const CLIP_VISION_CONTRACT: ModelContract = {
  inputs: [{ name: 'pixel_values', rank: 4, types: ['float32'], fixedDims: { 1: 3 } }],
  outputs: [
    { name: 'image_embeds', rank: 2, types: ['float32'] },
    { name: 'last_hidden_state', rank: 3, types: ['float32'], optional: true },
  ],
};

export const CLIP_TEXT_CONTRACT: ModelContract = {
  inputs: [
    { name: 'input_ids', rank: 2, types: ['int64'] },
    { name: 'attention_mask', rank: 2, types: ['int64'], optional: true },
  ],
  outputs: [{ name: 'text_embeds', rank: 2, types: ['float32'] }],
};

/** Patch tokens laid out on a square grid, in the same space as text embeddings. */
export interface PatchGrid {
  readonly side: number;
  readonly dim: number;
  /** side * side * dim values, row-major cells. */
  readonly data: Float32Array;
}

export function l2Normalise(values: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] ?? 0) ** 2;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(values.length);
  if (norm === 0) return out;
  for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) / norm;
  return out;
}

export function dot(a: Float32Array, b: Float32Array, offsetA = 0): number {
  let s = 0;
  for (let i = 0; i < b.length; i++) s += (a[offsetA + i] ?? 0) * (b[i] ?? 0);
  return s;
}

export class ClipPair {
  private readonly textCache = new Map<string, Float32Array>();

  private constructor(
    private readonly vision: PreTrainedModel,
    private readonly text: PreTrainedModel,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly processor: ImageProcessor,
    private readonly inputSize: { width: number; height: number } | null,
    private readonly textInputNames: readonly string[],
    readonly hasPatchTokens: boolean,
  ) {}

  /** Loads and checks the pair from a model folder; records one load entry per encoder. */
  static async load(folder: string, dtype: ModelDtype, device: DevicePreference, role: string, record: (r: Omit<ModelLoadRecord, 'adapterId'>) => void): Promise<ClipPair> {
    const suffix = DTYPE_FILE_SUFFIX[dtype];
    const visionFile = onnxFileFor(folder, 'vision_model', suffix);
    const textFile = onnxFileFor(folder, 'text_model', suffix);
    requireFiles(folder, ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/vision_model${suffix}.onnx`, `onnx/text_model${suffix}.onnx`]);
    readModelConfig(folder, ['clip']);

    const started = Date.now();
    const vision = await loadPretrained(CLIPVisionModelWithProjection, folder, device, dtype);
    const visionMs = Date.now() - started;
    const textStarted = Date.now();
    const text = await loadPretrained(CLIPTextModelWithProjection, folder, device, dtype).catch(async (error: unknown) => {
      await vision.model.dispose();
      throw error;
    });
    const textMs = Date.now() - textStarted;
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(folder, { local_files_only: true });
      const processor = await AutoImageProcessor.from_pretrained(folder, { local_files_only: true });
      const visionSession = modelSessions(vision.model)['model'];
      const textSession = modelSessions(text.model)['model'];
      if (visionSession === undefined || textSession === undefined) throw new Error(`CLIP folder ${folder}: transformers.js opened no 'model' session`);
      checkSession(visionFile, CLIP_VISION_CONTRACT, visionSession);
      checkSession(textFile, CLIP_TEXT_CONTRACT, textSession);
      const embedDim = dimOf(visionSession, 'image_embeds', 1);
      const hiddenDim = dimOf(visionSession, 'last_hidden_state', 2);
      const hasPatchTokens = visionSession.outputNames.includes('last_hidden_state') && hiddenDim !== null && embedDim !== null && hiddenDim === embedDim;
      const notes = [hasPatchTokens ? 'point prompter: patch tokens (last_hidden_state) are in the embedding space' : 'point prompter: no patch tokens in the embedding space; uses a grid of crops'];
      record({ role, path: visionFile, requestedDevice: device, device: vision.device, fallbackReason: vision.fallbackReason, loadMs: visionMs, notes });
      record({ role, path: textFile, requestedDevice: device, device: text.device, fallbackReason: text.fallbackReason, loadMs: textMs, notes: [] });
      return new ClipPair(vision.model, text.model, tokenizer, processor, squashSize(processor), textSession.inputNames, hasPatchTokens);
    } catch (error) {
      await Promise.all([vision.model.dispose(), text.model.dispose()]);
      throw error;
    }
  }

  /**
   * Normalised image embedding. When the processor resizes and centre-crops (real CLIP: 224), the image is
   * first squashed to the crop size so nothing is cut off (a half-image patch would otherwise lose a third).
   */
  async imageEmbedding(image: RgbImage): Promise<Float32Array> {
    const outputs = await this.runVision(image);
    return l2Normalise(float32Data(outputTensor(outputs, 'image_embeds', 'CLIP vision'), 'CLIP vision image_embeds'));
  }

  /**
   * Patch tokens on their grid (L2-normalised per cell when `normalise`), or null when the export has none
   * in the embedding space.
   */
  async patchGrid(image: RgbImage, normalise = true): Promise<PatchGrid | null> {
    if (!this.hasPatchTokens) return null;
    const outputs = await this.runVision(image);
    const hidden = outputTensor(outputs, 'last_hidden_state', 'CLIP vision');
    const [, tokens, dim] = hidden.dims;
    if (tokens === undefined || dim === undefined) return null;
    const side = Math.round(Math.sqrt(tokens - 1));
    if (side * side !== tokens - 1) return null;
    const raw = float32Data(hidden, 'CLIP vision last_hidden_state');
    const data = new Float32Array(side * side * dim);
    for (let cell = 0; cell < side * side; cell++) {
      const token = raw.subarray((cell + 1) * dim, (cell + 2) * dim);
      data.set(normalise ? l2Normalise(token) : token, cell * dim);
    }
    return { side, dim, data };
  }

  /** Normalised text embedding of one prompt, cached. */
  async textEmbedding(prompt: string): Promise<Float32Array> {
    const cached = this.textCache.get(prompt);
    if (cached !== undefined) return cached;
    const encoded = this.tokenizer(prompt, { padding: true, truncation: true });
    const feeds: Record<string, unknown> = {};
    for (const name of this.textInputNames) feeds[name] = (encoded as Record<string, unknown>)[name];
    const outputs: unknown = await this.text(feeds);
    const embedding = l2Normalise(float32Data(outputTensor(outputs, 'text_embeds', 'CLIP text'), 'CLIP text text_embeds'));
    this.textCache.set(prompt, embedding);
    return embedding;
  }

  async dispose(): Promise<void> {
    await Promise.all([this.vision.dispose(), this.text.dispose()]);
  }

  private lastVision: { key: string; outputs: unknown } | null = null;

  /** Runs the vision encoder; the last result is reused when the same pixels come again (e.g. scorer then point prompter). */
  private async runVision(image: RgbImage): Promise<unknown> {
    const key = imageContentKey(image);
    if (this.lastVision !== null && this.lastVision.key === key) return this.lastVision.outputs;
    const squashed = this.inputSize === null ? image : await resizeRgb(image, this.inputSize.width, this.inputSize.height);
    const inputs: unknown = await this.processor(toRawImage(squashed));
    const outputs: unknown = await this.vision(inputs);
    this.lastVision = { key, outputs };
    return outputs;
  }
}

function dimOf(session: { outputMetadata: readonly { name: string; isTensor: boolean }[] }, name: string, axis: number): number | null {
  const meta = session.outputMetadata.find((m) => m.name === name);
  if (meta === undefined || !meta.isTensor || !('shape' in meta)) return null;
  const dim = (meta as { shape: readonly (number | string)[] }).shape[axis];
  return typeof dim === 'number' ? dim : null;
}

/**
 * The square the processor ends with (crop_size) when it resizes or crops, so the image can be squashed
 * to it first and nothing is cut off; null when the processor keeps the image's own size.
 */
function squashSize(processor: ImageProcessor): { width: number; height: number } | null {
  const settings = processor as unknown as { do_resize?: boolean; do_center_crop?: boolean; crop_size?: { width?: number; height?: number } | number };
  if (settings.do_resize !== true && settings.do_center_crop !== true) return null;
  const crop = settings.crop_size;
  if (typeof crop === 'number') return { width: crop, height: crop };
  if (crop !== undefined && typeof crop.width === 'number' && typeof crop.height === 'number') return { width: crop.width, height: crop.height };
  return { width: 224, height: 224 };
}
