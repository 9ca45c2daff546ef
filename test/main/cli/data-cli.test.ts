// `intseg eval`, `intseg export` and `intseg import` as a user runs them: the built bundle in a child process.
// With --json stdout is exactly one JSON object; problems go to stderr.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryMask, type BinaryMask } from '../../../src/core/image';
import { decodeRle } from '../../../src/core/mask/rle';
import { masksEqual } from '../../../src/core/mask/ops';
import { databasePath } from '../../../src/main/app/data-dir';
import { openStorage } from '../../../src/main/storage/storage';
import { addImage, storedMask } from '../services/data/support';
import { intseg, type CliRun } from '../../helpers/intseg-cli';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const pairs = join(repositoryRoot, 'test', 'fixtures', 'eval', 'pairs');
const golden = JSON.parse(readFileSync(join(repositoryRoot, 'test', 'fixtures', 'eval', 'pysodmetrics-golden.json'), 'utf8')) as {
  datasetImages: string[];
  native: { dataset: Record<string, number> };
};

const METRIC_KEYS = ['n', 'MAE', 'Sm', 'meanEm', 'adpEm', 'maxEm', 'adpFm', 'meanFm', 'maxFm', 'wFm', 'meanDice', 'meanIoU', 'binDice', 'binIoU'];

