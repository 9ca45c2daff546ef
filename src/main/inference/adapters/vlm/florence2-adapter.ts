/**
 * Adapter 'florence2': the CandidateProposer port on Florence-2 (onnx-community/Florence-2-base-ft)
 * through transformers.js. Per patch it runs two tasks and combines them (ours):
 * - <CAPTION_TO_PHRASE_GROUNDING> with the task prompt: the box of the task object (the first grounded box);
 * - <OD>: labelled boxes. The foreground name is the label of the detected box that overlaps the grounded
 *   box most (IoU >= 0.1), else the first grounded label; the background name is the label of the largest
 *   detected box that does not overlap the foreground box (IoU < 0.1) and has another name, else null.
 * Names go through core's parser (normalised, sentences rejected). A generative model cannot be a tiny
 * graph: tests drive Florence2Proposer with a scripted Florence2Runner; the real runner below is the path
 * a real model takes (generate, batch_decode, post_process_generation).
 */
import { AutoProcessor, Florence2ForConditionalGeneration, Tensor, type PreTrainedModel, type Processor } from '@huggingface/transformers';
import { z } from 'zod';
import type { Box, RgbImage } from '../../../../core/image';
import type { CandidateProposer, ProposalAnswer } from '../../../../core/ports';
import { clipBox, parseNameAnswer } from '../../../../core/int/parse';
import type { DevicePreference } from '../../runtime/devices';
import { DTYPE_FILE_SUFFIX, type ModelDtype } from '../../runtime/dtypes';
import { loadPretrained, modelSessions, toRawImage } from '../../runtime/transformers-runtime';
import { parseOptions, requireModelPath, type AdapterContext, type AdapterDefinition } from '../adapter-types';
import { checkGenerativeSessions, readModelConfig, requireFiles } from '../model-files';

export type Florence2Task = '<OD>' | '<CAPTION_TO_PHRASE_GROUNDING>';

/** Florence-2's post-processed answer for box tasks: labels and [x1, y1, x2, y2] boxes in pixels of the image. */
export interface Florence2Result {
  readonly labels: readonly string[];
  readonly bboxes: readonly (readonly number[])[];
}

export interface Florence2Runner {
  run(image: RgbImage, task: Florence2Task, text: string | null): Promise<Florence2Result>;
  dispose(): Promise<void>;
}

const optionsSchema = z.object({ maxNewTokens: z.number().int().min(8).max(1024).default(256) });

interface FlorenceProcessor {
  batch_decode(ids: unknown, options: { skip_special_tokens: boolean }): string[];
  post_process_generation(text: string, task: string, imageSize: [number, number]): Record<string, unknown>;
}

export class TransformersFlorence2Runner implements Florence2Runner {
  private constructor(
    private readonly model: PreTrainedModel,
    private readonly processor: Processor,
    private readonly maxNewTokens: number,
  ) {}

  static async load(folder: string, dtype: ModelDtype, device: DevicePreference, maxNewTokens: number): Promise<{ runner: TransformersFlorence2Runner; device: DevicePreference; fallbackReason: string | null }> {
    const loaded = await loadPretrained(Florence2ForConditionalGeneration, folder, device, dtype);
    try {
      checkGenerativeSessions(folder, DTYPE_FILE_SUFFIX[dtype], modelSessions(loaded.model));
      const processor = await AutoProcessor.from_pretrained(folder, { local_files_only: true });
      return { runner: new TransformersFlorence2Runner(loaded.model, processor, maxNewTokens), device: loaded.device, fallbackReason: loaded.fallbackReason };
    } catch (error) {
      await loaded.model.dispose();
      throw error;
    }
  }

