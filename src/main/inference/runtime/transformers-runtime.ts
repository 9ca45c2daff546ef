/**
 * The one place that configures transformers.js: strictly local loading (no hub, no file cache),
 * quiet logs, and model loading from an absolute folder with a CPU fallback.
 *
 * Model folders are passed to from_pretrained as absolute paths. transformers.js uses a string that is
 * not a valid hub id (an absolute path never is) as the folder itself, so several packs can be loaded
 * without rewriting the global env.localModelPath; it is still set to the folder of the latest load as
 * MODELS.md asks, and remote loading is off, so a missing file is an error, never a download.
 */
import { env, LogLevel, RawImage, type PreTrainedModel } from '@huggingface/transformers';
import { quietOnnxRuntime, type OrtSession } from './onnx-runtime';
import { withCpuFallback, type DevicePreference } from './devices';
import type { RgbImage } from '../../../core/image';
import type { ModelDtype } from './dtypes';

export { MODEL_DTYPES, DTYPE_FILE_SUFFIX, type ModelDtype } from './dtypes';

/**
 * Makes transformers.js strictly local and quiet. Idempotent; called before every load.
 * transformers.js forwards its log level to onnxruntime's global one, so it is set to NONE (onnxruntime:
 * fatal) first; ERROR would let onnxruntime print every failed execution provider before the CPU fallback.
 * Errors still reach the caller as exceptions.
 */
export function configureLocalTransformers(modelRoot: string): void {
  env.logLevel = LogLevel.NONE;
  quietOnnxRuntime();
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.localModelPath = modelRoot;
}

/** Anything with transformers.js' static from_pretrained. */
export interface PretrainedLoader<T> {
  from_pretrained(path: string, options: { device: DevicePreference; dtype: ModelDtype; local_files_only: boolean }): Promise<T>;
}

export interface LoadedPretrained<T> {
  readonly model: T;
  readonly device: DevicePreference;
  readonly fallbackReason: string | null;
}

/** from_pretrained(folder) on `device`, retried on CPU when the provider is unavailable. */
export async function loadPretrained<T>(loader: PretrainedLoader<T>, folder: string, device: DevicePreference, dtype: ModelDtype): Promise<LoadedPretrained<T>> {
  configureLocalTransformers(folder);
  const { value, device: used, fallbackReason } = await withCpuFallback(device, (d) =>
    loader.from_pretrained(folder, { device: d, dtype, local_files_only: true }),
  );
  return { model: value, device: used, fallbackReason };
}

/** A model's named onnxruntime sessions (e.g. 'model', 'prompt_encoder_mask_decoder'). */
export function modelSessions(model: PreTrainedModel): Record<string, OrtSession> {
  const sessions: Record<string, OrtSession> = {};
  for (const [name, session] of Object.entries(model.sessions)) sessions[name] = session as OrtSession;
  return sessions;
}

/** Wraps an RgbImage as a transformers.js RawImage without copying. */
export function toRawImage(image: RgbImage): RawImage {
  return new RawImage(image.data, image.width, image.height, 3);
}
