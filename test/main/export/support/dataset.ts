/** A small export dataset with the hard cases: holes, islands in holes, diagonal contacts, one-pixel parts, overlaps, clashing basenames. */
import { binaryMask, type BinaryMask } from '../../../../src/core/image';
import type { ExportCategory, ExportDataset, ExportImage, ImportTarget } from '../../../../src/main/export/formats/model';
import { generateMask } from '../../../core/metrics/support/random';

export const categories: ExportCategory[] = [
  { id: 1, name: 'cat', color: [255, 0, 0] },
  { id: 2, name: 'dog, "big"' },
  { id: 7, name: 'polyp' },
];

function rect(width: number, height: number, x0: number, y0: number, x1: number, y1: number): BinaryMask {
  const mask = binaryMask(width, height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) mask.data[y * width + x] = 1;
  return mask;
}

function ringWithIsland(width: number, height: number): BinaryMask {
  const mask = rect(width, height, 2, 2, 15, 15);
  for (let y = 4; y < 13; y++) for (let x = 4; x < 13; x++) mask.data[y * width + x] = 0;
  for (let y = 7; y < 10; y++) for (let x = 7; x < 10; x++) mask.data[y * width + x] = 1;
  return mask;
}

export function exportImages(): ExportImage[] {
  const soft = new Uint8Array(40 * 30).map((_, i) => (i * 13) % 256);
  return [
    {
      id: 11,
      fileName: 'a.jpg',
      width: 40,
      height: 30,
      sha256: 'f'.repeat(64),
      instances: [
        { label: 'cat', categoryId: 1, mask: rect(40, 30, 20, 3, 35, 12) },
        { label: 'dog, "big"', categoryId: 2, mask: ringWithIsland(40, 30) },
        { label: 'polyp', categoryId: 7, mask: generateMask(5, 40, 30, 'shapes') },
      ],
      softMask: { width: 40, height: 30, data: soft },
    },
    {
      id: 12,
      fileName: 'sub/dir/b.png',
      width: 25,
      height: 33,
      instances: [
        { label: 'polyp', categoryId: 7, mask: generateMask(9, 25, 33, 'noise', 30) },
        { label: 'cat', categoryId: 1, mask: binaryMask(25, 33, Uint8Array.from({ length: 25 * 33 }, (_, i) => (i % 25 === (Math.floor(i / 25) % 25) ? 1 : 0))) },
      ],
    },
    { id: 13, fileName: 'c.jpeg', width: 17, height: 9, instances: [] },
    { id: 14, fileName: 'other/A.JPG', width: 12, height: 10, instances: [{ label: 'cat', categoryId: 1, mask: rect(12, 10, 0, 0, 12, 10) }] },
  ];
}

export function exportDataset(): ExportDataset {
  return { categories, images: exportImages() };
}

export function targets(): ImportTarget[] {
  return exportImages().map((image) => ({ fileName: image.fileName, width: image.width, height: image.height }));
}