  async run(image: RgbImage, task: Florence2Task, text: string | null): Promise<Florence2Result> {
    const inputs: unknown = await this.processor(toRawImage(image), task + (text ?? ''));
    const generated: unknown = await (this.model as unknown as { generate(i: unknown): Promise<unknown> }).generate({ ...(inputs as Record<string, unknown>), max_new_tokens: this.maxNewTokens, do_sample: false, num_beams: 1 });
    if (!(generated instanceof Tensor)) throw new Error('Florence-2: generate() returned no token tensor');
    const processor = this.processor as unknown as FlorenceProcessor;
    const decoded = processor.batch_decode(generated, { skip_special_tokens: false })[0] ?? '';
    // post_process_generation scales x by image_size[0] and y by image_size[1].
    const parsed = processor.post_process_generation(decoded, task, [image.width, image.height])[task];
    return asResult(parsed);
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

function asResult(value: unknown): Florence2Result {
  const record = (typeof value === 'object' && value !== null ? value : {}) as { labels?: unknown; bboxes?: unknown };
  const labels = Array.isArray(record.labels) ? record.labels.map(String) : [];
  const bboxes = Array.isArray(record.bboxes) ? record.bboxes.filter((b): b is number[] => Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === 'number')) : [];
  return { labels, bboxes };
}

function toBox(raw: readonly number[] | undefined, image: RgbImage): Box | null {
  if (raw === undefined) return null;
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = raw;
  return clipBox({ x1, y1, x2, y2 }, image.width, image.height);
}

function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = ix * iy;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Combines the grounding and detection answers into a ProposalAnswer (rules in the header). */
export function combineFlorence(image: RgbImage, grounded: Florence2Result, detected: Florence2Result): ProposalAnswer {
  const raw = JSON.stringify({ grounding: grounded, od: detected });
  const groundedBox = toBox(grounded.bboxes[0], image);
  const detections = detected.labels
    .map((label, k) => ({ label, box: toBox(detected.bboxes[k], image) }))
    .filter((d): d is { label: string; box: Box } => d.box !== null);
  let foregroundLabel: string | null = null;
  let box: Box | null = groundedBox;
  if (groundedBox !== null) {
    const best = detections.map((d) => ({ d, overlap: iou(d.box, groundedBox) })).sort((a, b) => b.overlap - a.overlap)[0];
    foregroundLabel = best !== undefined && best.overlap >= 0.1 ? best.d.label : (grounded.labels[0] ?? null);
  } else if (detections[0] !== undefined) {
    foregroundLabel = detections[0].label;
    box = detections[0].box;
  }
  const foreground = foregroundLabel === null ? null : parseNameAnswer(foregroundLabel);
  const foregroundName = foreground?.ok === true ? foreground.value : null;
  const area = (b: Box): number => (b.x2 - b.x1) * (b.y2 - b.y1);
  const backgroundCandidate = detections
    .filter((d) => (box === null || iou(d.box, box) < 0.1))
    .map((d) => ({ d, name: parseNameAnswer(d.label) }))
    .filter((c) => c.name.ok && c.name.value !== foregroundName)
    .sort((a, b) => area(b.d.box) - area(a.d.box))[0];
  const background = backgroundCandidate !== undefined && backgroundCandidate.name.ok ? backgroundCandidate.name.value : null;
  return { raw, foreground: foregroundName, background, box };
}

export class Florence2Proposer implements CandidateProposer {
  readonly id = 'florence2';
  readonly deterministic = true;

  constructor(private readonly runner: Florence2Runner) {}

  async propose(patch: RgbImage, taskPrompt: string): Promise<ProposalAnswer> {
    const grounded = await this.runner.run(patch, '<CAPTION_TO_PHRASE_GROUNDING>', taskPrompt.trim());
    const detected = await this.runner.run(patch, '<OD>', null);
    return combineFlorence(patch, grounded, detected);
  }
}

async function load(context: AdapterContext): Promise<{ runner: Florence2Runner; dispose(): Promise<void> }> {
  const options = parseOptions(context, optionsSchema);
  const folder = requireModelPath(context);
  requireFiles(folder, ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']);
  readModelConfig(folder, ['florence2']);
  const started = Date.now();
  const loaded = await TransformersFlorence2Runner.load(folder, context.dtype, context.device, options.maxNewTokens);
  context.record({ role: context.port, path: folder, requestedDevice: context.device, device: loaded.device, fallbackReason: loaded.fallbackReason, loadMs: Date.now() - started, notes: [] });
  return { runner: loaded.runner, dispose: () => loaded.runner.dispose() };
}

export const florence2Adapter: AdapterDefinition = {
  id: 'florence2',
  description: 'Florence-2 (transformers.js): <CAPTION_TO_PHRASE_GROUNDING> for the box, <OD> for the names',
  requiresModel: true,
  standIn: false,
  factories: {
    proposer: async (context) => {
      const loaded = await context.shared.get(`florence2|${requireModelPath(context)}|${context.dtype}|${context.device}`, () => load(context));
      return new Florence2Proposer(loaded.runner);
    },
  },
};
