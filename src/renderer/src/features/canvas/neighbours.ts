/**
 * Previous / next image for the image view. The route carries the image's index in the listing as a
 * hint; the view asks for the window [index - 1, index + 1] and checks the image is really there (the
 * listing may have changed since). Pure, over one `images.list` answer.
 */
import type { ImageList, ImageSummary } from '../../../../shared/dto/images';

export interface Neighbours {
  /** The image's index in the listing, or null when it is not where the hint said. */
  readonly index: number | null;
  readonly total: number;
  readonly previous: ImageSummary | null;
  readonly next: ImageSummary | null;
}

/** Offset of the window to ask for around a hinted index. */
export function neighbourWindowOffset(hint: number): number {
  return Math.max(0, hint - 1);
}

export function findNeighbours(list: ImageList, offset: number, imageId: number): Neighbours {
  const at = list.items.findIndex((item) => item.id === imageId);
  if (at < 0) return { index: null, total: list.total, previous: null, next: null };
  return {
    index: offset + at,
    total: list.total,
    previous: list.items[at - 1] ?? null,
    next: list.items[at + 1] ?? null,
  };
}
