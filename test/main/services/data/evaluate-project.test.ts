/**
 * Evaluation of a project against ground truth: known numbers on hand-made cases, agreement with the core
 * evaluator on the same pairs (metrics and curves), stored GT versus a GT folder, a run's soft masks, images
 * that cannot be evaluated, and the stored record (replaced on re-evaluation, per-image rows sorted in SQL).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryMask, type BinaryMask, type GrayImage } from '../../../../src/core/image';
import { DatasetEvaluator } from '../../../../src/core/metrics/protocol';
import { IMAGE_METRIC_KEYS } from '../../../../src/main/storage/repositories/evaluations';
import { evaluateProject, type EvaluateProjectRequest } from '../../../../src/main/services/eval/evaluate-project';
import { openTempStorage, type TempStorage } from '../../storage/helpers/temp-storage';
import { addImage, storedMask } from './support';

let temp: TempStorage;
let root: string;

beforeAll(async () => {
  temp = openTempStorage();
  root = await mkdtemp(join(tmpdir(), 'intseg-data-eval-'));
});
afterAll(async () => {
  temp.cleanup();
  await rm(root, { recursive: true, force: true });
});

function rect(width: number, height: number, x0: number, y0: number, x1: number, y1: number): BinaryMask {
  const mask = binaryMask(width, height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) mask.data[y * width + x] = 1;
  return mask;
}

function gray(mask: BinaryMask): GrayImage {
  return { width: mask.width, height: mask.height, data: mask.data.map((v) => (v ? 255 : 0)) };
}

function request(projectId: number, extra: Partial<EvaluateProjectRequest> = {}): EvaluateProjectRequest {
  return { projectId, runId: null, gtDir: null, protocol: 'native', actor: 'evaluator', ...extra };
}

/** Three 8x8 images: a perfect prediction, an empty one against a half-image GT, and a shifted square. */
function knownProject(name: string) {
  const project = temp.storage.projects.create({ name, taskPrompt: 'polyp', labels: [{ name: 'polyp', color: '#1f77b4' }] }, 'test');
  const cases = [
    { file: 'perfect.png', gt: rect(8, 8, 2, 2, 6, 6), pred: rect(8, 8, 2, 2, 6, 6) },
    { file: 'missed.png', gt: rect(8, 8, 0, 0, 4, 8), pred: binaryMask(8, 8) },
    { file: 'shifted.png', gt: rect(8, 8, 1, 1, 5, 5), pred: rect(8, 8, 2, 2, 6, 6) },
  ];
  const images = cases.map((entry) => {
    const image = addImage(temp.storage, project.id, entry.file, 8, 8);
    temp.storage.groundTruth.replace(image.id, [storedMask(entry.gt, 'polyp')], { actor: 'test', sourceFile: `/gt/${entry.file}` });
    temp.storage.annotations.addImported(image.id, { author: 'test', instances: entry.pred.data.some((v) => v) ? [storedMask(entry.pred, 'polyp')] : [] });
    return { image, ...entry };
  });
  return { projectId: project.id, images };
}

