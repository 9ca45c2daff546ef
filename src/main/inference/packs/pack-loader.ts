/**
 * Loading a model pack into the INT ports. Everything is checked before any image is processed:
 *  1. pack.json exists, is JSON, and matches the manifest schema;
 *  2. every port the run needs has an entry, its adapter exists and serves that port, its model path
 *     exists, and declared file sizes (and sha256 when asked) match;
 *  3. every model opens and matches its declared input/output contract (the adapters check names, ranks,
 *     element types against the opened sessions).
 * All problems found at a step are reported together in one PackError, each naming the file. A model whose
 * execution provider is unavailable is reopened on CPU and the fallback is in the load report.
 */
import { join, resolve } from 'node:path';
import type { IntModels, PortName } from '../../../core/ports';
import { PORT_NAMES } from '../../../core/ports';
import { AdapterConfigError, type AdapterContext, type AdapterDefinition } from '../adapters/adapter-types';
import { ADAPTERS, type AdapterRegistry } from '../adapters/registry';
import { ContractMismatchError } from '../runtime/contract';
import { describeFallbacks, type DevicePreference, type ModelLoadRecord } from '../runtime/devices';
import { type PackManifest, type PortEntry } from './pack-schema';
import { PackError, portFileProblems, readPackManifest, type PackProblem } from './manifest';

export { PackError, readPackManifest, type PackProblem } from './manifest';
import { SharedModelCache } from './shared-models';

export interface PackLoadReport {
  readonly pack: { readonly name: string; readonly version: string; readonly testOnly: boolean; readonly dir: string };
  /** One record per model file opened (or per weightless adapter). */
  readonly records: readonly ModelLoadRecord[];
  /** Human-readable CPU fallbacks, empty when every model runs where the pack asked. */
  readonly fallbacks: readonly string[];
  /** Ports served by test stand-ins (never real models). */
  readonly standIns: readonly PortName[];
  /** Ports the run did not ask for: not loaded; calling them throws. */
  readonly notLoaded: readonly PortName[];
  readonly loadMs: number;
}

export interface LoadedPack {
  readonly manifest: PackManifest;
  readonly models: IntModels;
  readonly report: PackLoadReport;
  /** Releases every session; the models must not be used afterwards. Safe to call twice. */
  dispose(): Promise<void>;
}

export interface LoadPackOptions {
  /** Ports the run needs (default: all seven). Others are not loaded. */
  readonly ports?: readonly PortName[];
  /** Overrides every entry's device preference (e.g. a CLI --device flag). */
  readonly device?: DevicePreference;
  /** Hash every file that declares a sha256 (slow for large models; sizes are always checked). */
  readonly verifyHashes?: boolean;
  /** Adapter table (tests inject fakes). */
  readonly registry?: AdapterRegistry;
}

/** Step 2: entries, adapters and files, before anything is opened. */
async function entryProblems(dir: string, manifestFile: string, manifest: PackManifest, ports: readonly PortName[], registry: AdapterRegistry, verifyHashes: boolean): Promise<PackProblem[]> {
  const problems: PackProblem[] = [];
  for (const port of ports) {
    const entry = manifest.ports[port];
    if (entry === undefined) {
      problems.push({ file: manifestFile, problem: `ports.${port}: missing, and the run needs this port` });
      continue;
    }
    const adapter = registry.get(entry.adapter);
    if (adapter === undefined) {
      problems.push({ file: manifestFile, problem: `ports.${port}.adapter: unknown adapter '${entry.adapter}' (known: ${[...registry.keys()].join(', ')})` });
      continue;
    }
    if (adapter.factories[port] === undefined) {
      const serves = PORT_NAMES.filter((p) => adapter.factories[p] !== undefined);
      problems.push({ file: manifestFile, problem: `ports.${port}.adapter: '${entry.adapter}' does not serve ${port} (it serves ${serves.join(', ')})` });
    }
    if (adapter.requiresModel && entry.model === undefined) problems.push({ file: manifestFile, problem: `ports.${port}.model: adapter '${entry.adapter}' needs a model file or folder` });
    problems.push(...(await portFileProblems(dir, port, entry, verifyHashes)));
  }
  return problems;
}

