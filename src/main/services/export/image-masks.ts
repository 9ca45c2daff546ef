/**
 * Which masks stand for an image, for export and evaluation, and how they are decoded:
 * - the current annotation (storage.annotations.current: a person's edit is never displaced by a run or an
 *   import, the repository decides), or
 * - one run's prediction: the masks of the newest annotation version that run wrote for the image (a run
 *   proposal, current or not); masks carrying that run id are the fallback for a run that stored masks without
 *   a version.
 * Null means the source has nothing for the image (never annotated, or not covered by the run); an empty list
 * means it was annotated with no instance ("nothing here"), which is a real answer.
 */
import { binaryMask, type BinaryMask, type GrayImage } from '../../../core/image';
import { decodeRle } from '../../../core/mask/rle';
import type { MaskRecord } from '../../storage/repositories/masks';
import type { Storage } from '../../storage/storage';
import { decodePngValues } from '../../export/formats/png-codec';

export type MaskSourceSpec = { readonly kind: 'annotations' } | { readonly kind: 'run'; readonly runId: number };

export function masksForImage(storage: Storage, imageId: number, source: MaskSourceSpec): readonly MaskRecord[] | null {
  if (source.kind === 'annotations') return storage.annotations.current(imageId)?.masks ?? null;
  const versions = storage.annotations.history(imageId);
  for (let index = versions.length - 1; index >= 0; index--) {
    const version = versions[index]!;
    if (version.source === 'run' && version.runId === source.runId) return storage.annotations.version(version.id)?.masks ?? [];
  }
  const loose = storage.masks.ofImage(imageId).filter((mask) => mask.runId === source.runId);
  return loose.length > 0 ? loose : null;
}

export function decodeMask(mask: MaskRecord): BinaryMask {
  return decodeRle({ size: [mask.rle.size[0], mask.rle.size[1]], counts: mask.rle.counts });
}

/** The union of the masks as one binary mask of the given size (instances of another size are an error). */
export function unionMask(masks: readonly MaskRecord[], width: number, height: number): BinaryMask {
  const union = binaryMask(width, height);
  for (const record of masks) {
    const mask = decodeMask(record);
    if (mask.width !== width || mask.height !== height) {
      throw new Error(`mask ${record.id} is ${mask.width}x${mask.height}, its image ${width}x${height}`);
    }
    const source = mask.data;
    const target = union.data;
    for (let i = 0; i < target.length; i++) target[i]! |= source[i]!;
  }
  return union;
}

/** A stored soft mask (8-bit grayscale PNG, probability x 255) as an 8-bit gray image; 16-bit files are scaled down. */
export function decodeSoftMask(png: Uint8Array): GrayImage {
  const decoded = decodePngValues(png);
  const data = new Uint8Array(decoded.values.length);
  const shift = decoded.depth > 8 ? decoded.depth - 8 : 0;
  const scale = decoded.depth < 8 && !decoded.indexed ? 255 / ((1 << decoded.depth) - 1) : 1;
  for (let i = 0; i < data.length; i++) data[i] = Math.round((decoded.values[i]! >> shift) * scale);
  return { width: decoded.width, height: decoded.height, data };
}

/**
 * The pixelwise maximum of the masks' soft masks, when every mask has one of the image's size: the soft
 * prediction of the whole image. Null when any mask has no soft mask or a soft mask of another size (the
 * binary masks are then the prediction).
 */
export function softUnion(storage: Storage, masks: readonly MaskRecord[], width: number, height: number): GrayImage | null {
  if (masks.length === 0 || !masks.every((mask) => mask.hasSoftMask)) return null;
  const out = new Uint8Array(width * height);
  for (const mask of masks) {
    const png = storage.masks.softMaskPng(mask.id);
    if (png === null) return null;
    const soft = decodeSoftMask(png);
    if (soft.width !== width || soft.height !== height) return null;
    const values = soft.data;
    for (let i = 0; i < out.length; i++) if (values[i]! > out[i]!) out[i] = values[i]!;
  }
  return { width, height, data: out };
}
