/**
 * The model manager: installed packs live in the data folder's models/<name>/. Importing copies a pack
 * folder there after checking its manifest and every declared file (size, sha256), through a temporary
 * sibling and a rename, so a failed or interrupted import leaves nothing half-installed. Checking a pack
 * loads it in the inference process and reports the device each model really runs on.
 */
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PORT_NAMES, type PortName } from '../../../core/ports';
import { AppError } from '../../../shared/result';
import type { ModelPackInfo } from '../../../shared/dto/runs';
import type { InferenceHost } from '../../inference/process/host';
import { PackError, portFileProblems, readPackManifest, type PackProblem } from '../../inference/packs/manifest';
import type { Storage } from '../../storage/storage';
import type { JsonValue } from '../../storage/repositories/common';
import { modelsDir } from '../../app/data-dir';
import { listPacks, packInfo, resolvePack } from './packs';

/** A folder name for a pack: letters, digits, dot, dash and underscore. */
const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface PackCheck {
  readonly pack: ModelPackInfo;
  /** The inference process's load report: devices per model, CPU fallbacks, stand-ins. */
  readonly report: JsonValue;
}

export class ModelService {
  constructor(
    private readonly storage: Storage,
    private readonly dataDir: string,
    private readonly inference: () => InferenceHost,
  ) {}

  list(): ModelPackInfo[] {
    return listPacks(this.dataDir);
  }

  async import(source: string, options: { name?: string; force?: boolean }, actor: string): Promise<ModelPackInfo> {
    const from = resolve(source);
    const { manifest } = readPackManifest(from);
    const name = options.name ?? manifest.name;
    if (!PACK_NAME.test(name)) throw new AppError('invalid_input', `pack name "${name}" must be letters, digits, ".", "-" or "_" (at most 100), starting with a letter or digit`);
    // Ports often share a model (one CLIP pair serves three): check each file once.
    const seen = new Set<string>();
    const problems: PackProblem[] = [];
    for (const port of PORT_NAMES) {
      const entry = manifest.ports[port];
      if (entry === undefined) continue;
      const unseen = { ...entry, files: entry.files.filter((file) => !seen.has(file.path)) };
      for (const file of entry.files) seen.add(file.path);
      problems.push(...(await portFileProblems(from, port, unseen, true)));
    }
    if (problems.length > 0) throw new PackError(from, problems);

    const target = join(modelsDir(this.dataDir), name);
    if (resolve(target) === from) throw new AppError('conflict', `${from} is already the installed pack "${name}"`);
    if (existsSync(target) && options.force !== true) throw new AppError('conflict', `a pack named "${name}" is installed at ${target}; remove it first or import with --force`);
    const staging = `${target}.importing-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    try {
      cpSync(from, staging, { recursive: true, errorOnExist: true, dereference: true });
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw new AppError('internal', `copying ${from} to ${target} failed: ${(error as Error).message}`);
    }
    this.storage.modelPacks.save(
      { id: name, name: manifest.name, version: manifest.version, folder: target, manifest: manifest as unknown as JsonValue, status: 'installed' },
      actor,
    );
    return packInfo(target, manifest);
  }

  remove(name: string, actor: string): { removed: string } {
    const pack = resolvePack(this.dataDir, name);
    if (pack.dir !== join(modelsDir(this.dataDir), name)) throw new AppError('invalid_input', `only installed packs can be removed; "${name}" is a folder outside ${modelsDir(this.dataDir)}`);
    rmSync(pack.dir, { recursive: true, force: true });
    if (this.storage.modelPacks.get(name) !== null) this.storage.modelPacks.delete(name, actor);
    return { removed: pack.dir };
  }

  /** Loads every port the pack declares in the inference process; PackError lists what is wrong. */
  async check(reference: string): Promise<PackCheck> {
    const pack = resolvePack(this.dataDir, reference);
    const ports = PORT_NAMES.filter((port): port is PortName => pack.manifest.ports[port] !== undefined);
    const report = await this.inference().request<JsonValue>({ type: 'load-pack', packDir: pack.dir, ports });
    return { pack: packInfo(pack.dir, pack.manifest), report };
  }
}
