#!/usr/bin/env node
// Bundles the Node entry points (the intseg CLI and the inference worker process) into out/node/.
// Native and model packages stay external: they are loaded from node_modules at run time.
// Runs on `npm ci` (prepare) so that `npx intseg` works right after a fresh clone.
import { build } from 'esbuild';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entryPoints = {
  cli: join(root, 'src/main/cli/main.ts'),
  'inference-worker': join(root, 'src/main/inference/process/worker-entry.ts'),
};
for (const [name, file] of Object.entries(entryPoints)) {
  if (!existsSync(file)) delete entryPoints[name];
}

const started = Date.now();
await build({
  entryPoints,
  outdir: join(root, 'out/node'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  packages: 'external',
  logLevel: 'warning',
  banner: {
    // Some bundled CommonJS helpers call require(); give ESM output a real one.
    js: "import { createRequire as __intsegCreateRequire } from 'node:module'; const require = __intsegCreateRequire(import.meta.url);",
  },
});
// The test model pack (tiny ONNX graphs and stand-ins) that `intseg bench synthetic` uses by default:
// generated from the same deterministic code as test/fixtures/models, so it never goes stale.
const testPack = join(root, 'out/test-pack');
const makeTestPack = join(root, 'scripts/make-test-pack.ts');
if (existsSync(makeTestPack)) {
  rmSync(`${testPack}.tmp`, { recursive: true, force: true });
  execFileSync(process.execPath, ['--import', 'tsx', makeTestPack, `${testPack}.tmp`], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  rmSync(testPack, { recursive: true, force: true });
  renameSync(`${testPack}.tmp`, testPack);
}
console.error(`built out/node (${Object.keys(entryPoints).join(', ')}) and out/test-pack in ${Date.now() - started} ms`);
