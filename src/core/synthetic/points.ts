/**
 * PointPrompter stand-in (world.ts, "PointPrompter"): fg-minus-bg similarity averaged on a
 * POINT_GRID x POINT_GRID grid, min-max normalised; cells >= POINT_POSITIVE_LEVEL positive (at most
 * POINT_MAX_POSITIVE, best first), as many lowest cells negative; points at cell centres.
 */
import type { PointPrompt, RgbImage } from '../image';
import type { PointPrompter } from '../ports';
import { phraseSimilarity } from './features';
import { POINT_GRID, POINT_MAX_POSITIVE, POINT_POSITIVE_LEVEL } from './world';

export class SyntheticPointPrompter implements PointPrompter {
  readonly id = 'synthetic-points@world-1';

  async points(image: RgbImage, foreground: readonly string[], background: readonly string[]): Promise<readonly PointPrompt[]> {
    const { width, height } = image;
    const diff = new Float32Array(width * height);
    const add = (names: readonly string[], sign: number): void => {
      for (const name of names) {
        const sim = phraseSimilarity(image, name);
        for (let i = 0; i < diff.length; i++) diff[i] += (sign * sim[i]) / names.length;
      }
    };
    add(foreground, 1);
    add(background, -1);
    const cells = cellMeans(diff, width, height, POINT_GRID);
    return pointsFromCells(cells, POINT_GRID, width, height);
  }
}

/** Mean of `values` per grid cell; cell c spans [floor(c * W / G), floor((c + 1) * W / G)); an empty cell is 0. */
export function cellMeans(values: Float32Array, width: number, height: number, grid: number): Float32Array {
  const out = new Float32Array(grid * grid);
  for (let gy = 0; gy < grid; gy++) {
    const y1 = Math.floor((gy * height) / grid);
    const y2 = Math.floor(((gy + 1) * height) / grid);
    for (let gx = 0; gx < grid; gx++) {
      const x1 = Math.floor((gx * width) / grid);
      const x2 = Math.floor(((gx + 1) * width) / grid);
      let sum = 0;
      for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) sum += values[y * width + x];
      const count = (y2 - y1) * (x2 - x1);
      out[gy * grid + gx] = count === 0 ? 0 : sum / count;
    }
  }
  return out;
}

function pointsFromCells(cells: Float32Array, grid: number, width: number, height: number): PointPrompt[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of cells) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi - lo > 1e-12)) return [];
  const normalised = Array.from(cells, (v) => (v - lo) / (hi - lo));
  const order = normalised.map((_, i) => i).sort((a, b) => (normalised[b] as number) - (normalised[a] as number) || a - b);
  const positives = order.filter((i) => (normalised[i] as number) >= POINT_POSITIVE_LEVEL).slice(0, POINT_MAX_POSITIVE);
  const taken = new Set(positives);
  const negatives = [...order]
    .reverse()
    .filter((i) => !taken.has(i))
    .slice(0, positives.length);
  const point = (cell: number, label: 0 | 1): PointPrompt => ({
    x: (((cell % grid) + 0.5) * width) / grid,
    y: ((Math.floor(cell / grid) + 0.5) * height) / grid,
    label,
  });
  return [...positives.map((c) => point(c, 1)), ...negatives.map((c) => point(c, 0))];
}
