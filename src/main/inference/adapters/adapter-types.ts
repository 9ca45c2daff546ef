/**
 * What an adapter is: an id, the ports it can serve, and one factory per port. Factories receive the
 * port's validated pack entry with absolute paths, a cache to share a model between ports (the CLIP pair
 * serves scorer, pointPrompter and clipScorer from one pair of sessions), and a way to report loads.
 */
import type { z } from 'zod';
import type { IntModels, PortName } from '../../../core/ports';
import type { DevicePreference, ModelLoadRecord } from '../runtime/devices';
import type { ModelDtype } from '../runtime/dtypes';

/** Thrown by factories for problems the user must fix in the pack: names the file (or pack.json) and the problem. */
export class AdapterConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'AdapterConfigError';
  }
}

export interface Disposable {
  dispose(): Promise<void>;
}

/** Memoises model loads within one pack load, keyed by what was loaded; owns their disposal. */
export interface SharedModels {
  get<T extends Disposable>(key: string, load: () => Promise<T>): Promise<T>;
}

export interface AdapterContext {
  readonly port: PortName;
  readonly adapterId: string;
  /** Absolute path of the pack's pack.json, for error messages about options. */
  readonly manifestFile: string;
  /** Absolute path of the entry's model file or folder; null when the entry names none. */
  readonly modelPath: string | null;
  readonly dtype: ModelDtype;
  readonly device: DevicePreference;
  readonly options: Readonly<Record<string, unknown>>;
  readonly shared: SharedModels;
  record(entry: Omit<ModelLoadRecord, 'adapterId'>): void;
}

export type PortFactories = { readonly [P in PortName]?: (context: AdapterContext) => Promise<IntModels[P]> };

export interface AdapterDefinition {
  readonly id: string;
  readonly description: string;
  /** True when the entry must name a model file or folder. */
  readonly requiresModel: boolean;
  /** True for test stand-ins that must never be mistaken for real models. */
  readonly standIn: boolean;
  readonly factories: PortFactories;
}

/** Parses an entry's options with an adapter's schema; a failure names pack.json, the port and the option. */
export function parseOptions<T>(context: AdapterContext, schema: z.ZodType<T>): T {
  const result = schema.safeParse(context.options);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `option '${issue.path.join('.') || '(root)'}': ${issue.message}`);
  throw new AdapterConfigError(context.manifestFile, `ports.${context.port} (adapter '${context.adapterId}'): ${problems.join('; ')}`);
}

export function requireModelPath(context: AdapterContext): string {
  if (context.modelPath === null) {
    throw new AdapterConfigError(context.manifestFile, `ports.${context.port} (adapter '${context.adapterId}'): 'model' is required: the model folder or .onnx file, relative to the pack`);
  }
  return context.modelPath;
}
