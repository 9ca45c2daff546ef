/**
 * A project in a temporary database with the hard cases of export/support/dataset.ts (holes, islands in holes,
 * diagonal contacts, one-pixel parts, overlapping instances, an annotation with no instance), soft masks on one
 * image, one image never annotated, and one approved image.
 */
import { encode } from 'fast-png';
import type { BinaryMask } from '../../../../src/core/image';
import { maskArea, maskBbox } from '../../../../src/core/mask/ops';
import { encodeRle } from '../../../../src/core/mask/rle';
import type { ImageRecord } from '../../../../src/main/storage/repositories/images';
import type { Storage } from '../../../../src/main/storage/storage';
import { exportImages } from '../../export/support/dataset';
import { fakeHash } from '../../storage/helpers/temp-storage';

export const LABELS = [
  { name: 'cat', color: '#ff0000' },
  { name: 'dog, "big"', color: '#00ff00' },
  { name: 'polyp', color: '#0000ff' },
];

export interface SeededInstance {
  readonly label: string;
  readonly mask: BinaryMask;
}

export interface SeededImage {
  readonly record: ImageRecord;
  /** null: never annotated. */
  readonly instances: readonly SeededInstance[] | null;
  /** The soft mask stored on every instance of the image, when any. */
  readonly soft: Uint8Array | null;
}

export interface SeededProject {
  readonly projectId: number;
  readonly images: readonly SeededImage[];
}

let hashes = 1000;

/** The dataset's names as a project stores them (basenames); A.JPG becomes d.JPG so no two basenames clash (a / A). */
export function projectFileName(fileName: string): string {
  const base = fileName.split('/').pop()!;
  return base === 'A.JPG' ? 'd.JPG' : base;
}

export function storedMask(mask: BinaryMask, label: string, softPng: Uint8Array | null = null) {
  const rle = encodeRle(mask);
  return { label, rle: { size: [rle.size[0], rle.size[1]] as const, counts: rle.counts }, area: maskArea(mask), bbox: maskBbox(mask), softMaskPng: softPng };
}

export function addImage(storage: Storage, projectId: number, fileName: string, width: number, height: number): ImageRecord {
  hashes += 1;
  return storage.images.add(
    {
      projectId,
      path: `/data/project-${projectId}/${fileName}`,
      fileName,
      format: 'png',
      contentHash: fakeHash(hashes),
      width,
      height,
      byteSize: 100,
      mtimeMs: 1_700_000_000_000,
      thumbnail: null,
    },
    'test',
  );
}

/** Images named and sized like the dataset's (basenames), without annotations: a target for imports. */
export function mirrorProject(storage: Storage, name: string): { projectId: number; images: ImageRecord[] } {
  const project = storage.projects.create({ name, taskPrompt: 'polyp', labels: LABELS }, 'test');
  const images = exportImages().map((image) => addImage(storage, project.id, projectFileName(image.fileName), image.width, image.height));
  return { projectId: project.id, images };
}

export function seedProject(storage: Storage): SeededProject {
  const project = storage.projects.create({ name: 'source', taskPrompt: 'polyp', labels: LABELS }, 'test');
  const seeded: SeededImage[] = [];
  for (const image of exportImages()) {
    const record = addImage(storage, project.id, projectFileName(image.fileName), image.width, image.height);
    const soft = image.softMask?.data ?? null;
    const softPng = soft === null ? null : encode({ width: image.width, height: image.height, data: soft, channels: 1, depth: 8 });
    storage.annotations.addImported(record.id, {
      author: 'test',
      instances: image.instances.map((instance) => storedMask(instance.mask, instance.label, softPng)),
    });
    seeded.push({ record, instances: image.instances.map((instance) => ({ label: instance.label, mask: instance.mask })), soft });
  }
  // Never annotated: not exported, not evaluated.
  seeded.push({ record: addImage(storage, project.id, 'unlabelled.jpg', 9, 7), instances: null, soft: null });
  // a.jpg is approved by a reviewer.
  storage.reviews.record({ imageId: seeded[0]!.record.id, versionId: storage.annotations.current(seeded[0]!.record.id)!.id, action: 'approve', actor: 'reviewer@example.org' });
  return { projectId: project.id, images: seeded.map((image, index) => (index === 0 ? { ...image, record: storage.images.require(image.record.id) } : image)) };
}
