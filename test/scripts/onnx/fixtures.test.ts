import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtureSet } from '../../../scripts/onnx/fixture-set';

const FIXTURE_ROOT = join(import.meta.dirname, '../../fixtures/models');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(FIXTURE_ROOT, path).split('\\').join('/')];
  });
}

describe('tiny model fixture generator', () => {
  const files = buildFixtureSet();

  it('reproduces every committed fixture byte for byte', () => {
    for (const file of files) {
      const committed = join(FIXTURE_ROOT, file.path);
      expect(existsSync(committed), `${file.path} is generated but not committed (run npx tsx scripts/onnx/generate-fixtures.ts)`).toBe(true);
      expect(Buffer.compare(readFileSync(committed), Buffer.from(file.bytes)), `${file.path} differs from the generator's output: the graphs take their constants from src/core/synthetic/world.ts; after changing it, run npx tsx scripts/onnx/generate-fixtures.ts`).toBe(0);
    }
  });

  it('has no committed fixture the generator no longer makes', () => {
    expect(listFiles(FIXTURE_ROOT).sort()).toEqual(files.map((f) => f.path).sort());
  });

  it('is deterministic across two builds', () => {
    const again = buildFixtureSet();
    expect(again.map((f) => f.path)).toEqual(files.map((f) => f.path));
    again.forEach((f, i) => expect(Buffer.compare(Buffer.from(f.bytes), Buffer.from(files[i]?.bytes ?? new Uint8Array()))).toBe(0));
  });

  it('stays small (a few MB at most)', () => {
    const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });
});