function problemOf(error: unknown, manifestFile: string, port: PortName): PackProblem {
  if (error instanceof AdapterConfigError) return { file: error.file, problem: error.message.slice(error.file.length + 2) };
  if (error instanceof ContractMismatchError) return { file: error.file, problem: `does not match its contract: ${error.problems.join('; ')}` };
  return { file: manifestFile, problem: `ports.${port}: loading failed: ${error instanceof Error ? error.message : String(error)}` };
}

function notLoaded(port: PortName): () => Promise<never> {
  return () => Promise.reject(new Error(`the ${port} port was not loaded from the model pack (the run did not ask for it)`));
}

const UNLOADED: IntModels = {
  proposer: { id: 'not-loaded', deterministic: true, propose: notLoaded('proposer') },
  scorer: { id: 'not-loaded', route: 'clip', score: notLoaded('scorer') },
  inpainter: { id: 'not-loaded', inpaint: notLoaded('inpainter') },
  detector: { id: 'not-loaded', detect: notLoaded('detector') },
  pointPrompter: { id: 'not-loaded', points: notLoaded('pointPrompter') },
  segmenter: { id: 'not-loaded', segment: notLoaded('segmenter') },
  clipScorer: { id: 'not-loaded', similarities: notLoaded('clipScorer') },
};

async function createPort<P extends PortName>(adapter: AdapterDefinition, port: P, context: AdapterContext): Promise<IntModels[P]> {
  const factory = adapter.factories[port];
  if (factory === undefined) throw new Error(`adapter '${adapter.id}' does not serve ${port}`);
  return factory(context);
}

/**
 * Loads a pack for a run. Throws PackError (before any image is processed) when anything is wrong.
 * The caller owns the result and must dispose() it.
 */
export async function loadModelPack(packDir: string, options: LoadPackOptions = {}): Promise<LoadedPack> {
  const started = Date.now();
  const dir = resolve(packDir);
  const registry = options.registry ?? ADAPTERS;
  const ports = options.ports ?? PORT_NAMES;
  const { manifest, manifestFile } = readPackManifest(dir);
  const early = await entryProblems(dir, manifestFile, manifest, ports, registry, options.verifyHashes ?? false);
  if (early.length > 0) throw new PackError(dir, early);

  const shared = new SharedModelCache();
  const records: ModelLoadRecord[] = [];
  const problems: PackProblem[] = [];
  const contextFor = (port: PortName, entry: PortEntry): AdapterContext => ({
    port,
    adapterId: entry.adapter,
    manifestFile,
    modelPath: entry.model === undefined ? null : join(dir, entry.model),
    dtype: entry.dtype,
    device: options.device ?? entry.device,
    options: entry.options,
    shared,
    record: (r) => records.push({ ...r, adapterId: entry.adapter }),
  });
  async function build<P extends PortName>(port: P): Promise<IntModels[P]> {
    const entry = manifest.ports[port];
    if (!ports.includes(port) || entry === undefined) return UNLOADED[port];
    const adapter = registry.get(entry.adapter);
    if (adapter === undefined) return UNLOADED[port];
    try {
      return await createPort(adapter, port, contextFor(port, entry));
    } catch (error) {
      problems.push(problemOf(error, manifestFile, port));
      return UNLOADED[port];
    }
  }
  // One at a time: loads share the 2-core machine and the shared cache dedupes common models.
  const models: IntModels = {
    proposer: await build('proposer'),
    scorer: await build('scorer'),
    inpainter: await build('inpainter'),
    detector: await build('detector'),
    pointPrompter: await build('pointPrompter'),
    segmenter: await build('segmenter'),
    clipScorer: await build('clipScorer'),
  };
  if (problems.length > 0) {
    await shared.dispose();
    throw new PackError(dir, problems);
  }
  let disposed = false;
  const report: PackLoadReport = {
    pack: { name: manifest.name, version: manifest.version, testOnly: manifest.testOnly, dir },
    records,
    fallbacks: describeFallbacks(records),
    standIns: ports.filter((p) => registry.get(manifest.ports[p]?.adapter ?? '')?.standIn === true),
    notLoaded: PORT_NAMES.filter((p) => !ports.includes(p)),
    loadMs: Date.now() - started,
  };
  return {
    manifest,
    models,
    report,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await shared.dispose();
    },
  };
}
