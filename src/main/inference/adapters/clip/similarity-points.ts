/**
 * INT's SpatialPoints from a CLIP similarity map (INT.md section 4): a map of (foreground minus
 * background) similarity per cell, resampled to a 28x28 grid and min-max normalised; cells >= 0.9 become
 * positive points, and as many of the lowest cells become negative points. Points sit at cell centres,
 * in pixels of the image. Pure arithmetic on typed arrays.
 */
import type { PointPrompt } from '../../../../core/image';
import { minMaxNormalise } from '../../../../core/int/pixels';
import { bilinearResize } from '../image-ops';

export interface SimilarityPointOptions {
  /** Cells per side of the decision grid (28 in INT). */
  readonly grid: number;
  /** Normalised value at or above which a cell is positive (0.9 in INT). */
  readonly threshold: number;
  /** At most this many points per label, best first; 0 = no limit. */
  readonly maxPointsPerLabel: number;
}

export const DEFAULT_SIMILARITY_POINT_OPTIONS: SimilarityPointOptions = { grid: 28, threshold: 0.9, maxPointsPerLabel: 0 };

/** Bilinear resampling of a side x side map (cell-centre aligned) to grid x grid. */
export function resampleMap(map: Float32Array, side: number, grid: number): Float32Array {
  if (map.length !== side * side) throw new RangeError(`similarity map of side ${side} needs ${side * side} values, got ${map.length}`);
  return bilinearResize(map, side, side, side, grid, grid);
}

/**
 * Positive and negative points from a normalised grid x grid map. Ties are broken by cell index so the
 * result is deterministic. A flat map gives no points.
 */
export function pointsFromNormalisedGrid(normalised: Float32Array, grid: number, width: number, height: number, options: SimilarityPointOptions): PointPrompt[] {
  const order = Array.from({ length: normalised.length }, (_, i) => i);
  order.sort((a, b) => (normalised[b] ?? 0) - (normalised[a] ?? 0) || a - b);
  let positives = order.filter((i) => (normalised[i] ?? 0) >= options.threshold);
  const best = normalised[order[0] ?? 0] ?? 0;
  const worst = normalised[order[order.length - 1] ?? 0] ?? 0;
  if (!(best - worst > 1e-12)) return [];
  if (options.maxPointsPerLabel > 0) positives = positives.slice(0, options.maxPointsPerLabel);
  const positiveSet = new Set(positives);
  const negatives = order
    .slice()
    .reverse()
    .filter((i) => !positiveSet.has(i))
    .slice(0, positives.length);
  const toPoint = (cell: number, label: 0 | 1): PointPrompt => ({
    x: (((cell % grid) + 0.5) * width) / grid,
    y: ((Math.floor(cell / grid) + 0.5) * height) / grid,
    label,
  });
  return [...positives.map((c) => toPoint(c, 1)), ...negatives.map((c) => toPoint(c, 0))];
}

/** The whole SpatialPoints step from a raw side x side (fg - bg) map. */
export function pointsFromSimilarityMap(map: Float32Array, side: number, width: number, height: number, options: SimilarityPointOptions = DEFAULT_SIMILARITY_POINT_OPTIONS): PointPrompt[] {
  const normalised = minMaxNormalise(resampleMap(map, side, options.grid));
  return pointsFromNormalisedGrid(normalised, options.grid, width, height, options);
}
