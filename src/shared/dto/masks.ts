import { z } from 'zod';
import { Id } from './common';

/** COCO RLE: size is [height, width]; counts is the compressed string pycocotools writes. */
export const CocoRle = z.object({
  size: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  counts: z.string(),
});
export type CocoRle = z.infer<typeof CocoRle>;

export const MASK_SOURCES = ['run', 'human', 'import'] as const;
export const MaskSource = z.enum(MASK_SOURCES);

export const MaskInstance = z.object({
  id: Id,
  label: z.string(),
  source: MaskSource,
  rle: CocoRle,
  area: z.number().int().nonnegative(),
  /** COCO [x, y, width, height]. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type MaskInstance = z.infer<typeof MaskInstance>;

export const ImageMasks = z.object({
  imageId: Id,
  /** Version of the annotation these masks belong to; null when the image has none yet. */
  version: z.number().int().positive().nullable(),
  instances: z.array(MaskInstance),
});
export type ImageMasks = z.infer<typeof ImageMasks>;
