/**
 * Where the built bundles are, relative to the running bundle: the CLI runs from out/node/, the
 * Electron main from out/main/; both find the renderer in out/renderer/.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The out/ folder of this installation. */
export function outDir(): string {
  // Bundles live one level below out/ (out/node/cli.mjs, out/node/chunks/x.mjs, out/main/index.js).
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth += 1) {
    if (existsSync(join(folder, 'renderer', 'index.html')) || existsSync(join(folder, 'node', 'cli.mjs'))) return folder;
    folder = dirname(folder);
  }
  // Running from source (tests through tsx/vitest): the repository's out/.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'out');
}

export function rendererDir(): string {
  return join(outDir(), 'renderer');
}

/** The bundled inference process for Node hosts (CLI, serve, tests). */
export function inferenceWorkerPath(): string {
  return join(outDir(), 'node', 'inference-worker.mjs');
}
