/**
 * evaluateFolders on the fixture pairs (test/fixtures/eval/pairs, golden values from PySODMetrics
 * 1.6.2, see test/core/metrics/pysodmetrics.test.ts) copied into temporary folders together with
 * problem files: unpaired on either side, unreadable, not an image, ambiguous basenames.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelSource, CancelledError } from '../../../src/core/cancel';
import { DATASET_METRIC_KEYS } from '../../../src/core/metrics/evaluate';
import { evaluateFolders } from '../../../src/main/eval/evaluate-folders';

const fixtures = new URL('../../fixtures/eval/pairs/', import.meta.url).pathname;
const golden = JSON.parse(await readFile(new URL('../../fixtures/eval/pysodmetrics-golden.json', import.meta.url), 'utf8')) as {
  datasetImages: string[];
  native: { dataset: Record<string, number> };
  paper: { dataset: Record<string, number> };
};

let root: string;
let predDir: string;
let gtDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'intseg-eval-'));
  predDir = join(root, 'pred');
  gtDir = join(root, 'gt');
  await mkdir(predDir);
  await mkdir(gtDir);
  for (const name of golden.datasetImages) {
    await copyFile(join(fixtures, 'pred', `${name}.png`), join(predDir, `${name}.png`));
    await copyFile(join(fixtures, 'gt', `${name}.png`), join(gtDir, `${name}.png`));
  }
  await copyFile(join(fixtures, 'pred', 'basic_64x48.png'), join(predDir, 'only-prediction.png'));
  await copyFile(join(fixtures, 'gt', 'basic_64x48.png'), join(gtDir, 'only-gt.png'));
  await writeFile(join(predDir, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\nnot really a png'));
  await copyFile(join(fixtures, 'gt', 'basic_64x48.png'), join(gtDir, 'broken.png'));
  await writeFile(join(predDir, 'notes.txt'), 'not an image');
  await copyFile(join(fixtures, 'pred', 'basic_64x48.png'), join(predDir, 'twice.png'));
  await copyFile(join(fixtures, 'pred', 'basic_64x48.png'), join(predDir, 'twice.jpg'));
  await copyFile(join(fixtures, 'gt', 'basic_64x48.png'), join(gtDir, 'twice.png'));
  await writeFile(join(predDir, '.DS_Store'), 'hidden');
}, 60_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function expectDataset(result: Record<string, unknown>, expected: Record<string, number>): void {
  for (const key of DATASET_METRIC_KEYS) {
    expect(Math.abs((result[key] as number) - expected[key]!), key).toBeLessThanOrEqual(1e-9);
  }
}

describe('evaluateFolders', () => {
  it('evaluates the pairs like PySODMetrics and reports every problem file with its reason (native)', async () => {
    const progress: [number, number][] = [];
    const csvPath = join(root, 'per-image.csv');
    const result = await evaluateFolders({ predDir, gtDir, perImageCsv: csvPath, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.protocol).toBe('native');
    expect(result.n).toBe(golden.datasetImages.length);
    expectDataset(result, golden.native.dataset);
    const reasons = Object.fromEntries(result.problems.map((p) => [p.file.slice(root.length + 1), p.reason]));
    expect(reasons['pred/only-prediction.png']).toMatch(/no GT file named "only-prediction\.\*"/);
    expect(reasons['gt/only-gt.png']).toMatch(/no prediction named "only-gt\.\*"/);
    expect(reasons['pred/broken.png']).toMatch(/unreadable/);
    expect(reasons['pred/notes.txt']).toMatch(/not an image file extension/);
    expect(reasons['pred/twice.png']).toMatch(/2 prediction files share the basename "twice"/);
    expect(reasons['pred/twice.jpg']).toMatch(/ambiguous/);
    expect(reasons['gt/twice.png']).toMatch(/no prediction named "twice\.\*"/);
    expect(Object.keys(reasons).some((f) => f.includes('.DS_Store'))).toBe(false);
    // 240x160 -> 333x211 is 5 % off in aspect ratio; the other resized pairs differ by rounding only.
    expect(result.warnings).toEqual([{ file: join(predDir, 'large_resize_240x160_to_333x211.png'), reason: expect.stringMatching(/differ in aspect ratio/) }]);
    // broken.png is paired (then unreadable): pairs = dataset images + broken
    const total = golden.datasetImages.length + 1;
    expect(progress).toHaveLength(total);
    expect(progress.at(-1)).toEqual([total, total]);
    const csv = (await readFile(csvPath, 'utf8')).trimEnd().split('\r\n');
    expect(csv[0]).toBe('name,pred_file,gt_file,pred_width,pred_height,gt_width,gt_height,MAE,Sm,wFm,adpEm,meanEm,maxEm,adpFm,meanFm,maxFm,meanDice,meanIoU,binDice,binIoU');
    expect(csv).toHaveLength(golden.datasetImages.length + 1);
    expect((await readdir(root)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('applies the paper protocol', async () => {
    const result = await evaluateFolders({ predDir, gtDir, protocol: 'paper' });
    expect(result.n).toBe(golden.datasetImages.length);
    expectDataset(result, golden.paper.dataset);
  });

  it('quotes file names in the CSV, reads colour predictions like OpenCV and warns about aspect ratios', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'intseg-eval-names-'));
    const p = join(dir, 'p');
    const g = join(dir, 'g');
    await mkdir(p);
    await mkdir(g);
    const name = 'a, "quoted" name';
    // A 3-channel prediction with equal channels must read as the same gray values.
    const gray = Uint8Array.from({ length: 24 * 12 }, (_, i) => (i * 7) % 256);
    const rgb = new Uint8Array(gray.length * 3);
    gray.forEach((v, i) => rgb.set([v, v, v], i * 3));
    await writeFile(join(p, `${name}.png`), encode({ width: 24, height: 12, data: rgb, channels: 3, depth: 8 }));
    await writeFile(join(p, 'gray.png'), encode({ width: 24, height: 12, data: gray, channels: 1, depth: 8 }));
    const gt = Uint8Array.from({ length: 20 * 20 }, (_, i) => (i % 20 < 8 ? 255 : 0));
    await writeFile(join(g, `${name}.png`), encode({ width: 20, height: 20, data: gt, channels: 1, depth: 8 }));
    await writeFile(join(g, 'gray.png'), encode({ width: 20, height: 20, data: gt, channels: 1, depth: 8 }));
    const csvPath = join(dir, 'rows.csv');
    const result = await evaluateFolders({ predDir: p, gtDir: g, perImageCsv: csvPath });
    expect(result.n).toBe(2);
    expect(result.warnings.map((w) => w.reason)).toEqual([
      expect.stringMatching(/24x12 and GT 20x20 differ in aspect ratio/),
      expect.stringMatching(/24x12 and GT 20x20 differ in aspect ratio/),
    ]);
    const rows = (await readFile(csvPath, 'utf8')).trimEnd().split('\r\n');
    expect(rows[1]!.startsWith(`"a, ""quoted"" name",`)).toBe(true);
    const metricsOf = (row: string): string => row.split(',').slice(-13).join(',');
    expect(metricsOf(rows[1]!)).toBe(metricsOf(rows[2]!));
    await rm(dir, { recursive: true, force: true });
  });

  it('returns null metrics for an empty evaluation and fails clearly for a missing folder', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'intseg-eval-empty-'));
    const result = await evaluateFolders({ predDir: empty, gtDir: empty });
    expect(result.n).toBe(0);
    expect(result.MAE).toBeNull();
    await expect(evaluateFolders({ predDir: join(empty, 'nope'), gtDir: empty })).rejects.toThrow(/prediction folder .*nope does not exist/);
    await rm(empty, { recursive: true, force: true });
  });

  it('stops on cancel and leaves no CSV behind', async () => {
    const cancel = new CancelSource();
    const csvPath = join(root, 'cancelled.csv');
    await expect(
      evaluateFolders({ predDir, gtDir, perImageCsv: csvPath, cancel, onProgress: (done) => done === 2 && cancel.cancel('test') }),
    ).rejects.toBeInstanceOf(CancelledError);
    const left = await readdir(root);
    expect(left.filter((f) => f.startsWith('cancelled.csv'))).toEqual([]);
  });
});
