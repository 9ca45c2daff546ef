import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTestPack } from '../../scripts/make-test-pack';
import { packManifestSchema } from '../../src/main/inference/packs/pack-schema';

const root = mkdtempSync(join(tmpdir(), 'intseg-make-pack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('make-test-pack', () => {
  it('writes a schema-valid test pack whose declared sizes and hashes match its files', () => {
    const dir = join(root, 'pack');
    const manifest = writeTestPack(dir);
    const parsed = packManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')));
    expect(parsed).toEqual(manifest);
    expect(parsed.testOnly).toBe(true);
    expect(parsed.ports.proposer?.adapter).toBe('synthetic-proposer');
    const files = Object.values(parsed.ports).flatMap((entry) => entry?.files ?? []);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = readFileSync(join(dir, file.path));
      expect(bytes.length).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
  });

  it('refuses a folder that is not empty', () => {
    const dir = join(root, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    expect(() => writeTestPack(dir)).toThrow(/is not empty/);
  });

  it('runs as `npm run make-test-pack -- OUT_DIR` and explains its usage without one', () => {
    const script = join(import.meta.dirname, '../../scripts/make-test-pack.ts');
    const out = join(root, 'cli');
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', script, out], { encoding: 'utf8' });
    expect(stdout).toContain('test pack');
    expect(readFileSync(join(out, 'pack.json'), 'utf8')).toContain('"intseg-test-pack"');
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/usage: npm run make-test-pack -- OUT_DIR/);
  });
});
