/**
 * Writes the tiny-model fixture set.
 * Usage: npx tsx scripts/onnx/generate-fixtures.ts [OUT_DIR]   (default: test/fixtures/models)
 * Removes nothing: stale files are reported by the byte-for-byte test, not deleted here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildFixtureSet, type FixtureFile } from './fixture-set';

export function writeFixtureFiles(outDir: string, files: readonly FixtureFile[]): void {
  for (const file of files) {
    const target = join(outDir, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
}

function main(): void {
  const outDir = resolve(process.argv[2] ?? 'test/fixtures/models');
  const files = buildFixtureSet();
  writeFixtureFiles(outDir, files);
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  for (const file of files) console.log(`${String(file.bytes.length).padStart(9)}  ${file.path}`);
  console.log(`${files.length} files, ${total} bytes -> ${outDir}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
