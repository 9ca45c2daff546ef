/**
 * Outer contours through pixel CENTRES, for formats whose readers rasterise that way:
 * labelme (PIL ImageDraw.polygon with outline and fill) and YOLO-seg (cv2.fillPoly / findContours
 * convention). Pixel (x, y) is the point (x, y). Not used for COCO (see polygon.ts).
 *
 * Contract:
 * - maskToCentreContours: one contour per 8-connected foreground component, the component's outer
 *   border pixels in Suzuki-Abe border-following order, reduced to the points where the direction
 *   changes. Edges are horizontal, vertical or diagonal. Holes are not represented.
 * - rasterizeCentrePolygons: a pixel is set when its centre is inside a polygon (even-odd, per
 *   polygon) or on its outline (Bresenham lines between rounded vertices, as PIL draws outlines);
 *   polygons are unioned. For contours of this file that reproduces the component exactly when it
 *   has no holes; callers compare and fall back to a mask representation otherwise.
 */
import { binaryMask, type BinaryMask } from '../image';
import { labelComponents } from './components';

/** Counter-clockwise on screen (y down) starting east: E, NE, N, NW, W, SW, S, SE. */
const NX = [1, 1, 0, -1, -1, -1, 0, 1] as const;
const NY = [0, -1, -1, -1, 0, 1, 1, 1] as const;

function directionOf(dx: number, dy: number): number {
  for (let k = 0; k < 8; k++) if (NX[k] === dx && NY[k] === dy) return k;
  throw new Error(`not a neighbour step: (${dx}, ${dy})`);
}

export interface CentreContour {
  /** Flat [x0, y0, x1, y1, ...] at pixel centres, turning points only. */
  readonly points: number[];
  /**
   * True when the border visits no pixel twice: the polygon is simple (no zero-width spikes or
   * one-pixel-wide bridges), so rasterisers that disagree on degenerate edges still agree on it.
   */
  readonly simple: boolean;
}

/** One outer contour per 8-connected component, in raster order of the components' first pixels. */
export function maskToCentreContours(mask: BinaryMask): CentreContour[] {
  const { width, height, data } = mask;
  const fg = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && data[y * width + x] !== 0;
  const { labels, count } = labelComponents(mask, 8);
  const started = new Uint8Array(count + 1);
  const contours: CentreContour[] = [];
  for (let i = 0; i < labels.length && contours.length < count; i++) {
    const label = labels[i]!;
    if (label === 0 || started[label] !== 0) continue;
    started[label] = 1;
    contours.push(traceOuter(fg, width, i % width, Math.floor(i / width)));
  }
  return contours;
}

/** Suzuki-Abe outer border following from the component's first pixel in raster order. */
function traceOuter(fg: (x: number, y: number) => boolean, width: number, sx: number, sy: number): CentreContour {
  // Step 3.1: from the west neighbour, clockwise (= decreasing index in NX/NY) for a foreground pixel.
  let first = -1;
  for (let step = 0; step < 8; step++) {
    const k = (4 - step + 8) & 7;
    if (fg(sx + NX[k]!, sy + NY[k]!)) {
      first = k;
      break;
    }
  }
  if (first < 0) return { points: [sx, sy], simple: false };
  const p1x = sx + NX[first]!;
  const p1y = sy + NY[first]!;
  let p2x = p1x;
  let p2y = p1y;
  let p3x = sx;
  let p3y = sy;
  const points: number[] = [sx, sy];
  for (;;) {
    // Step 3.3: counter-clockwise around p3, starting after p2.
    const from = directionOf(p2x - p3x, p2y - p3y);
    let p4x = p2x;
    let p4y = p2y;
    for (let step = 1; step <= 8; step++) {
      const k = (from + step) & 7;
      if (fg(p3x + NX[k]!, p3y + NY[k]!)) {
        p4x = p3x + NX[k]!;
        p4y = p3y + NY[k]!;
        break;
      }
    }
    if (p4x === sx && p4y === sy && p3x === p1x && p3y === p1y) break;
    p2x = p3x;
    p2y = p3y;
    p3x = p4x;
    p3y = p4y;
    points.push(p3x, p3y);
  }
  const seen = new Set<number>();
  let simple = true;
  for (let i = 0; i < points.length && simple; i += 2) {
    const key = points[i + 1]! * width + points[i]!;
    if (seen.has(key)) simple = false;
    seen.add(key);
  }
  const turns = keepTurns(points);
  return { points: turns, simple: simple && turns.length >= 6 };
}

/** Drops points where the walk continues in the same direction (closed contour). */
function keepTurns(points: number[]): number[] {
  const n = points.length >> 1;
  if (n < 3) return points;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const prev = (i + n - 1) % n;
    const next = (i + 1) % n;
    const ax = points[2 * i]! - points[2 * prev]!;
    const ay = points[2 * i + 1]! - points[2 * prev + 1]!;
    const bx = points[2 * next]! - points[2 * i]!;
    const by = points[2 * next + 1]! - points[2 * i + 1]!;
    if (ax !== bx || ay !== by) out.push(points[2 * i]!, points[2 * i + 1]!);
  }
  return out.length >= 2 ? out : points.slice(0, 2);
}

/** Union of closed polygons at pixel centres (inside or on the outline); see the file contract. */
export function rasterizeCentrePolygons(polygons: readonly ArrayLike<number>[], width: number, height: number): BinaryMask {
  const mask = binaryMask(width, height);
  const data = mask.data;
  const crossings: number[] = [];
  for (const polygon of polygons) {
    const n = polygon.length >> 1;
    if (n === 0) continue;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minY = Math.min(minY, polygon[2 * i + 1]!);
      maxY = Math.max(maxY, polygon[2 * i + 1]!);
    }
    const y0 = Math.max(0, Math.ceil(minY));
    const y1 = Math.min(height - 1, Math.floor(maxY));
    for (let y = y0; y <= y1; y++) {
      crossings.length = 0;
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        const ax = polygon[2 * i]!;
        const ay = polygon[2 * i + 1]!;
        const bx = polygon[2 * j]!;
        const by = polygon[2 * j + 1]!;
        // Half-open in y so that a vertex on the scanline is counted once.
        if ((ay <= y && by > y) || (by <= y && ay > y)) crossings.push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
      crossings.sort((a, b) => a - b);
      for (let c = 0; c + 1 < crossings.length; c += 2) {
        const from = Math.max(0, Math.ceil(crossings[c]!));
        const to = Math.min(width - 1, Math.floor(crossings[c + 1]!));
        for (let x = from; x <= to; x++) data[y * width + x] = 1;
      }
    }
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      drawLine(data, width, height, polygon[2 * i]!, polygon[2 * i + 1]!, polygon[2 * j]!, polygon[2 * j + 1]!);
    }
  }
  return mask;
}

function drawLine(data: Uint8Array, width: number, height: number, ax: number, ay: number, bx: number, by: number): void {
  let x0 = Math.round(ax);
  let y0 = Math.round(ay);
  const x1 = Math.round(bx);
  const y1 = Math.round(by);
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let error = dx + dy;
  for (;;) {
    if (x0 >= 0 && y0 >= 0 && x0 < width && y0 < height) data[y0 * width + x0] = 1;
    if (x0 === x1 && y0 === y1) break;
    const e2 = 2 * error;
    if (e2 >= dy) {
      error += dy;
      x0 += sx;
    }
    if (e2 <= dx) {
      error += dx;
      y0 += sy;
    }
  }
}
