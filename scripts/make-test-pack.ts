/**
 * Writes a complete TEST model pack: the tiny ONNX graphs of test/fixtures/models (built in memory by the
 * same deterministic generator, so the pack never depends on a checkout's state) and a pack.json wiring
 * them to the INT ports, with every option taken from the synthetic world (src/core/synthetic/world.ts).
 * The proposer is the synthetic proposer stand-in: a real VLM cannot be a tiny graph.
 *
 * Usage: npm run make-test-pack -- OUT_DIR
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DETECT_BOX_THRESHOLD,
  DETECT_MAX_BOXES,
  LOGIT_SCALE,
  POINT_GRID,
  POINT_MAX_POSITIVE,
  POINT_POSITIVE_LEVEL,
} from '../src/core/synthetic/world';
import type { PackFile, PackManifest } from '../src/main/inference/packs/pack-schema';
import { PACK_FORMAT, PACK_MANIFEST_FILE } from '../src/main/inference/packs/pack-schema';
import { buildFixtureSet, type FixtureFile } from './onnx/fixture-set';
import { writeFixtureFiles } from './onnx/generate-fixtures';

export const TEST_PACK_NAME = 'intseg-test-pack';
export const MODELS_DIR = 'models';

/** Pack-relative file entries (size, sha256) of every fixture under `prefix`. */
function filesUnder(files: readonly FixtureFile[], prefix: string): PackFile[] {
  return files
    .filter((f) => f.path === prefix || f.path.startsWith(`${prefix}/`))
    .map((f) => ({ path: `${MODELS_DIR}/${f.path}`, size: f.bytes.length, sha256: createHash('sha256').update(f.bytes).digest('hex') }));
}

export function testPackManifest(files: readonly FixtureFile[]): PackManifest {
  const clipOptions = { template: '{}', logitScale: LOGIT_SCALE, grid: POINT_GRID, threshold: POINT_POSITIVE_LEVEL, maxPointsPerLabel: POINT_MAX_POSITIVE, patchScore: 'dot' };
  const clip = { adapter: 'clip', model: `${MODELS_DIR}/clip`, dtype: 'fp32', device: 'cpu', options: clipOptions, files: filesUnder(files, 'clip') } as const;
  return {
    format: PACK_FORMAT,
    name: TEST_PACK_NAME,
    version: '1.0.0',
    description:
      'TEST PACK: tiny ONNX graphs that reproduce the synthetic world stand-ins (src/core/synthetic), and the synthetic proposer stand-in. Not models: results on it say nothing about real models.',
    testOnly: true,
    ports: {
      proposer: { adapter: 'synthetic-proposer', dtype: 'fp32', device: 'cpu', options: { seedFrom: 0, seedCount: 1000, width: 128, height: 128, sampling: true }, files: [] },
      scorer: clip,
      clipScorer: clip,
      pointPrompter: clip,
      detector: {
        adapter: 'grounding-dino',
        model: `${MODELS_DIR}/grounding-dino`,
        dtype: 'fp32',
        device: 'cpu',
        options: { boxThreshold: DETECT_BOX_THRESHOLD, textThreshold: 0.25, maxBoxes: DETECT_MAX_BOXES },
        files: filesUnder(files, 'grounding-dino'),
      },
      segmenter: { adapter: 'sam2', model: `${MODELS_DIR}/sam2`, dtype: 'fp32', device: 'cpu', options: {}, files: filesUnder(files, 'sam2') },
      inpainter: { adapter: 'migan', model: `${MODELS_DIR}/migan/migan_pipeline_v2.onnx`, dtype: 'fp32', device: 'cpu', options: {}, files: filesUnder(files, 'migan') },
    },
  };
}

/** Writes the pack into `outDir` (created if needed; must be empty or absent). Returns the manifest. */
export function writeTestPack(outDir: string): PackManifest {
  const dir = resolve(outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: make-test-pack writes into an empty or new folder`);
  mkdirSync(dir, { recursive: true });
  const files = buildFixtureSet().filter((f) => f.path !== 'README.md');
  const manifest = testPackManifest(files);
  const used = new Set(Object.values(manifest.ports).flatMap((entry) => (entry?.model === undefined ? [] : [entry.model.slice(MODELS_DIR.length + 1).split('/')[0] ?? ''])));
  writeFixtureFiles(join(dir, MODELS_DIR), files.filter((f) => used.has(f.path.split('/')[0] ?? '')));
  writeFileSync(join(dir, PACK_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function main(): void {
  const outDir = process.argv[2];
  if (outDir === undefined || outDir.startsWith('-')) {
    console.error('usage: npm run make-test-pack -- OUT_DIR');
    process.exit(2);
  }
  try {
    const manifest = writeTestPack(outDir);
    console.log(`wrote ${manifest.name} ${manifest.version} (test pack: tiny graphs and stand-ins) to ${resolve(outDir)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
