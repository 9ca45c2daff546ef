/**
 * Export of a stored project through the export service, and back: every format pixel for pixel against the
 * stored masks, through the import service where the format has a reader (COCO RLE and polygons, labelme,
 * PNG) and by decoding the files otherwise (png-instance, png-palette, soft, yolo-seg). Also the destination
 * rules, approvals in the manifest, a run's masks, and cancel leaving nothing behind.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelSource, CancelledError } from '../../../../src/core/cancel';
import { binaryMask, type BinaryMask } from '../../../../src/core/image';
import { rasterizeCentrePolygons } from '../../../../src/core/mask/centre-contour';
import { labelComponents } from '../../../../src/core/mask/components';
import { maskUnion, masksEqual } from '../../../../src/core/mask/ops';
import { decodeRle } from '../../../../src/core/mask/rle';
import type { ExportFormat } from '../../../../src/shared/dto/transfer';
import { exportProject, type ExportRequest } from '../../../../src/main/services/export/export-project';
import { importAnnotations } from '../../../../src/main/services/import/import-annotations';
import { openTempStorage, type TempStorage } from '../../storage/helpers/temp-storage';
import { mirrorProject, seedProject, storedMask, type SeededImage, type SeededProject } from './support';

let temp: TempStorage;
let root: string;
let seeded: SeededProject;

beforeAll(async () => {
  temp = openTempStorage();
  root = await mkdtemp(join(tmpdir(), 'intseg-data-export-'));
  seeded = seedProject(temp.storage);
});
afterAll(async () => {
  temp.cleanup();
  await rm(root, { recursive: true, force: true });
});

function request(format: ExportFormat, out: string, extra: Partial<ExportRequest> = {}): ExportRequest {
  return { projectId: seeded.projectId, format, out, scope: 'all', runId: null, force: false, actor: 'tester', ...extra };
}

const annotated = (): SeededImage[] => seeded.images.filter((image) => image.instances !== null);

function union(image: SeededImage): BinaryMask {
  return (image.instances ?? []).reduce((acc, instance) => maskUnion(acc, instance.mask), binaryMask(image.record.width, image.record.height));
}

function fillHoles(mask: BinaryMask): BinaryMask {
  const inverted = binaryMask(mask.width, mask.height, mask.data.map((v) => (v ? 0 : 1)));
  const { labels, count } = labelComponents(inverted, 4);
  const outside = new Uint8Array(count + 1);
  for (let i = 0; i < labels.length; i++) {
    const x = i % mask.width;
    const y = Math.floor(i / mask.width);
    if (x === 0 || y === 0 || x === mask.width - 1 || y === mask.height - 1) outside[labels[i]!] = 1;
  }
  return binaryMask(mask.width, mask.height, mask.data.map((v, i) => (v || (labels[i] !== 0 && !outside[labels[i]!]) ? 1 : 0)));
}

/** Exports, imports the result into a fresh project with the same image names, and returns its current masks by file name. */
async function roundTrip(format: ExportFormat, importFormat: 'coco' | 'labelme' | 'png'): Promise<Map<string, { label: string; mask: BinaryMask }[]>> {
  const out = join(root, `round-${format}`);
  const report = await exportProject(temp.storage, request(format, out));
  expect(report.images).toBe(annotated().length);
  const mirror = mirrorProject(temp.storage, `mirror ${format}`);
  const imported = await importAnnotations(temp.storage, {
    projectId: mirror.projectId,
    format: importFormat,
    path: importFormat === 'coco' ? join(out, 'annotations.json') : out,
    as: 'annotation',
    label: importFormat === 'png' ? 'polyp' : null,
    actor: 'tester',
  });
  expect(imported.problems).toEqual([]);
  expect(imported.images).toBe(annotated().length);
  const byName = new Map<string, { label: string; mask: BinaryMask }[]>();
  for (const image of mirror.images) {
    const current = temp.storage.annotations.current(image.id);
    if (current !== null) byName.set(image.fileName, current.masks.map((mask) => ({ label: mask.label, mask: decodeRle({ size: [mask.rle.size[0], mask.rle.size[1]], counts: mask.rle.counts }) })));
  }
  return byName;
}

function expectSameInstances(byName: Map<string, { label: string; mask: BinaryMask }[]>): void {
  for (const image of annotated()) {
    const instances = byName.get(image.record.fileName);
    expect(instances, image.record.fileName).toBeDefined();
    const expected = image.instances!.filter((instance) => instance.mask.data.some((v) => v !== 0));
    expect(instances!.map((instance) => instance.label)).toEqual(expected.map((instance) => instance.label));
    expected.forEach((instance, k) => expect(masksEqual(instances![k]!.mask, instance.mask), `${image.record.fileName} instance ${k + 1}`).toBe(true));
  }
}

