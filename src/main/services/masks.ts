/** The stored masks of an image's current annotation version, for the canvas. */
import type { Storage } from '../storage/storage';
import type { ImageMasks } from '../../shared/dto/masks';

export function currentMasks(storage: Storage, imageId: number): ImageMasks {
  storage.images.require(imageId);
  const current = storage.annotations.current(imageId);
  if (current === null) return { imageId, version: null, instances: [] };
  return {
    imageId,
    version: current.version,
    instances: current.masks.map((mask) => ({
      id: mask.id,
      label: mask.label,
      source: mask.source,
      rle: { size: [mask.rle.size[0], mask.rle.size[1]], counts: mask.rle.counts },
      area: mask.area,
      bbox: [mask.bbox[0], mask.bbox[1], mask.bbox[2], mask.bbox[3]],
    })),
  };
}
