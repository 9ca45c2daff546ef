// `intseg bench`: the scenes a user can try the whole app on, and the benchmark's JSON shape, through the
// built command in a child process with the bundled test pack.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intseg } from '../../helpers/intseg-cli';


describe('intseg bench', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'intseg-bench-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes scenes with their ground truth and never overwrites them', async () => {
    const out = join(root, 'scenes');
    const first = await intseg(['bench', 'scenes', '--out', out, '--n', '3', '--seed', '5', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ images: join(out, 'images'), gt: join(out, 'gt'), n: 3, seeds: [5, 7] });
    expect(readdirSync(join(out, 'images')).sort()).toEqual(['scene-5.png', 'scene-6.png', 'scene-7.png']);
    expect(await sharp(join(out, 'gt', 'scene-5.png')).metadata()).toMatchObject({ width: 128, height: 128, channels: 1 });
    const gt = await sharp(join(out, 'gt', 'scene-5.png')).extractChannel(0).raw().toBuffer();
    expect(new Set(gt)).toEqual(new Set([0, 255]));

    const again = await intseg(['bench', 'scenes', '--out', out, '--n', '1', '--seed', '6']);
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim()).toMatch(/^intseg: would overwrite 2 file\(s\), first .*scene-6\.png; choose an empty folder$/);
  });

  it('prints one JSON object with MAE, Sm, mIoU and seconds per image for each variant asked', async () => {
    const run = await intseg(['bench', 'synthetic', '--n', '1', '--variants', 'full,no-smg', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { n: number; variants: Record<string, Record<string, number>> };
    expect(report.n).toBe(1);
    expect(Object.keys(report.variants)).toEqual(['full', 'no-smg']);
    for (const scores of Object.values(report.variants)) {
      for (const key of ['MAE', 'Sm', 'mIoU', 'secondsPerImage']) expect(scores[key], key).toBeGreaterThanOrEqual(0);
      expect(scores['MAE']).toBeLessThan(1);
    }
    const unknown = await intseg(['bench', 'synthetic', '--n', '1', '--variants', 'full,no-such']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no-such');
  }, 120_000);
});
