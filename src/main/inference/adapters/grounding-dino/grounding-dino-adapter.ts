/**
 * Adapter 'grounding-dino': the Detector port on GroundingDINO (onnx-community/grounding-dino-tiny-ONNX)
 * through transformers.js. One phrase per call, lower case, ending with '.'.
 *
 * Contract of onnx/model<suffix>.onnx (checked at load):
 *   in:  pixel_values float32 [batch, 3, H, W], input_ids int64 [batch, seq], attention_mask int64 [batch, seq],
 *        token_type_ids int64 [batch, seq] (optional), pixel_mask int64 [batch, H, W] (optional)
 *   out: logits float32 [batch, queries, 256], pred_boxes float32 [batch, queries, 4] (cx, cy, w, h in 0..1)
 *
 * Guard: transformers.js' post_process_grounded_object_detection throws ("token_ids must be a non-empty
 * array of integers") when a box passes the box threshold but no phrase token (positions 1 .. seq-1 below
 * 256) passes the text threshold, e.g. when the best token is [CLS]. Such a box is grounded in no word of
 * the phrase, so it is dropped before post-processing instead of failing the whole call.
 */
import { GroundingDinoForObjectDetection, GroundingDinoProcessor, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { z } from 'zod';
import type { Box, RgbImage } from '../../../../core/image';
import type { Detection, Detector } from '../../../../core/ports';
import type { ModelContract } from '../../runtime/contract';
import { DTYPE_FILE_SUFFIX } from '../../runtime/dtypes';
import { loadPretrained, modelSessions, toRawImage } from '../../runtime/transformers-runtime';
import { parseOptions, requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { checkSession, float32Data, onnxFileFor, outputTensor, readModelConfig, requireFiles } from '../model-files';

export const GROUNDING_DINO_CONTRACT: ModelContract = {
  inputs: [
    { name: 'pixel_values', rank: 4, types: ['float32'], fixedDims: { 1: 3 } },
    { name: 'input_ids', rank: 2, types: ['int64'] },
    { name: 'attention_mask', rank: 2, types: ['int64'] },
    { name: 'token_type_ids', rank: 2, types: ['int64'], optional: true },
    { name: 'pixel_mask', rank: 3, types: ['int64'], optional: true },
  ],
  outputs: [
    { name: 'logits', rank: 3, types: ['float32'] },
    { name: 'pred_boxes', rank: 3, types: ['float32'], fixedDims: { 2: 4 } },
  ],
};

const optionsSchema = z.object({
  boxThreshold: z.number().min(0).max(1).default(0.3),
  textThreshold: z.number().min(0).max(1).default(0.25),
  /** Keep at most this many boxes, best first; 0 = all above the thresholds. */
  maxBoxes: z.number().int().min(0).default(0),
});
type Options = z.infer<typeof optionsSchema>;

/** GroundingDINO's phrase form: lower case, single spaces, ending with ' .' exactly once. */
export function groundingPhrase(phrase: string): string {
  const words = phrase.toLowerCase().replace(/[.\s]+$/u, '').trim().replace(/\s+/gu, ' ');
  if (words.length === 0) throw new Error('detector phrase is empty');
  return `${words}.`;
}

/** Keeps only the queries post-processing can label (see the guard above); returns null when none is left. */
export function labellableQueries(
  logits: Tensor,
  boxes: Tensor,
  sequenceLength: number,
  boxThreshold: number,
  textThreshold: number,
): { logits: Tensor; pred_boxes: Tensor; dropped: number } | null {
  const [batch, queries, positions] = logits.dims;
  if (batch !== 1 || queries === undefined || positions === undefined) throw new Error(`GroundingDINO: expected logits [1, queries, positions], found [${logits.dims.join(', ')}]`);
  const logitData = float32Data(logits, 'GroundingDINO logits');
  const boxData = float32Data(boxes, 'GroundingDINO pred_boxes');
  const logitOf = (p: number): number => Math.log(p / (1 - p));
  const boxLogit = logitOf(boxThreshold);
  const textLogit = logitOf(textThreshold);
  const lastLabelled = Math.min(sequenceLength, positions - 1);
  const masked = new Float32Array(logitData.length);
  const kept: number[] = [];
  let dropped = 0;
  for (let q = 0; q < queries; q++) {
    // Positions past the phrase are padding (the real model gives them -inf); post-processing would look up
    // a token id that does not exist there, so they are masked.
    const row = masked.subarray(q * positions, (q + 1) * positions);
    row.set(logitData.subarray(q * positions, (q + 1) * positions));
    row.fill(-1e4, Math.min(sequenceLength, positions));
    let best = -Infinity;
    for (const v of row) best = Math.max(best, v);
    if (!(best > boxLogit)) continue;
    let labelled = false;
    for (let p = 1; p < lastLabelled && !labelled; p++) labelled = (row[p] ?? -Infinity) > textLogit;
    if (labelled) kept.push(q);
    else dropped++;
  }
  if (kept.length === 0) return null;
  const keptLogits = new Float32Array(kept.length * positions);
  const keptBoxes = new Float32Array(kept.length * 4);
  kept.forEach((q, k) => {
    keptLogits.set(masked.subarray(q * positions, (q + 1) * positions), k * positions);
    keptBoxes.set(boxData.subarray(q * 4, q * 4 + 4), k * 4);
  });
  return { logits: new Tensor('float32', keptLogits, [1, kept.length, positions]), pred_boxes: new Tensor('float32', keptBoxes, [1, kept.length, 4]), dropped };
}

export class GroundingDinoDetector implements Detector {
  readonly id = 'grounding-dino';
  /** Boxes dropped by the guard in the last call (for tests and traces). */
  lastDropped = 0;

  constructor(
    private readonly model: PreTrainedModel,
    private readonly processor: GroundingDinoProcessor,
    private readonly options: Options,
  ) {}

  async detect(image: RgbImage, phrase: string): Promise<readonly Detection[]> {
    const text = groundingPhrase(phrase);
    const inputs: unknown = await this.processor(toRawImage(image), text);
    const outputs: unknown = await this.model(inputs);
    const inputIds = outputTensor(inputs, 'input_ids', 'GroundingDINO processor');
    const sequenceLength = inputIds.dims[1] ?? 0;
    const filtered = labellableQueries(
      outputTensor(outputs, 'logits', 'GroundingDINO'),
      outputTensor(outputs, 'pred_boxes', 'GroundingDINO'),
      sequenceLength,
      this.options.boxThreshold,
      this.options.textThreshold,
    );
    this.lastDropped = filtered?.dropped ?? 0;
    if (filtered === null) return [];
    const [result] = this.processor.post_process_grounded_object_detection({ logits: filtered.logits, pred_boxes: filtered.pred_boxes }, inputIds, {
      box_threshold: this.options.boxThreshold,
      text_threshold: this.options.textThreshold,
      target_sizes: [[image.height, image.width]],
    });
    const detections: Detection[] = [];
    (result?.scores ?? []).forEach((score: unknown, k: number) => {
      const box = clipBox(result?.boxes[k] as unknown, image);
      if (box !== null && typeof score === 'number') detections.push({ box, score, phrase: text });
    });
    detections.sort((a, b) => b.score - a.score);
    return this.options.maxBoxes > 0 ? detections.slice(0, this.options.maxBoxes) : detections;
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

function clipBox(raw: unknown, image: RgbImage): Box | null {
  if (!Array.isArray(raw) || raw.length !== 4 || !raw.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
  const [x1, y1, x2, y2] = raw as number[];
  const box = {
    x1: Math.max(0, Math.min(image.width, x1 ?? 0)),
    y1: Math.max(0, Math.min(image.height, y1 ?? 0)),
    x2: Math.max(0, Math.min(image.width, x2 ?? 0)),
    y2: Math.max(0, Math.min(image.height, y2 ?? 0)),
  };
  return box.x2 > box.x1 && box.y2 > box.y1 ? box : null;
}

async function load(context: AdapterContext): Promise<GroundingDinoDetector> {
  const options = parseOptions(context, optionsSchema);
  const folder = requireModelPath(context);
  const suffix = DTYPE_FILE_SUFFIX[context.dtype];
  const file = onnxFileFor(folder, 'model', suffix);
  requireFiles(folder, ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${suffix}.onnx`]);
  readModelConfig(folder, ['grounding-dino']);
  const started = Date.now();
  const loaded = await loadPretrained(GroundingDinoForObjectDetection, folder, context.device, context.dtype);
  const loadMs = Date.now() - started;
  try {
    const session = modelSessions(loaded.model)['model'];
    if (session === undefined) throw new Error(`${file}: transformers.js opened no 'model' session`);
    checkSession(file, GROUNDING_DINO_CONTRACT, session);
    const processor = await GroundingDinoProcessor.from_pretrained(folder, { local_files_only: true });
    if (!(processor instanceof GroundingDinoProcessor)) throw new Error(`${folder}: expected a GroundingDinoProcessor (processor_class in preprocessor_config.json)`);
    context.record({ role: context.port, path: file, requestedDevice: context.device, device: loaded.device, fallbackReason: loaded.fallbackReason, loadMs, notes: [] });
    return new GroundingDinoDetector(loaded.model, processor, options);
  } catch (error) {
    await loaded.model.dispose();
    throw error;
  }
}

export const groundingDinoAdapter: AdapterDefinition = {
  id: 'grounding-dino',
  description: 'GroundingDINO open-vocabulary detector (transformers.js), one phrase per call',
  requiresModel: true,
  standIn: false,
  factories: {
    detector: (context) => {
      const folder = requireModelPath(context);
      return context.shared.get(`grounding-dino|${folder}|${context.dtype}|${context.device}`, () => load(context));
    },
  },
};