describe('export then import, every format, pixel for pixel', () => {
  it('coco (RLE) through the COCO importer', async () => {
    expectSameInstances(await roundTrip('coco', 'coco'));
  });

  it('coco-polygons through the COCO importer (instances with holes stay RLE)', async () => {
    const byName = await roundTrip('coco-polygons', 'coco');
    expectSameInstances(byName);
    const document = JSON.parse(await readFile(join(root, 'round-coco-polygons', 'annotations.json'), 'utf8')) as { annotations: { segmentation: unknown }[] };
    expect(document.annotations.some((annotation) => Array.isArray(annotation.segmentation))).toBe(true);
    expect(document.annotations.some((annotation) => !Array.isArray(annotation.segmentation))).toBe(true);
  });

  it('labelme through the labelme importer', async () => {
    expectSameInstances(await roundTrip('labelme', 'labelme'));
  });

  it('png (union of the instances) through the PNG importer', async () => {
    const byName = await roundTrip('png', 'png');
    for (const image of annotated()) {
      const expected = union(image);
      const instances = byName.get(image.record.fileName)!;
      if (expected.data.every((v) => v === 0)) expect(instances, 'an empty mask imports as an annotation with no instance').toEqual([]);
      else {
        expect(instances).toHaveLength(1);
        expect(masksEqual(instances[0]!.mask, expected), image.record.fileName).toBe(true);
      }
    }
  });

  it('png-instance: instance numbers in annotation order (the later instance on overlaps)', async () => {
    const out = join(root, 'png-instance');
    await exportProject(temp.storage, request('png-instance', out));
    for (const image of annotated()) {
      const png = decode(await readFile(join(out, `${image.record.fileName.replace(/\.[^.]+$/, '')}.png`)));
      const expected = new Uint16Array(image.record.width * image.record.height);
      image.instances!.forEach((instance, k) => instance.mask.data.forEach((v, i) => v && (expected[i] = k + 1)));
      expect(Array.from(png.data), image.record.fileName).toEqual(Array.from(expected));
    }
  });

  it('png-palette: pixel = the label\'s category id, palette = the project\'s label colours', async () => {
    const out = join(root, 'png-palette');
    await exportProject(temp.storage, request('png-palette', out));
    for (const image of annotated()) {
      const png = decode(await readFile(join(out, `${image.record.fileName.replace(/\.[^.]+$/, '')}.png`)));
      expect(png.palette!.slice(1, 4)).toEqual([[255, 0, 0], [0, 255, 0], [0, 0, 255]]);
      const ids = new Map([['cat', 1], ['dog, "big"', 2], ['polyp', 3]]);
      const expected = new Uint8Array(image.record.width * image.record.height);
      for (const instance of image.instances!) instance.mask.data.forEach((v, i) => v && (expected[i] = ids.get(instance.label)!));
      expect(Array.from(png.data), image.record.fileName).toEqual(Array.from(expected));
    }
  });

  it('soft: the stored soft masks; images without them are reported, not written', async () => {
    const out = join(root, 'soft');
    const report = await exportProject(temp.storage, request('soft', out));
    const withSoft = annotated().filter((image) => image.soft !== null);
    expect(withSoft.length).toBeGreaterThan(0);
    for (const image of withSoft) {
      const png = decode(await readFile(join(out, `${image.record.fileName.replace(/\.[^.]+$/, '')}.png`)));
      expect(Array.from(png.data)).toEqual(Array.from(image.soft!));
    }
    expect(report.warnings).toContainEqual({ fileName: 'b.png', message: 'no soft mask; not written' });
  });

  it('yolo-seg: the polygons of each class rasterise back to its instances (holes filled)', async () => {
    const out = join(root, 'yolo');
    await exportProject(temp.storage, request('yolo-seg', out));
    for (const image of annotated()) {
      const { width, height } = image.record;
      const lines = (await readFile(join(out, 'labels', `${image.record.fileName.replace(/\.[^.]+$/, '')}.txt`), 'utf8')).split('\n').filter(Boolean);
      const byClass = new Map<number, number[][]>();
      for (const line of lines) {
        const [cls, ...coords] = line.split(' ').map(Number);
        byClass.set(cls!, [...(byClass.get(cls!) ?? []), coords.map((v, i) => Math.trunc(v * (i % 2 === 0 ? width : height)))]);
      }
      ['cat', 'dog, "big"', 'polyp'].forEach((label, classIndex) => {
        const expected = image.instances!.filter((instance) => instance.label === label).reduce((acc, instance) => maskUnion(acc, fillHoles(instance.mask)), binaryMask(width, height));
        expect(masksEqual(rasterizeCentrePolygons(byClass.get(classIndex) ?? [], width, height), expected), `${image.record.fileName} ${label}`).toBe(true);
      });
    }
  });
});