describe('evaluating a project', () => {
  it('gives the known numbers and agrees with the core evaluator on every metric and curve', async () => {
    const { projectId, images } = knownProject('known');
    const record = await evaluateProject(temp.storage, request(projectId));
    expect(record.metrics.n).toBe(3);
    // perfect: MAE 0; missed: half the image wrong, MAE 0.5; shifted: 7 + 7 of 64 pixels wrong.
    expect(record.metrics.MAE).toBeCloseTo((0 + 0.5 + 14 / 64) / 3, 12);
    // binary Dice: 1, 0, and 2 * 9 / (16 + 16) for the shifted square.
    expect(record.metrics.binDice).toBeCloseTo((1 + 0 + 18 / 32) / 3, 12);
    expect(record.metrics.binIoU).toBeCloseTo((1 + 0 + 9 / 23) / 3, 12);

    const reference = new DatasetEvaluator('native');
    for (const entry of images) reference.add(gray(entry.pred), gray(entry.gt));
    const expected = reference.result();
    for (const key of IMAGE_METRIC_KEYS) expect(record.metrics[key], key).toBeCloseTo(expected[key], 12);
    const detail = temp.storage.evaluations.detail(record.id);
    const curves = reference.curves()!;
    for (const key of ['precision', 'recall', 'fm', 'em'] as const) expect(detail.curves![key]).toEqual(Array.from(curves[key]));
    expect(detail).toMatchObject({ predictionSource: 'annotations', predictionLabel: 'current annotations', gtSource: 'stored', protocol: 'native', imageCount: 3, problems: [] });

    const worst = temp.storage.evaluations.images(record.id, { sort: 'MAE', descending: true, limit: 2 });
    expect(worst.total).toBe(3);
    expect(worst.items.map((item) => item.fileName)).toEqual(['missed.png', 'shifted.png']);
    expect(worst.items[0]!.metrics.MAE).toBe(0.5);
    const byName = temp.storage.evaluations.images(record.id, { sort: 'fileName', offset: 1 });
    expect(byName.items.map((item) => item.fileName)).toEqual(['perfect.png', 'shifted.png']);
    expect(temp.storage.audit.list({ projectId }).some((entry) => entry.action === 'evaluation.create')).toBe(true);
  });

  it('uses the paper protocol (1024x1024, weighted F with beta^2 = 0.3) when asked', async () => {
    const { projectId, images } = knownProject('paper');
    const record = await evaluateProject(temp.storage, request(projectId, { protocol: 'paper' }));
    const reference = new DatasetEvaluator('paper');
    for (const entry of images) reference.add(gray(entry.pred), gray(entry.gt));
    for (const key of IMAGE_METRIC_KEYS) expect(record.metrics[key], key).toBeCloseTo(reference.result()[key], 12);
    expect(temp.storage.evaluations.ofProject(projectId).map((evaluation) => evaluation.protocol)).toEqual(['paper']);
  });

  it('reads GT from a folder paired by file name, with the same numbers as the stored GT, and reports what it cannot pair', async () => {
    const { projectId, images } = knownProject('folder');
    const folder = join(root, 'gt-folder');
    await mkdir(folder);
    for (const entry of images.slice(0, 2)) await writeFile(join(folder, entry.file.replace('.png', '.bmp.png')), encode({ width: 8, height: 8, data: gray(entry.gt).data, channels: 1, depth: 8 }));
    for (const entry of images.slice(0, 2)) await writeFile(join(folder, entry.file), encode({ width: 8, height: 8, data: gray(entry.gt).data, channels: 1, depth: 8 }));
    const record = await evaluateProject(temp.storage, request(projectId, { gtDir: folder }));
    const detail = temp.storage.evaluations.detail(record.id);
    expect(detail).toMatchObject({ gtSource: 'folder', gtFolder: folder, imageCount: 2 });
    expect(detail.problems).toEqual([
      { file: join(folder, 'missed.bmp.png'), reason: 'no project image named "missed.bmp.*"' },
      { file: join(folder, 'perfect.bmp.png'), reason: 'no project image named "perfect.bmp.*"' },
      { file: `project ${projectId}`, reason: `1 of 3 project image(s) have no ground truth in ${folder}; they are not evaluated` },
    ]);
    const reference = new DatasetEvaluator('native');
    for (const entry of images.slice(0, 2)) reference.add(gray(entry.pred), gray(entry.gt));
    expect(record.metrics.MAE).toBeCloseTo(reference.result().MAE, 12);
  });

  it('skips and reports an image with GT but no prediction (never scored as an empty mask)', async () => {
    const { projectId } = knownProject('unannotated');
    const extra = addImage(temp.storage, projectId, 'nobody-looked.png', 8, 8);
    temp.storage.groundTruth.replace(extra.id, [storedMask(rect(8, 8, 0, 0, 8, 8), 'polyp')], { actor: 'test', sourceFile: '/gt/x.png' });
    const record = await evaluateProject(temp.storage, request(projectId));
    expect(record.metrics.n).toBe(3);
    expect(temp.storage.evaluations.detail(record.id).problems).toEqual([{ file: extra.path, reason: 'no annotation yet: nothing to evaluate (not scored as an empty mask)' }]);
  });

  it('evaluates a run\'s soft masks where stored, stores one record per source and protocol, and replaces it on re-evaluation', async () => {
    const { projectId, images } = knownProject('run');
    const run = temp.storage.runs.create({ projectId, kind: 'int', config: {}, modelPackName: 'tiny-pack', imageIds: images.map((entry) => entry.image.id) }, 'test');
    const softs = images.map((entry, index) => Uint8Array.from({ length: 64 }, (_, i) => (entry.pred.data[i] ? 200 : (i * 7 + index) % 90)));
    images.forEach((entry, index) => {
      const png = encode({ width: 8, height: 8, data: softs[index]!, channels: 1, depth: 8 });
      const mask = entry.pred.data.some((v) => v) ? entry.pred : rect(8, 8, 0, 0, 1, 1);
      temp.storage.annotations.addRunProposal(entry.image.id, { runId: run.id, author: 'run', instances: [storedMask(mask, 'polyp', png)] });
    });
    const record = await evaluateProject(temp.storage, request(projectId, { runId: run.id }));
    expect(record).toMatchObject({ predictionSource: 'run', runId: run.id, predictionLabel: `run ${run.id} (tiny-pack)`, modelPackName: 'tiny-pack', softPredictions: 3 });
    const reference = new DatasetEvaluator('native');
    images.forEach((entry, index) => reference.add({ width: 8, height: 8, data: softs[index]! }, gray(entry.gt)));
    for (const key of IMAGE_METRIC_KEYS) expect(record.metrics[key], key).toBeCloseTo(reference.result()[key], 12);

    await evaluateProject(temp.storage, request(projectId));
    const again = await evaluateProject(temp.storage, request(projectId, { runId: run.id }));
    const stored = temp.storage.evaluations.ofProject(projectId);
    expect(stored.map((evaluation) => evaluation.predictionLabel)).toEqual([`run ${run.id} (tiny-pack)`, 'current annotations']);
    expect(stored[0]!.id).toBe(again.id);
    expect(temp.storage.evaluations.get(record.id)).toBeNull();
  });

  it('refuses to evaluate without ground truth, and when nothing could be evaluated', async () => {
    const project = temp.storage.projects.create({ name: 'no gt', taskPrompt: 'polyp' }, 'test');
    addImage(temp.storage, project.id, 'x.png', 8, 8);
    await expect(evaluateProject(temp.storage, request(project.id))).rejects.toThrow(/has no stored ground truth/);
    const image = addImage(temp.storage, project.id, 'y.png', 8, 8);
    temp.storage.groundTruth.replace(image.id, [], { actor: 'test', sourceFile: '/gt/y.png' });
    await expect(evaluateProject(temp.storage, request(project.id))).rejects.toThrow(/nothing was evaluated.*no annotation yet/);
    expect(temp.storage.evaluations.ofProject(project.id)).toEqual([]);
  });
});