function onlyJson(run: CliRun): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  expect(lines, `stdout must be one JSON line, got: ${run.stdout}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

function square(width: number, height: number, x0: number, y0: number, size: number): BinaryMask {
  const mask = binaryMask(width, height);
  for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) mask.data[y * width + x] = 1;
  return mask;
}

describe('intseg eval --pred --gt', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'intseg-eval-cli-'));
    for (const side of ['pred', 'gt']) {
      mkdirSync(join(root, side));
      for (const name of golden.datasetImages) copyFileSync(join(pairs, side, `${name}.png`), join(root, side, `${name}.png`));
    }
    copyFileSync(join(pairs, 'pred', 'basic_64x48.png'), join(root, 'pred', 'orphan.png'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints exactly one JSON object with exactly the metric keys, equal to PySODMetrics, and the unpaired file on stderr', async () => {
    const run = await intseg(['eval', '--pred', join(root, 'pred'), '--gt', join(root, 'gt'), '--json', '--per-image', join(root, 'rows.csv')]);
    const body = onlyJson(run);
    expect(Object.keys(body)).toEqual(METRIC_KEYS);
    expect(body['n']).toBe(golden.datasetImages.length);
    for (const key of METRIC_KEYS.slice(1)) expect(body[key] as number, key).toBeCloseTo(golden.native.dataset[key]!, 6);
    expect(run.stderr).toMatch(/intseg: warning: not evaluated: .*orphan\.png: no GT file named "orphan\.\*"/);
    expect(readFileSync(join(root, 'rows.csv'), 'utf8').trim().split('\r\n')).toHaveLength(golden.datasetImages.length + 1);
  });

  it('fails with one line when a folder is missing or nothing pairs, and on contradictory options', async () => {
    const missing = await intseg(['eval', '--pred', join(root, 'nope'), '--gt', join(root, 'gt'), '--json']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^intseg: prediction folder .*nope does not exist\n$/);
    mkdirSync(join(root, 'empty'));
    const nothing = await intseg(['eval', '--pred', join(root, 'empty'), '--gt', join(root, 'gt'), '--json']);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toBe('');
    expect(nothing.stderr.trim().split('\n').pop()).toMatch(/^intseg: nothing was evaluated/);
    const usage = await intseg(['eval', '--pred', join(root, 'pred')]);
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage.stderr).toMatch(/give --pred DIR and --gt DIR, or --project ID/);
  });
});

describe('intseg export, import and eval --project', () => {
  let root: string;
  let data: string;
  let projectId: number;
  const stored = new Map<string, BinaryMask[]>();

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'intseg-data-cli-'));
    data = join(root, 'data');
    mkdirSync(data);
    const storage = openStorage(databasePath(data));
    try {
      projectId = storage.projects.create({ name: 'cli', taskPrompt: 'polyp', labels: [{ name: 'polyp', color: '#1f77b4' }] }, 'test').id;
      const masks: Record<string, BinaryMask[]> = {
        'one.jpg': [square(16, 12, 2, 2, 5), square(16, 12, 9, 3, 4)],
        'two.jpg': [square(16, 12, 0, 0, 8)],
      };
      for (const [name, instances] of Object.entries(masks)) {
        const image = addImage(storage, projectId, name, 16, 12);
        storage.annotations.addImported(image.id, { author: 'test', instances: instances.map((mask) => storedMask(mask, 'polyp')) });
        stored.set(name, instances);
      }
    } finally {
      storage.close();
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('exports COCO with --json, and annotations.json decodes back to the stored masks', async () => {
    const out = join(root, 'coco');
    const body = onlyJson(await intseg(['--data', data, 'export', '--project', String(projectId), '--format', 'coco', '--out', out, '--json']));
    expect(body).toEqual({ out, format: 'coco', images: 2, instances: 3, warnings: [], manifest: join(out, 'manifest.json') });
    expect(readdirSync(out).sort()).toEqual(['annotations.json', 'manifest.json']);
    const document = JSON.parse(readFileSync(join(out, 'annotations.json'), 'utf8')) as {
      images: { id: number; file_name: string }[];
      annotations: { image_id: number; segmentation: { size: [number, number]; counts: string } }[];
    };
    for (const image of document.images) {
      const decoded = document.annotations.filter((annotation) => annotation.image_id === image.id).map((annotation) => decodeRle(annotation.segmentation));
      const expected = stored.get(image.file_name)!;
      expect(decoded).toHaveLength(expected.length);
      decoded.forEach((mask, k) => expect(masksEqual(mask, expected[k]!), `${image.file_name} #${k + 1}`).toBe(true));
    }

    const again = await intseg(['--data', data, 'export', '--project', String(projectId), '--format', 'coco', '--out', out, '--json']);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toMatch(/^intseg: export folder .* already exists and is not empty; .*--force/);
    expect(onlyJson(await intseg(['--data', data, 'export', '--project', String(projectId), '--format', 'png', '--out', out, '--force', '--json']))).toMatchObject({ format: 'png', images: 2 });
    const badFormat = await intseg(['--data', data, 'export', '--project', String(projectId), '--format', 'voc', '--out', join(root, 'voc')]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format.*voc.*coco, coco-polygons, png/);
  });

  it('imports ground truth with per-item problems, then evaluates the project against it', async () => {
    const gt = join(root, 'gt');
    mkdirSync(gt);
    const gtMask = (mask: BinaryMask): Uint8Array => encode({ width: 16, height: 12, data: mask.data.map((v) => v * 255), channels: 1, depth: 8 });
    writeFileSync(join(gt, 'one.png'), gtMask(square(16, 12, 2, 2, 5)));
    writeFileSync(join(gt, 'two.png'), gtMask(square(16, 12, 0, 0, 8)));
    writeFileSync(join(gt, 'three.png'), gtMask(square(16, 12, 0, 0, 8)));
    writeFileSync(join(gt, 'big.png'), encode({ width: 4, height: 4, data: new Uint8Array(16), channels: 1, depth: 8 }));
    const imported = onlyJson(await intseg(['--data', data, 'import', '--project', String(projectId), '--format', 'png', gt, '--as', 'ground-truth', '--json']));
    expect(imported).toMatchObject({ project: projectId, format: 'png', as: 'ground-truth', path: gt, images: 2, instances: 2, notCurrent: 0, cancelled: false });
    expect((imported['problems'] as { file: string; reason: string }[]).map((problem) => `${problem.file.slice(gt.length + 1)}: ${problem.reason}`)).toEqual([
      'big.png: unknown image name big.png: no project image has this name',
      'three.png: unknown image name three.png: no project image has this name',
    ]);

    const run = await intseg(['--data', data, 'eval', '--project', String(projectId), '--json']);
    const body = onlyJson(run);
    expect(Object.keys(body)).toEqual(['evaluation', 'project', 'run', 'gt', 'protocol', ...METRIC_KEYS]);
    expect(body).toMatchObject({ project: projectId, run: null, gt: 'stored', protocol: 'native', n: 2, MAE: 16 / 192 / 2, binDice: (2 * 25) / (25 + 41) / 2 + 0.5 });
    const csv = join(root, 'per-image.csv');
    const folder = onlyJson(await intseg(['--data', data, 'eval', '--project', String(projectId), '--gt', gt, '--protocol', 'paper', '--per-image', csv, '--json']));
    expect(folder).toMatchObject({ gt, protocol: 'paper', n: 2 });
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('name,image_id,soft,MAE,Sm,wFm,adpEm,meanEm,maxEm,adpFm,meanFm,maxFm,meanDice,meanIoU,binDice,binIoU');
    expect(lines.slice(1).map((line) => line.split(',')[0]).sort()).toEqual(['one.jpg', 'two.jpg']);
  });
});
