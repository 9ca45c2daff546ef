/**
 * Previous / next image when an image is opened from a run (its list in run order, or most uncertain
 * first): the same window-around-a-hint scheme as canvas/neighbours.ts, over a `runs.images` answer.
 */
import type { RunImage } from '../../../../shared/dto/runs';

export interface RunNeighbour {
  readonly id: number;
  readonly fileName: string;
}

export interface RunNeighbours {
  /** The image's index in the run's list, or null when it is not where the hint said. */
  readonly index: number | null;
  readonly total: number;
  readonly previous: RunNeighbour | null;
  readonly next: RunNeighbour | null;
}

function neighbour(row: RunImage | undefined): RunNeighbour | null {
  return row === undefined ? null : { id: row.imageId, fileName: row.fileName };
}

export function findRunNeighbours(list: { readonly total: number; readonly items: readonly RunImage[] }, offset: number, imageId: number): RunNeighbours {
  const at = list.items.findIndex((item) => item.imageId === imageId);
  if (at < 0) return { index: null, total: list.total, previous: null, next: null };
  return { index: offset + at, total: list.total, previous: neighbour(list.items[at - 1]), next: neighbour(list.items[at + 1]) };
}
