/**
 * Every export format, and every export/import pair pixel for pixel: COCO (RLE), COCO polygons,
 * PNG, labelme through their readers; png-instance, png-palette and soft by decoding the files;
 * YOLO-seg by rasterising its polygons the way cv2.fillPoly does (same pixels, see
 * core/mask/centre-contour.ts). Also the manifest and the atomic folder.
 */
import { readFile, readdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryMask, type BinaryMask } from '../../../src/core/image';
import { rasterizeCentrePolygons } from '../../../src/core/mask/centre-contour';
import { labelComponents } from '../../../src/core/mask/components';
import { maskUnion, masksEqual } from '../../../src/core/mask/ops';
import { writeExport, type ExportOptions } from '../../../src/main/export/formats/export';
import { readCocoFile } from '../../../src/main/export/formats/coco-reader';
import { readLabelmeFolder } from '../../../src/main/export/formats/labelme-reader';
import type { ExportFormat, ExportImage, ImportResult } from '../../../src/main/export/formats/model';
import { categoryPalette } from '../../../src/main/export/formats/palette';
import { readPngFolder } from '../../../src/main/export/formats/png-reader';
import { categories, exportDataset, exportImages, targets } from './support/dataset';

let root: string;
const options = (format: ExportFormat): ExportOptions => ({
  format,
  appVersion: '9.9.9',
  configuration: { modelPack: 'test-pack', iterations: 6 },
  approvedBy: 'reviewer@example.org',
  createdAt: new Date('2026-01-02T03:04:05Z'),
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'intseg-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function exported(format: ExportFormat, folderName: string = format): Promise<{ folder: string; warnings: string[] }> {
  const folder = join(root, folderName);
  const result = await writeExport(folder, exportDataset(), options(format));
  return { folder, warnings: result.warnings.map((w) => `${w.fileName}#${w.instance ?? '-'}: ${w.message}`) };
}

function expectInstances(result: ImportResult, withLabels = true): void {
  const byName = new Map(result.images.map((image) => [image.fileName, image]));
  for (const image of exportImages()) {
    const imported = byName.get(image.fileName);
    expect(imported, image.fileName).toBeDefined();
    expect(imported!.instances).toHaveLength(image.instances.length);
    image.instances.forEach((instance, k) => {
      expect(masksEqual(imported!.instances[k]!.mask, instance.mask), `${image.fileName} instance ${k + 1}`).toBe(true);
      if (withLabels) expect(imported!.instances[k]!.label).toBe(instance.label);
    });
  }
}

function union(image: ExportImage): BinaryMask {
  return image.instances.reduce((acc, instance) => maskUnion(acc, instance.mask), binaryMask(image.width, image.height));
}

function fillHoles(mask: BinaryMask): BinaryMask {
  const inverted = binaryMask(mask.width, mask.height, mask.data.map((v) => (v ? 0 : 1)));
  const { labels, count } = labelComponents(inverted, 4);
  const outside = new Uint8Array(count + 1);
  const { width, height } = mask;
  for (let i = 0; i < labels.length; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    if (x === 0 || y === 0 || x === width - 1 || y === height - 1) outside[labels[i]!] = 1;
  }
  return binaryMask(width, height, mask.data.map((v, i) => (v || (labels[i] !== 0 && !outside[labels[i]!]) ? 1 : 0)));
}

describe('export / import round trips', () => {
  it('coco: RLE round-trips every instance', async () => {
    const { folder, warnings } = await exported('coco');
    const document = JSON.parse(await readFile(join(folder, 'annotations.json'), 'utf8'));
    expect(document.annotations.map((a: { id: number }) => a.id)).toEqual(Array.from({ length: document.annotations.length }, (_, i) => i + 1));
    expect(document.categories).toEqual(categories.map((c) => ({ id: c.id, name: c.name, supercategory: '' })));
    expect(document.images[1]).toEqual({ id: 12, file_name: 'sub/dir/b.png', width: 25, height: 33 });
    expect(document.annotations[0]).toMatchObject({ image_id: 11, category_id: 1, bbox: [20, 3, 15, 9], area: 135, iscrowd: 0 });
    expect(typeof document.annotations[0].segmentation.counts).toBe('string');
    expect(warnings).toEqual([]);
    const result = await readCocoFile(join(folder, 'annotations.json'), targets());
    expect(result.problems).toEqual([]);
    expectInstances(result);
  });

  it('coco-polygons: polygons where exact, RLE with a warning for instances with holes', async () => {
    const { folder, warnings } = await exported('coco-polygons');
    const document = JSON.parse(await readFile(join(folder, 'annotations.json'), 'utf8'));
    const segmentations = document.annotations.map((a: { segmentation: unknown }) => (Array.isArray(a.segmentation) ? 'polygons' : 'rle'));
    expect(segmentations[0]).toBe('polygons');
    expect(segmentations[1]).toBe('rle'); // ring with an island: holes
    expect(warnings).toContain('a.jpg#2: 1 hole(s): COCO polygons cannot express holes, written as RLE');
    const result = await readCocoFile(join(folder, 'annotations.json'), targets());
    expect(result.problems).toEqual([]);
    expectInstances(result);
  });

  it('png: one binary 0/255 PNG per image, the union of its instances', async () => {
    const { folder } = await exported('png');
    expect((await readdir(folder)).sort()).toEqual(['A__14.png', 'a.png', 'b.png', 'c.png', 'manifest.json']);
    const png = decode(await readFile(join(folder, 'a.png')));
    expect([png.channels, png.depth]).toEqual([1, 8]);
    expect(new Set(png.data)).toEqual(new Set([0, 255]));
    const renamedTargets = targets().map((t) => (t.fileName === 'other/A.JPG' ? { ...t, fileName: 'other/A__14.JPG' } : t));
    const result = await readPngFolder(folder, renamedTargets, 'object');
    expect(result.problems).toEqual([]);
    for (const image of exportImages()) {
      const name = image.fileName === 'other/A.JPG' ? 'other/A__14.JPG' : image.fileName;
      const imported = result.images.find((i) => i.fileName === name)!;
      expect(masksEqual(imported.instances[0]!.mask, union(image)), image.fileName).toBe(true);
    }
  });

  it('labelme: polygons and mask shapes round-trip every instance', async () => {
    const { folder, warnings } = await exported('labelme');
    const a = JSON.parse(await readFile(join(folder, 'a.json'), 'utf8'));
    expect(a).toMatchObject({ version: '5.4.1', imagePath: 'a.jpg', imageData: null, imageHeight: 30, imageWidth: 40 });
    expect(a.shapes[0]).toMatchObject({ label: 'cat', shape_type: 'polygon', group_id: 1, points: [[20, 3], [20, 11], [34, 11], [34, 3]] });
    expect(a.shapes.find((s: { group_id: number }) => s.group_id === 2).shape_type).toBe('mask');
    expect(warnings.some((w) => w.startsWith('a.jpg#2: holes or one-pixel-wide parts'))).toBe(true);
    const result = await readLabelmeFolder(folder, targets());
    expect(result.problems).toEqual([]);
    expectInstances(result);
  });

  it('png-instance: 16-bit instance numbers with a label index', async () => {
    const { folder, warnings } = await exported('png-instance');
    const png = decode(await readFile(join(folder, 'a.png')));
    expect([png.channels, png.depth]).toEqual([1, 16]);
    const image = exportImages()[0]!;
    const expected = new Uint16Array(image.width * image.height);
    image.instances.forEach((instance, k) => instance.mask.data.forEach((v, i) => v && (expected[i] = k + 1)));
    expect(Array.from(png.data)).toEqual(Array.from(expected));
    const index = JSON.parse(await readFile(join(folder, 'instances.json'), 'utf8'));
    expect(index.images[0]).toEqual({
      file: 'a.png',
      imageId: 11,
      fileName: 'a.jpg',
      instances: [
        { value: 1, label: 'cat', categoryId: 1 },
        { value: 2, label: 'dog, "big"', categoryId: 2 },
        { value: 3, label: 'polyp', categoryId: 7 },
      ],
    });
    expect(warnings.some((w) => /covered by more than one instance/.test(w))).toBe(true);
  });

  it('png-palette: indexed PNG with the label palette, pixel = category id', async () => {
    const { folder } = await exported('png-palette');
    const png = decode(await readFile(join(folder, 'b.png')));
    expect(png.palette).toEqual(categoryPalette(categories).map((c) => [...c]));
    expect(png.palette![1]).toEqual([255, 0, 0]);
    const image = exportImages()[1]!;
    const expected = new Uint8Array(image.width * image.height);
    for (const instance of image.instances) instance.mask.data.forEach((v, i) => v && (expected[i] = instance.categoryId));
    expect(Array.from(png.data)).toEqual(Array.from(expected));
  });

  it('soft: the soft mask as 8-bit gray; images without one are reported', async () => {
    const { folder, warnings } = await exported('soft');
    const png = decode(await readFile(join(folder, 'a.png')));
    expect(Array.from(png.data)).toEqual(Array.from(exportImages()[0]!.softMask!.data));
    expect(warnings).toContain('sub/dir/b.png#-: no soft mask; not written');
    await expect(stat(join(folder, 'b.png'))).rejects.toThrow();
  });

  it('yolo-seg: normalised polygons that rasterise back to each part (holes filled, with a warning)', async () => {
    const { folder, warnings } = await exported('yolo-seg');
    expect(await readFile(join(folder, 'classes.txt'), 'utf8')).toBe('cat\ndog, "big"\npolyp\n');
    expect(await readFile(join(folder, 'data.yaml'), 'utf8')).toContain('names:\n  0: "cat"\n  1: "dog, \\"big\\""\n  2: "polyp"\n');
    expect(warnings).toContain('a.jpg#2: 1 hole(s) filled: YOLO-seg polygons cannot express holes');
    for (const [index, image] of exportImages().entries()) {
      const name = index === 3 ? 'A__14' : ['a', 'b', 'c'][index]!;
      const lines = (await readFile(join(folder, 'labels', `${name}.txt`), 'utf8')).split('\n').filter(Boolean);
      const byClass = new Map<number, number[][]>();
      for (const line of lines) {
        const [cls, ...coords] = line.split(' ').map(Number);
        const xy = coords.map((v, i) => Math.trunc(v * (i % 2 === 0 ? image.width : image.height)));
        byClass.set(cls!, [...(byClass.get(cls!) ?? []), xy]);
      }
      for (const [position, category] of categories.entries()) {
        const expected = image.instances
          .filter((instance) => instance.categoryId === category.id)
          .reduce((acc, instance) => maskUnion(acc, fillHoles(instance.mask)), binaryMask(image.width, image.height));
        const raster = rasterizeCentrePolygons(byClass.get(position) ?? [], image.width, image.height);
        expect(masksEqual(raster, expected), `${image.fileName} class ${category.name}`).toBe(true);
      }
    }
  });
});

describe('manifest and atomic folder', () => {
  it('records hashes, configuration, approver, format and warnings', async () => {
    const { folder } = await exported('labelme', 'manifest-check');
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'labelme',
      appVersion: '9.9.9',
      createdAt: '2026-01-02T03:04:05.000Z',
      configuration: { modelPack: 'test-pack', iterations: 6 },
      approvedBy: 'reviewer@example.org',
    });
    expect(manifest.images[0]).toMatchObject({ id: 11, fileName: 'a.jpg', output: 'a', sha256: 'f'.repeat(64) });
    expect(manifest.images[0].masks[0]).toMatchObject({ instance: 1, label: 'cat', categoryId: 1, area: 135 });
    expect(manifest.images[0].masks[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    for (const file of manifest.files) {
      const bytes = await readFile(join(folder, file.path));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    expect(manifest.warnings.length).toBeGreaterThan(0);
    expect(manifest.warnings[0]).toHaveProperty('message');
  });

  it('refuses an existing folder unless asked to overwrite, and replaces it whole when asked', async () => {
    const folder = join(root, 'twice');
    await writeExport(folder, exportDataset(), options('png'));
    await expect(writeExport(folder, exportDataset(), options('png'))).rejects.toThrow(/already exists/);
    await writeExport(folder, exportDataset(), { ...options('coco'), overwrite: true });
    expect((await readdir(folder)).sort()).toEqual(['annotations.json', 'manifest.json']);
  });

  it('leaves nothing behind when the input is invalid', async () => {
    const folder = join(root, 'invalid');
    const images = exportImages();
    const bad = { ...images[1]!, instances: [{ label: 'cat', categoryId: 1, mask: binaryMask(3, 3) }] };
    await expect(writeExport(folder, { categories, images: [images[0]!, bad] }, options('coco'))).rejects.toThrow(
      /instance 1 of image 12 \(sub\/dir\/b\.png\) is 3x3, the image is 25x33/,
    );
    await expect(writeExport(folder, { categories, images: [{ ...images[0]!, instances: [{ ...images[0]!.instances[0]!, categoryId: 99 }] }] }, options('coco'))).rejects.toThrow(
      /category id 99/,
    );
    expect((await readdir(root)).filter((name) => name.includes('invalid'))).toEqual([]);
  });
});

describe('YOLO coordinates', () => {
  it('scale back to the pixel under both rounding and truncation', async () => {
    const { normalisedCoordinate } = await import('../../../src/main/export/formats/yolo');
    for (const size of [3, 7, 49, 100, 333, 640, 1000, 1023, 4097]) {
      for (let x = 0; x < size; x++) {
        const back = normalisedCoordinate(x, size) * size;
        expect(Math.trunc(back)).toBe(x);
        expect(Math.round(back)).toBe(x);
      }
    }
  });
});