describe('what an export covers and records', () => {
  it('skips images without an annotation with a warning, and records approvals and configuration in the manifest', async () => {
    const out = join(root, 'manifest');
    const report = await exportProject(temp.storage, request('coco', out));
    expect(report).toMatchObject({ out, format: 'coco', images: 4, manifest: join(out, 'manifest.json') });
    expect(report.warnings).toContainEqual({ fileName: 'unlabelled.jpg', message: 'no annotation yet; not exported' });
    const manifest = JSON.parse(await readFile(report.manifest, 'utf8'));
    expect(manifest.approvedBy).toBe('reviewer@example.org');
    expect(manifest.configuration).toMatchObject({ project: { id: seeded.projectId, name: 'source', taskPrompt: 'polyp' }, source: 'annotations', scope: 'all' });
    const a = manifest.images.find((image: { fileName: string }) => image.fileName === 'a.jpg');
    expect(a).toMatchObject({ approvedBy: 'reviewer@example.org', approvedAt: expect.any(String), sha256: seeded.images[0]!.record.contentHash });
    expect(manifest.images.find((image: { fileName: string }) => image.fileName === 'b.png')).toMatchObject({ approvedBy: null, approvedAt: null });
    const audit = temp.storage.audit.list({ projectId: seeded.projectId }).find((entry) => entry.action === 'project.export');
    expect(audit).toMatchObject({ actor: 'tester', details: { format: 'coco', out, images: 4 } });
  });

  it('exports only approved images when asked, and says so when none is approved', async () => {
    const report = await exportProject(temp.storage, request('png', join(root, 'approved'), { scope: 'approved' }));
    expect(report.images).toBe(1);
    expect((await readdir(join(root, 'approved'))).sort()).toEqual(['a.png', 'manifest.json']);
    const mirror = mirrorProject(temp.storage, 'nothing approved');
    await expect(exportProject(temp.storage, { ...request('png', join(root, 'none')), projectId: mirror.projectId, scope: 'approved' })).rejects.toThrow(/nothing to export.*approve images/);
  });

  it('exports a run\'s masks, with their soft masks, instead of the current annotation', async () => {
    const image = seeded.images[1]!;
    const run = temp.storage.runs.create({ projectId: seeded.projectId, kind: 'int', config: { iterations: 2 }, modelPackName: 'tiny', imageIds: [image.record.id] }, 'tester');
    const mask = binaryMask(image.record.width, image.record.height);
    mask.data.fill(1, 0, 40);
    const soft = new Uint8Array(mask.data.length).map((_, i) => (i < 40 ? 230 : i % 50));
    const { encode } = await import('fast-png');
    temp.storage.annotations.addRunProposal(image.record.id, { runId: run.id, author: 'run', instances: [storedMask(mask, 'polyp', encode({ width: mask.width, height: mask.height, data: soft, channels: 1, depth: 8 }))] });
    const out = join(root, 'run-soft');
    const report = await exportProject(temp.storage, request('soft', out, { runId: run.id }));
    expect(report.images).toBe(1);
    expect(report.warnings.filter((warning) => /not segmented by run/.test(warning.message))).toHaveLength(seeded.images.length - 1);
    expect(Array.from(decode(await readFile(join(out, 'b.png'))).data)).toEqual(Array.from(soft));
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.configuration).toMatchObject({ source: 'run', run: { id: run.id, modelPackName: 'tiny', config: { iterations: 2 } } });
  });
});

describe('the destination folder', () => {
  it('uses an empty folder, refuses a non-empty one, and replaces only a previous export with force', async () => {
    const empty = join(root, 'made-by-hand');
    await mkdir(empty);
    await exportProject(temp.storage, request('png', empty));
    expect(await readdir(empty)).toContain('manifest.json');

    await expect(exportProject(temp.storage, request('coco', empty))).rejects.toThrow(/already exists and is not empty.*--force/);
    await exportProject(temp.storage, request('coco', empty, { force: true }));
    expect((await readdir(empty)).sort()).toEqual(['annotations.json', 'manifest.json']);

    const personal = join(root, 'personal');
    await mkdir(personal);
    await writeFile(join(personal, 'thesis.tex'), 'precious');
    await expect(exportProject(temp.storage, request('png', personal, { force: true }))).rejects.toThrow(/holds no IntSeg Studio export/);
    expect(await readFile(join(personal, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('leaves nothing behind when cancelled half-way', async () => {
    const out = join(root, 'cancelled');
    const cancel = new CancelSource();
    await expect(
      exportProject(temp.storage, request('png', out), {
        cancel,
        onProgress: ({ done }) => {
          if (done === 1) cancel.cancel('test');
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect((await readdir(root)).filter((name) => name.includes('cancelled'))).toEqual([]);
  });
});
