/**
 * The one place that imports onnxruntime-node (with transformers-runtime.ts, which configures
 * transformers.js on top of the same copy). Opens sessions from disk with a CPU fallback and describes
 * a session's inputs and outputs for contract checks.
 */
import * as ort from 'onnxruntime-node';
import type { SessionDescription, ValueDescription } from './contract';
import { withCpuFallback, type DevicePreference } from './devices';

export { ort };
export type OrtSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;

let quieted = false;

/**
 * Sets onnxruntime's global log level to fatal. Must run before the first session is created (the level
 * is read once, when the first session initialises onnxruntime), otherwise a failing execution provider
 * prints error spam on every fallback (MODELS.md). Cheap, so it runs before every session.
 */
export function quietOnnxRuntime(): void {
  ort.env.logLevel = 'fatal';
  quieted = true;
}

/** Whether quietOnnxRuntime() ran (for tests). */
export function onnxRuntimeQuieted(): boolean {
  return quieted && ort.env.logLevel === 'fatal';
}

/** Execution provider names of onnxruntime-node for each device preference. */
const EXECUTION_PROVIDER: Record<DevicePreference, string> = { cpu: 'cpu', cuda: 'cuda', dml: 'dml', coreml: 'coreml' };

/** Backends this onnxruntime-node build ships (e.g. cpu, cuda after the cuda12 install, dml, coreml). */
export function supportedBackends(): string[] {
  return ort.listSupportedBackends().map((b) => b.name);
}

export interface OpenedSession {
  readonly session: OrtSession;
  readonly device: DevicePreference;
  readonly fallbackReason: string | null;
}

/**
 * Opens `file` on `device`; if the provider is unavailable (it throws), opens it on CPU and
 * reports why. Threads: intra-op defaults to the core count.
 */
export async function openOrtSession(file: string, device: DevicePreference): Promise<OpenedSession> {
  quietOnnxRuntime();
  const { value, device: used, fallbackReason } = await withCpuFallback(device, (d) =>
    ort.InferenceSession.create(file, {
      executionProviders: [EXECUTION_PROVIDER[d]],
      logSeverityLevel: 4,
      graphOptimizationLevel: 'all',
    }),
  );
  return { session: value, device: used, fallbackReason };
}

function describeValue(meta: ort.InferenceSession.ValueMetadata): ValueDescription {
  if (meta.isTensor) return { name: meta.name, type: meta.type, shape: [...meta.shape] };
  return { name: meta.name, type: null, shape: [] };
}

/** Names, types and declared shapes of a session's inputs and outputs. */
export function describeSession(session: OrtSession): SessionDescription {
  return {
    inputs: session.inputMetadata.map(describeValue),
    outputs: session.outputMetadata.map(describeValue),
  };
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): OrtTensor {
  return new ort.Tensor('float32', data, dims);
}

export function uint8Tensor(data: Uint8Array, dims: readonly number[]): OrtTensor {
  return new ort.Tensor('uint8', data, dims);
}
