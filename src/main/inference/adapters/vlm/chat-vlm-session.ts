/**
 * The seam between the chat-VLM adapters and a generative model. The real session runs a chat VLM
 * (SmolVLM / Idefics3, Qwen2-VL, Qwen3-VL: anything transformers.js opens with
 * AutoModelForImageTextToText) with its processor's chat template; tests drive the adapters with a
 * scripted session, since a generative VLM cannot be a tiny graph.
 *
 * Model folder (transformers.js layout): config.json, preprocessor_config.json, tokenizer files, chat
 * template, onnx/vision_encoder*, onnx/embed_tokens*, onnx/decoder_model_merged* (dtype per pack entry).
 */
import { AutoModelForImageTextToText, AutoProcessor, Tensor, type PreTrainedModel, type Processor } from '@huggingface/transformers';
import type { RgbImage } from '../../../../core/image';
import type { DevicePreference } from '../../runtime/devices';
import { DTYPE_FILE_SUFFIX, type ModelDtype } from '../../runtime/dtypes';
import { loadPretrained, modelSessions, toRawImage } from '../../runtime/transformers-runtime';
import { checkGenerativeSessions } from '../model-files';
import type { TeacherForcedInput } from './teacher-forcing';

export interface ChatVlmSession {
  /** Greedy answer to one user turn holding the image and the question. */
  generate(image: RgbImage, question: string, maxNewTokens: number): Promise<string>;
  /** Logits and token ids of the chat prompt (image, question, generation prompt) followed by `answer`. */
  teacherForce(image: RgbImage, question: string, answer: string): Promise<TeacherForcedInput>;
  dispose(): Promise<void>;
}

interface ChatProcessor {
  apply_chat_template(messages: unknown[], options: { add_generation_prompt: boolean }): string;
  batch_decode(ids: unknown, options: { skip_special_tokens: boolean }): string[];
}

interface GeneratingModel {
  generate(inputs: Record<string, unknown>): Promise<unknown>;
}

function tensorIds(value: unknown, what: string): number[] {
  if (!(value instanceof Tensor)) throw new Error(`chat VLM: ${what} is not a tensor`);
  return Array.from(value.data as ArrayLike<number | bigint>, (v) => Number(v));
}

export class TransformersChatVlmSession implements ChatVlmSession {
  private constructor(
    private readonly model: PreTrainedModel,
    private readonly processor: Processor,
  ) {}

  static async load(folder: string, dtype: ModelDtype, device: DevicePreference): Promise<{ session: TransformersChatVlmSession; device: DevicePreference; fallbackReason: string | null }> {
    const loaded = await loadPretrained(AutoModelForImageTextToText, folder, device, dtype);
    try {
      checkGenerativeSessions(folder, DTYPE_FILE_SUFFIX[dtype], modelSessions(loaded.model));
      const processor = await AutoProcessor.from_pretrained(folder, { local_files_only: true });
      return { session: new TransformersChatVlmSession(loaded.model, processor), device: loaded.device, fallbackReason: loaded.fallbackReason };
    } catch (error) {
      await loaded.model.dispose();
      throw error;
    }
  }

  async generate(image: RgbImage, question: string, maxNewTokens: number): Promise<string> {
    const inputs = await this.inputs(image, this.prompt(question));
    const promptLength = tensorIds(inputs['input_ids'], 'input_ids').length;
    const output = await (this.model as unknown as GeneratingModel).generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false });
    if (!(output instanceof Tensor)) throw new Error('chat VLM: generate() returned no token tensor');
    const answerIds = output.slice(null, [promptLength, output.dims[1] ?? promptLength]);
    return (this.processor as unknown as ChatProcessor).batch_decode(answerIds, { skip_special_tokens: true })[0]?.trim() ?? '';
  }

  async teacherForce(image: RgbImage, question: string, answer: string): Promise<TeacherForcedInput> {
    const prompt = this.prompt(question);
    const promptLength = tensorIds((await this.inputs(image, prompt))['input_ids'], 'input_ids').length;
    const inputs = await this.inputs(image, prompt + answer);
    const tokenIds = tensorIds(inputs['input_ids'], 'input_ids');
    const outputs: unknown = await this.model(inputs);
    const logits = (outputs as { logits?: unknown }).logits;
    if (!(logits instanceof Tensor)) throw new Error('chat VLM: forward pass returned no logits');
    const vocabulary = logits.dims.at(-1) ?? 0;
    const data = logits.data instanceof Float32Array ? logits.data : (logits.to('float32').data as Float32Array);
    return { logits: data, vocabulary, tokenIds, promptLength };
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }

  private prompt(question: string): string {
    const messages = [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: question }] }];
    return (this.processor as unknown as ChatProcessor).apply_chat_template(messages, { add_generation_prompt: true });
  }

  private async inputs(image: RgbImage, text: string): Promise<Record<string, unknown>> {
    const inputs: unknown = await this.processor(text, [toRawImage(image)]);
    if (typeof inputs !== 'object' || inputs === null) throw new Error('chat VLM: the processor returned no inputs');
    return inputs as Record<string, unknown>;
  }
}
