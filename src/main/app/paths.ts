/**
 * Where the built bundles are. The CLI runs from out/node/, the Electron main from out/main/, tests from
 * the sources; all of them find the installation root as the nearest folder with a package.json above
 * them, and the bundles in its out/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function installationRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}: IntSeg Studio is not installed as a package`);
  }
}

/** The out/ folder of this installation. */
export function outDir(): string {
  return join(installationRoot(), 'out');
}

export function rendererDir(): string {
  return join(outDir(), 'renderer');
}

/** The bundled inference process for Node hosts (CLI, serve, tests). */
export function inferenceWorkerPath(): string {
  return join(outDir(), 'node', 'inference-worker.mjs');
}

/** The test model pack built with the CLI (tiny graphs and stand-ins), the default of `intseg bench synthetic`. */
export function bundledTestPackDir(): string {
  return join(outDir(), 'test-pack');
}
