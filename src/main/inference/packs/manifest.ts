/**
 * Reading a pack's pack.json without loading any model: the model manager, the run service (which checks
 * a pack's ports before queueing a run) and the pack loader all start here. No runtime imports, so main
 * can use it without loading onnxruntime.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/result';
import { PACK_MANIFEST_FILE, packManifestSchema, type PackManifest, type PortEntry } from './pack-schema';

export interface PackProblem {
  /** The file the problem is in (pack.json, a model file or folder). */
  readonly file: string;
  readonly problem: string;
}

export class PackError extends AppError {
  constructor(
    readonly packDir: string,
    readonly problems: readonly PackProblem[],
  ) {
    super('model_error', `model pack ${packDir} cannot be used:\n${problems.map((p) => `  - ${p.file}: ${p.problem}`).join('\n')}`, { packDir, problems });
    this.name = 'PackError';
  }
}

/** Reads and validates pack.json; throws PackError naming the file and every schema problem. */
export function readPackManifest(packDir: string): { manifest: PackManifest; manifestFile: string } {
  const dir = resolve(packDir);
  const manifestFile = join(dir, PACK_MANIFEST_FILE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PackError(dir, [{ file: dir, problem: 'expected a model pack folder, found nothing there' }]);
  if (!existsSync(manifestFile)) throw new PackError(dir, [{ file: manifestFile, problem: `missing: a pack folder must contain ${PACK_MANIFEST_FILE}` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new PackError(dir, [{ file: manifestFile, problem: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const result = packManifestSchema.safeParse(parsed);
  if (!result.success) {
    throw new PackError(
      dir,
      result.error.issues.map((issue) => ({ file: manifestFile, problem: `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}` })),
    );
  }
  return { manifest: result.data, manifestFile };
}


export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The files of one port entry: the model path exists, listed files exist with their declared size (and sha256 when asked). */
export async function portFileProblems(dir: string, port: string, entry: PortEntry, verifyHashes: boolean): Promise<PackProblem[]> {
  const problems: PackProblem[] = [];
  if (entry.model !== undefined && !existsSync(join(dir, entry.model))) problems.push({ file: join(dir, entry.model), problem: `missing: ports.${port}.model names it` });
  for (const file of entry.files) {
    const path = join(dir, file.path);
    if (!existsSync(path) || !statSync(path).isFile()) {
      problems.push({ file: path, problem: `missing: ports.${port}.files lists it` });
      continue;
    }
    const size = statSync(path).size;
    if (file.size !== undefined && size !== file.size) problems.push({ file: path, problem: `size: expected ${file.size} bytes, found ${size}` });
    if (verifyHashes && file.sha256 !== undefined) {
      const actual = await sha256Of(path);
      if (actual !== file.sha256) problems.push({ file: path, problem: `sha256: expected ${file.sha256}, found ${actual}` });
    }
  }
  return problems;
}
