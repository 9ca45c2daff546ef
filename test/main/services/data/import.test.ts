/**
 * The import service on bad and mixed input: every item that is not imported is reported with its file and
 * the reason while the rest is imported; annotations versus ground truth; a person's edit stays current;
 * unknown labels join the project; a resumed job imports nothing twice; audit entries.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryMask } from '../../../../src/core/image';
import { encodeRle, encodeRleCounts } from '../../../../src/core/mask/rle';
import { importAnnotations, type ImportRequest } from '../../../../src/main/services/import/import-annotations';
import { openTempStorage, type TempStorage } from '../../storage/helpers/temp-storage';
import { addImage, storedMask } from './support';

let temp: TempStorage;
let root: string;

beforeAll(async () => {
  temp = openTempStorage();
  root = await mkdtemp(join(tmpdir(), 'intseg-data-import-'));
});
afterAll(async () => {
  temp.cleanup();
  await rm(root, { recursive: true, force: true });
});

function project(name: string) {
  const created = temp.storage.projects.create({ name, taskPrompt: 'polyp', labels: [{ name: 'polyp', color: '#1f77b4' }] }, 'test');
  const one = addImage(temp.storage, created.id, 'one.jpg', 6, 4);
  const two = addImage(temp.storage, created.id, 'two.jpg', 5, 5);
  return { projectId: created.id, one, two };
}

function request(projectId: number, extra: Partial<ImportRequest> & Pick<ImportRequest, 'format' | 'path'>): ImportRequest {
  return { projectId, as: 'annotation', label: null, actor: 'importer', ...extra };
}

const block = binaryMask(6, 4, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]));

describe('COCO input', () => {
  it('imports compressed and uncompressed RLE and polygons, and reports a bad RLE size, a 4-number polygon and an unknown file name', async () => {
    const { projectId, one, two } = project('coco');
    const file = join(root, 'annotations.json');
    await writeFile(
      file,
      JSON.stringify({
        images: [
          { id: 1, file_name: 'one.jpg', width: 6, height: 4 },
          { id: 2, file_name: 'two.jpg', width: 5, height: 5 },
          { id: 3, file_name: 'elsewhere.jpg', width: 5, height: 5 },
        ],
        categories: [
          { id: 1, name: 'polyp' },
          { id: 2, name: 'adenoma' },
        ],
        annotations: [
          { id: 10, image_id: 1, category_id: 1, segmentation: encodeRle(block), iscrowd: 0 },
          { id: 11, image_id: 1, category_id: 2, segmentation: { size: [4, 6], counts: Array.from(encodeRleCounts(block)) }, iscrowd: 1 },
          { id: 12, image_id: 1, category_id: 1, segmentation: { size: [6, 4], counts: encodeRle(block).counts }, iscrowd: 0 },
          { id: 13, image_id: 2, category_id: 1, segmentation: [[0, 0, 4, 0]], iscrowd: 0 },
          { id: 14, image_id: 2, category_id: 1, segmentation: [[0, 0, 3, 0, 3, 3, 0, 3]], iscrowd: 0 },
          { id: 15, image_id: 3, category_id: 1, segmentation: [[0, 0, 3, 0, 3, 3]], iscrowd: 0 },
        ],
      }),
    );
    const report = await importAnnotations(temp.storage, request(projectId, { format: 'coco', path: file }));
    expect(report.problems.map((problem) => `${problem.item} | ${problem.reason}`)).toEqual([
      'image 3 (elsewhere.jpg) | unknown image name elsewhere.jpg: no project image has this name',
      'annotation 15 | its image 3 was not imported (see that image)',
      'annotation 12 | bad RLE size [6,4]: the image is 4x6 ([height, width])',
      'annotation 13 | polygon 0 has 4 numbers; at least 6 (three points) are needed; that polygon is skipped',
    ]);
    expect(report.problems.every((problem) => problem.file === file)).toBe(true);
    expect(report).toMatchObject({ images: 2, instances: 3, notCurrent: 0, addedLabels: ['adenoma'], cancelled: false });
    const first = temp.storage.annotations.current(one.id)!;
    expect(first.source).toBe('import');
    expect(first.masks.map((mask) => [mask.label, mask.rle.counts])).toEqual([
      ['polyp', encodeRle(block).counts],
      ['adenoma', encodeRle(block).counts],
    ]);
    expect(temp.storage.annotations.current(two.id)!.masks.map((mask) => mask.area)).toEqual([9]);
    expect(temp.storage.projects.require(projectId).labels.map((label) => label.name)).toEqual(['polyp', 'adenoma']);
    const actions = temp.storage.audit.list({ projectId }).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'annotation.import')).toHaveLength(2);
    expect(actions).toContain('project.import');
  });

  it('reports a name shared by two project images as ambiguous instead of picking one', async () => {
    const created = temp.storage.projects.create({ name: 'same names', taskPrompt: 'polyp' }, 'test');
    const first = addImage(temp.storage, created.id, 'frame.jpg', 6, 4);
    const second = temp.storage.images.add({ ...first, path: '/elsewhere/frame.jpg', contentHash: 'e'.repeat(64), thumbnail: null }, 'test');
    const file = join(root, 'same-names.json');
    await writeFile(
      file,
      JSON.stringify({
        images: [{ id: 1, file_name: 'frame.jpg', width: 6, height: 4 }],
        categories: [{ id: 1, name: 'polyp' }],
        annotations: [{ id: 1, image_id: 1, category_id: 1, segmentation: encodeRle(block), iscrowd: 0 }],
      }),
    );
    const report = await importAnnotations(temp.storage, request(created.id, { format: 'coco', path: file }));
    expect(report.images).toBe(0);
    expect(report.problems[0]).toMatchObject({ item: 'image 1 (frame.jpg)', reason: 'frame.jpg matches 2 project images (frame.jpg, frame.jpg); ambiguous' });
    expect(temp.storage.annotations.current(first.id)).toBeNull();
    expect(temp.storage.annotations.current(second.id)).toBeNull();
  });

  it('reports a file that is not JSON and imports nothing', async () => {
    const { projectId } = project('broken coco');
    const file = join(root, 'broken.json');
    await writeFile(file, '{"images": [');
    const report = await importAnnotations(temp.storage, request(projectId, { format: 'coco', path: file }));
    expect(report.images).toBe(0);
    expect(report.problems).toEqual([{ file, item: 'file', reason: expect.stringMatching(/^malformed JSON/) }]);
  });
});

describe('PNG input', () => {
  it('reports a PNG of the wrong size and an unknown file name, and imports the rest with the given label', async () => {
    const { projectId, one } = project('png');
    const folder = join(root, 'png');
    await mkdir(folder);
    await writeFile(join(folder, 'one.png'), encode({ width: 6, height: 4, data: Uint8Array.from(block.data, (v) => v * 255), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'two.png'), encode({ width: 4, height: 5, data: new Uint8Array(20), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'three.png'), encode({ width: 5, height: 5, data: new Uint8Array(25), channels: 1, depth: 8 }));
    const report = await importAnnotations(temp.storage, request(projectId, { format: 'png', path: folder, label: 'lesion' }));
    expect(report.problems).toEqual([
      { file: join(folder, 'three.png'), item: 'file', reason: 'unknown image name three.png: no project image has this name' },
      { file: join(folder, 'two.png'), item: 'file', reason: 'mismatched size: 4x5, the image two.jpg is 5x5' },
    ]);
    expect(report).toMatchObject({ images: 1, instances: 1, addedLabels: ['lesion'] });
    expect(temp.storage.annotations.current(one.id)!.masks.map((mask) => [mask.label, mask.area])).toEqual([['lesion', 6]]);
  });

  it('refuses a label for formats that carry their own, and a path of the wrong kind', async () => {
    const { projectId } = project('refusals');
    await expect(importAnnotations(temp.storage, request(projectId, { format: 'coco', path: join(root, 'annotations.json'), label: 'x' }))).rejects.toThrow(/PNG masks only/);
    await expect(importAnnotations(temp.storage, request(projectId, { format: 'png', path: join(root, 'annotations.json') }))).rejects.toThrow(/not a folder/);
    await expect(importAnnotations(temp.storage, request(projectId, { format: 'labelme', path: join(root, 'missing') }))).rejects.toThrow(/does not exist/);
  });
});

describe('labelme input', () => {
  it('reports malformed files and bad shapes and imports the rest', async () => {
    const { projectId, one } = project('labelme');
    const folder = join(root, 'labelme');
    await mkdir(folder);
    const shapes = [
      { label: 'polyp', points: [[1, 1], [3, 1], [3, 2], [1, 2]], shape_type: 'polygon', group_id: null },
      { label: 'polyp', points: [[1, 1], [2, 2]], shape_type: 'polygon', group_id: null },
    ];
    await writeFile(join(folder, 'one.json'), JSON.stringify({ version: '5.4.1', shapes, imagePath: 'one.jpg', imageData: null, imageHeight: 4, imageWidth: 6 }));
    await writeFile(join(folder, 'two.json'), 'not json');
    const report = await importAnnotations(temp.storage, request(projectId, { format: 'labelme', path: folder }));
    expect(report.problems).toEqual([
      { file: join(folder, 'one.json'), item: 'shape 1', reason: expect.stringMatching(/^polygon with 2 point\(s\); at least three are needed/) },
      { file: join(folder, 'two.json'), item: 'file', reason: expect.stringMatching(/^malformed JSON/) },
    ]);
    expect(report.images).toBe(1);
    expect(temp.storage.annotations.current(one.id)!.masks.map((mask) => mask.area)).toEqual([6]);
  });
});

describe('annotations, ground truth and people', () => {
  it('keeps a person\'s edit current, stores the import as a version, and counts it as not current', async () => {
    const { projectId, one } = project('human first');
    temp.storage.annotations.saveHuman(one.id, { author: 'ana', baseVersionId: null, instances: [{ mask: storedMask(block, 'polyp') }] });
    const folder = join(root, 'png-human');
    await mkdir(folder);
    await writeFile(join(folder, 'one.png'), encode({ width: 6, height: 4, data: new Uint8Array(24).fill(255), channels: 1, depth: 8 }));
    const report = await importAnnotations(temp.storage, request(projectId, { format: 'png', path: folder }));
    expect(report).toMatchObject({ images: 1, notCurrent: 1 });
    expect(temp.storage.annotations.current(one.id)!.author).toBe('ana');
    expect(temp.storage.annotations.history(one.id).map((version) => version.source)).toEqual(['human', 'import']);
  });

  it('stores ground truth apart from annotations, replaces it on a second import, and keeps empty masks as "nothing here"', async () => {
    const { projectId, one, two } = project('ground truth');
    const folder = join(root, 'gt');
    await mkdir(folder);
    await writeFile(join(folder, 'one.png'), encode({ width: 6, height: 4, data: Uint8Array.from(block.data, (v) => v * 255), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'two.png'), encode({ width: 5, height: 5, data: new Uint8Array(25), channels: 1, depth: 8 }));
    const report = await importAnnotations(temp.storage, request(projectId, { format: 'png', path: folder, as: 'ground-truth' }));
    expect(report).toMatchObject({ as: 'ground-truth', images: 2, instances: 1, addedLabels: [] });
    expect(temp.storage.annotations.current(one.id)).toBeNull();
    expect(temp.storage.groundTruth.get(one.id)).toMatchObject({ sourceFile: join(folder, 'one.png'), importedBy: 'importer', instances: [{ label: 'polyp', area: 6 }] });
    expect(temp.storage.groundTruth.get(two.id)).toMatchObject({ instances: [] });
    expect(temp.storage.groundTruth.imageIdsOfProject(projectId)).toEqual([one.id, two.id]);

    await writeFile(join(folder, 'one.png'), encode({ width: 6, height: 4, data: new Uint8Array(24).fill(255), channels: 1, depth: 8 }));
    await importAnnotations(temp.storage, request(projectId, { format: 'png', path: folder, as: 'ground-truth' }));
    expect(temp.storage.groundTruth.get(one.id)!.instances.map((instance) => instance.area)).toEqual([24]);
    const audit = temp.storage.audit.list({ projectId }).filter((entry) => entry.action === 'ground_truth.import' && entry.targetId === String(one.id));
    expect(audit.map((entry) => entry.details)).toEqual([
      { instances: 1, replacedInstances: 1, sourceFile: join(folder, 'one.png') },
      { instances: 1, replacedInstances: null, sourceFile: join(folder, 'one.png') },
    ]);
  });

  it('imports an image once when the input names it twice, and a resumed job skips what it committed', async () => {
    const { projectId, one } = project('resume');
    const folder = join(root, 'labelme-twice');
    await mkdir(folder);
    const file = { version: '5.4.1', shapes: [{ label: 'polyp', points: [[0, 0], [2, 0], [2, 2]], shape_type: 'polygon', group_id: null }], imagePath: 'one.jpg', imageData: null, imageHeight: 4, imageWidth: 6 };
    await writeFile(join(folder, 'a.json'), JSON.stringify(file));
    await writeFile(join(folder, 'b.json'), JSON.stringify(file));
    const job = temp.storage.jobs.create('annotation-import', {}, projectId);
    const first = await importAnnotations(temp.storage, request(projectId, { format: 'labelme', path: folder }), { jobId: job.id });
    expect(first.images).toBe(1);
    expect(first.problems).toEqual([{ file: join(folder, 'b.json'), item: 'one.jpg', reason: `image one.jpg was already imported from ${join(folder, 'a.json')} in this import; this repeat is skipped` }]);
    const again = await importAnnotations(temp.storage, request(projectId, { format: 'labelme', path: folder }), { jobId: job.id });
    expect(again.images).toBe(1);
    expect(temp.storage.annotations.history(one.id)).toHaveLength(1);
    // A new import of the same files (after a cancelled one, say) adds no identical version either.
    const fresh = await importAnnotations(temp.storage, request(projectId, { format: 'labelme', path: folder }));
    expect(fresh.images).toBe(1);
    expect(temp.storage.annotations.history(one.id)).toHaveLength(1);
  });
});
