/**
 * Bad input for the readers: every bad item is reported with its file and the reason, and the rest
 * of the input is still imported.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRle } from '../../../src/core/mask/rle';
import { binaryMask } from '../../../src/core/image';
import { readCoco, readCocoFile } from '../../../src/main/export/formats/coco-reader';
import { readLabelmeFolder } from '../../../src/main/export/formats/labelme-reader';
import { readPngFolder } from '../../../src/main/export/formats/png-reader';
import type { ImportTarget } from '../../../src/main/export/formats/model';

const targets: ImportTarget[] = [
  { fileName: 'one.jpg', width: 6, height: 4 },
  { fileName: 'two.jpg', width: 5, height: 5 },
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'intseg-import-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('COCO import problems', () => {
  const block = binaryMask(6, 4, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]));
  const document = {
    images: [
      { id: 1, file_name: 'one.jpg', width: 6, height: 4 },
      { id: 2, file_name: 'two.jpg', width: 5, height: 5 },
      { id: 3, file_name: 'elsewhere.jpg', width: 5, height: 5 },
    ],
    categories: [{ id: 1, name: 'thing' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, segmentation: encodeRle(block), iscrowd: 0 },
      { id: 2, image_id: 1, category_id: 1, segmentation: { size: [6, 4], counts: encodeRle(block).counts }, iscrowd: 0 },
      { id: 3, image_id: 2, category_id: 1, segmentation: [[0, 0, 4, 0]], iscrowd: 0 },
      { id: 4, image_id: 2, category_id: 1, segmentation: [[0, 0, 4, 0], [0, 0, 3, 0, 3, 3, 0, 3]], iscrowd: 0 },
      { id: 5, image_id: 3, category_id: 1, segmentation: [[0, 0, 3, 0, 3, 3]], iscrowd: 0 },
      { id: 6, image_id: 2, category_id: 9, segmentation: [[0, 0, 3, 0, 3, 3]], iscrowd: 0 },
      { id: 7, image_id: 1, category_id: 1, segmentation: { size: [4, 6], counts: [0, 24] }, iscrowd: 1 },
      { id: 8, image_id: 1, category_id: 1, segmentation: { size: [4, 6], counts: [0, 23] }, iscrowd: 1 },
    ],
  };

  it('reports each bad item with the file and the reason and imports the rest', () => {
    const result = readCoco(JSON.stringify(document), 'annotations.json', targets);
    const reasons = result.problems.map((p) => `${p.file} | ${p.item} | ${p.reason}`);
    expect(reasons).toEqual([
      'annotations.json | image 3 (elsewhere.jpg) | unknown image name elsewhere.jpg: no project image has this name',
      'annotations.json | annotation 2 | bad RLE size [6,4]: the image is 4x6 ([height, width])',
      'annotations.json | annotation 3 | polygon 0 has 4 numbers; at least 6 (three points) are needed; that polygon is skipped',
      'annotations.json | annotation 4 | polygon 0 has 4 numbers; at least 6 (three points) are needed; that polygon is skipped',
      'annotations.json | annotation 5 | its image 3 was not imported (see that image)',
      'annotations.json | annotation 6 | unknown category_id 9',
      'annotations.json | annotation 8 | bad RLE: RLE counts sum to 23 but size 4x6 (height x width) needs 24',
    ]);
    const one = result.images.find((i) => i.fileName === 'one.jpg')!;
    expect(one.instances.map((i) => i.label)).toEqual(['thing', 'thing']);
    expect(Array.from(one.instances[0]!.mask.data)).toEqual(Array.from(block.data));
    expect(one.instances[1]!.mask.data.every((v) => v === 1)).toBe(true);
    const two = result.images.find((i) => i.fileName === 'two.jpg')!;
    expect(two.instances).toHaveLength(1); // annotation 4, from its valid polygon
    expect(two.instances[0]!.mask.data.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('reports a mismatched image size and malformed JSON', async () => {
    const resized = { ...document, images: [{ id: 1, file_name: 'one.jpg', width: 7, height: 4 }], annotations: [] };
    expect(readCoco(JSON.stringify(resized), 'a.json', targets).problems).toEqual([
      { file: 'a.json', item: 'image 1 (one.jpg)', reason: 'mismatched size: 7x4 in the file, 6x4 in the project' },
    ]);
    const path = join(root, 'broken.json');
    await writeFile(path, '{"images": [');
    const broken = await readCocoFile(path, targets);
    expect(broken.images).toEqual([]);
    expect(broken.problems).toEqual([{ file: path, item: 'file', reason: expect.stringMatching(/^malformed JSON: /) }]);
  });
});

describe('PNG import problems', () => {
  it('reports wrong sizes, unknown names, unreadable and non-binary files and imports the rest', async () => {
    const folder = join(root, 'png');
    await mkdir(folder);
    const good = Uint8Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? 255 : 0));
    await writeFile(join(folder, 'one.png'), encode({ width: 6, height: 4, data: good, channels: 1, depth: 8 }));
    await writeFile(join(folder, 'two.png'), encode({ width: 4, height: 5, data: new Uint8Array(20), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'three.png'), encode({ width: 5, height: 5, data: new Uint8Array(25), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'notes.txt'), 'hello');
    const result = await readPngFolder(folder, targets, 'thing');
    expect(result.problems.map((p) => `${p.file.slice(folder.length + 1)} | ${p.reason}`)).toEqual([
      'notes.txt | not a PNG file; skipped',
      'three.png | unknown image name three.png: no project image has this name',
      'two.png | mismatched size: 4x5, the image two.jpg is 5x5',
      'two.png | no mask file for image two.jpg',
    ]);
    expect(result.images).toHaveLength(1);
    expect(Array.from(result.images[0]!.instances[0]!.mask.data)).toEqual(Array.from(good, (v) => (v ? 1 : 0)));
  });

  it('thresholds a non-binary mask at half range and says so; reads 0/1 masks', async () => {
    const folder = join(root, 'png-levels');
    await mkdir(folder);
    await writeFile(join(folder, 'one.png'), encode({ width: 6, height: 4, data: Uint8Array.from({ length: 24 }, (_, i) => [0, 100, 200][i % 3]!), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'two.png'), encode({ width: 5, height: 5, data: Uint8Array.from({ length: 25 }, (_, i) => i % 2), channels: 1, depth: 8 }));
    await writeFile(join(folder, 'broken.png'), Buffer.from('\x89PNG\r\n\x1a\ngarbage'));
    const result = await readPngFolder(folder, [...targets, { fileName: 'broken.jpg', width: 1, height: 1 }], 'thing');
    expect(result.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/^unreadable PNG: /),
      'not a binary mask (more than two values); pixels above 127 imported as foreground',
      'no mask file for image broken.jpg',
    ]);
    const one = result.images.find((i) => i.fileName === 'one.jpg')!;
    expect(Array.from(one.instances[0]!.mask.data.slice(0, 3))).toEqual([0, 0, 1]);
    const two = result.images.find((i) => i.fileName === 'two.jpg')!;
    expect(two.instances[0]!.mask.data.reduce((a, b) => a + b, 0)).toBe(12);
  });
});

describe('labelme import problems', () => {
  it('reports mismatched sizes, unknown images, malformed JSON and bad shapes, and imports the rest', async () => {
    const folder = join(root, 'labelme');
    await mkdir(folder);
    const file = (imagePath: string, width: number, height: number, shapes: unknown[]): string =>
      JSON.stringify({ version: '5.4.1', flags: {}, shapes, imagePath, imageData: null, imageHeight: height, imageWidth: width });
    const square = { label: 'thing', points: [[1, 1], [3, 1], [3, 2], [1, 2]], group_id: null, shape_type: 'polygon', flags: {} };
    await writeFile(join(folder, 'one.json'), file('../images/one.jpg', 6, 4, [square, { ...square, shape_type: 'circle', points: [[1, 1], [2, 2]] }, { ...square, points: [[0, 0], [1, 1]] }, { label: 'box', points: [[0, 0], [1, 2]], shape_type: 'rectangle' }]));
    await writeFile(join(folder, 'two.json'), file('two.jpg', 6, 6, [square]));
    await writeFile(join(folder, 'three.json'), file('three.jpg', 5, 5, [square]));
    await writeFile(join(folder, 'four.json'), '{"shapes": [}');
    const result = await readLabelmeFolder(folder, targets);
    expect(result.problems.map((p) => `${p.file.slice(folder.length + 1)} | ${p.item} | ${p.reason}`)).toEqual([
      expect.stringMatching(/^four\.json \| file \| malformed JSON: /),
      'one.json | shape 1 | shape type "circle" is not an area (polygon, rectangle or mask); skipped',
      'one.json | shape 2 | polygon with 2 point(s); at least three are needed',
      'three.json | file | unknown image name three.jpg: no project image has this name',
      'two.json | file | mismatched size: 6x6 in the file, 5x5 in the project',
    ]);
    expect(result.images).toHaveLength(1);
    const [polygon, box] = result.images[0]!.instances;
    expect(polygon!.label).toBe('thing');
    expect(Array.from(polygon!.mask.data)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(box!.mask.data)).toEqual([1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
