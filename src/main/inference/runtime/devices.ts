/**
 * Device preferences of a model pack and what actually ran. An unavailable execution provider throws
 * at session creation (it does not fall back by itself, MODELS.md), so every loader tries the preferred
 * device, catches, retries on CPU and records the fallback here so the host can show it.
 */

export const DEVICE_PREFERENCES = ['cpu', 'cuda', 'dml', 'coreml'] as const;
export type DevicePreference = (typeof DEVICE_PREFERENCES)[number];

/** One model file (or model folder) as it was loaded. */
export interface ModelLoadRecord {
  /** Which port or role the model serves, e.g. 'segmenter' or 'clip (scorer, clipScorer, pointPrompter)'. */
  readonly role: string;
  readonly adapterId: string;
  /** Absolute path of the file or folder that was opened. */
  readonly path: string;
  readonly requestedDevice: DevicePreference;
  readonly device: DevicePreference;
  /** Set when the requested device failed and the model runs on CPU instead: the provider's error message. */
  readonly fallbackReason: string | null;
  readonly loadMs: number;
  /** Free-form notes the adapter wants the user to see (e.g. which patch-feature source a point prompter uses). */
  readonly notes: readonly string[];
}

export function describeFallbacks(records: readonly ModelLoadRecord[]): string[] {
  return records
    .filter((r) => r.fallbackReason !== null)
    .map((r) => `${r.role} (${r.adapterId}): ${r.requestedDevice} unavailable, running on cpu: ${r.fallbackReason ?? ''}`);
}

/**
 * Runs `load(device)` on the preferred device and, if that throws and the device is not already CPU,
 * once more on CPU. Returns the value and what happened. A CPU failure is rethrown unchanged.
 */
export async function withCpuFallback<T>(
  requested: DevicePreference,
  load: (device: DevicePreference) => Promise<T>,
): Promise<{ value: T; device: DevicePreference; fallbackReason: string | null }> {
  if (requested === 'cpu') return { value: await load('cpu'), device: 'cpu', fallbackReason: null };
  try {
    return { value: await load(requested), device: requested, fallbackReason: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
    return { value: await load('cpu'), device: 'cpu', fallbackReason: reason };
  }
}
