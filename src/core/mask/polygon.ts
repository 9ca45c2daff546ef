/**
 * Mask <-> polygons with holes, exact in both directions.
 *
 * Coordinates are pixel CORNERS (crack edges): pixel (x, y) is the unit square [x, x+1] x [y, y+1].
 * This is COCO's convention: pycocotools' rleFrPoly samples a polygon at pixel centres (x + 0.5), so a
 * polygon whose vertices are pixel corners and whose edges run along pixel borders rasterises back to
 * exactly the traced pixels. OpenCV's findContours traces pixel centres instead, which loses half a
 * pixel on every side and cannot round-trip; that is why the tracer is hand-written here (it is the
 * project's own exactness requirement) and not taken from @techstark/opencv-js.
 *
 * Tracer contract (maskToPolygons):
 * - Foreground is 4-connected, background 8-connected (diagonal foreground pixels are separate parts;
 *   a background region that leaks through a diagonal gap is not a hole). With this pair every hole
 *   border belongs to exactly one foreground component.
 * - Each ring walks the border with the foreground on its right in image coordinates (y down):
 *   outer rings have positive shoelace area, holes negative. Only corner vertices are kept, every
 *   vertex is an integer, consecutive vertices differ in exactly one coordinate.
 * - A ring may touch itself at a vertex (where two diagonal background pixels meet); even-odd
 *   rasterisers, pycocotools included, handle that exactly.
 *
 * Rasteriser contract (polygonToMask): a port of maskApi.c rleFrPoly, so any polygon (ours or a
 * foreign one with fractional coordinates) gives the same pixels as pycocotools. COCO unions the
 * polygons of one annotation ('union'); rings with holes combine by parity ('even-odd').
 */
import { binaryMask, type BinaryMask } from '../image';
import { labelComponents } from './components';
import { decodeRle } from './rle';

/** A flat ring [x0, y0, x1, y1, ...]; closed implicitly (the last vertex connects to the first). */
export type Ring = number[];

export interface MaskPolygon {
  /** Outer border of one 4-connected foreground component. */
  readonly outer: Ring;
  /** Borders of the holes of that component. */
  readonly holes: Ring[];
}

// Directions: 0 = +x, 1 = +y, 2 = -x, 3 = -y (turning right in image coordinates adds 1).
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;
/** Right, straight, left. */
const TURN_ORDER = [1, 0, 3] as const;

/** Shoelace area (positive for outer rings of maskToPolygons, negative for holes). */
export function ringArea(ring: ArrayLike<number>): number {
  const n = ring.length >> 1;
  let twice = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    twice += ring[2 * i]! * ring[2 * j + 1]! - ring[2 * j]! * ring[2 * i + 1]!;
  }
  return twice / 2;
}

export function maskToPolygons(mask: BinaryMask): MaskPolygon[] {
  const { width, height, data } = mask;
  const fg = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && data[y * width + x] !== 0;
  const { labels, count } = labelComponents(mask, 4);
  const visited = new Uint8Array(width * (height + 1)); // horizontal edges, index y * width + x
  const outers: (Ring | null)[] = new Array<Ring | null>(count + 1).fill(null);
  const holes: Ring[][] = Array.from({ length: count + 1 }, () => []);

  for (let y = 0; y <= height; y++) {
    for (let x = 0; x < width; x++) {
      const above = fg(x, y - 1);
      const below = fg(x, y);
      if (above === below || visited[y * width + x] !== 0) continue;
      const startX = below ? x : x + 1;
      const startDir = below ? 0 : 2;
      const label = below ? labels[y * width + x]! : labels[(y - 1) * width + x]!;
      const ring = traceRing(fg, visited, width, startX, y, startDir);
      if (ringArea(ring) > 0) outers[label] = ring;
      else holes[label]!.push(ring);
    }
  }
  const polygons: MaskPolygon[] = [];
  for (let label = 1; label <= count; label++) {
    const outer = outers[label];
    if (outer) polygons.push({ outer, holes: holes[label]! });
  }
  return polygons;
}

function traceRing(
  fg: (x: number, y: number) => boolean,
  visited: Uint8Array,
  width: number,
  startX: number,
  startY: number,
  startDir: number,
): Ring {
  const ring: Ring = [];
  let vx = startX;
  let vy = startY;
  let dir = startDir;
  for (;;) {
    if (dir === 0) visited[vy * width + vx] = 1;
    else if (dir === 2) visited[vy * width + vx - 1] = 1;
    vx += DX[dir]!;
    vy += DY[dir]!;
    const tl = fg(vx - 1, vy - 1);
    const tr = fg(vx, vy - 1);
    const bl = fg(vx - 1, vy);
    const br = fg(vx, vy);
    // Prefer turning right, then straight, then left: at a saddle this keeps hugging the same
    // foreground pixel (4-connected foreground); elsewhere exactly one outgoing edge exists.
    let next = -1;
    for (let t = 0; t < 3; t++) {
      const d = (dir + TURN_ORDER[t]!) & 3;
      const out =
        d === 0 ? br && !tr : d === 1 ? bl && !br : d === 2 ? tl && !bl : tr && !tl;
      if (out) {
        next = d;
        break;
      }
    }
    if (next < 0) throw new Error(`polygon tracer lost the border at (${vx}, ${vy}); this is a bug`);
    if (next !== dir) ring.push(vx, vy);
    if (vx === startX && vy === startY && next === startDir) break;
    dir = next;
  }
  return ring;
}

/**
 * Sorted column-major toggle positions of one polygon, as pycocotools' rleFrPoly computes them
 * (upsample by 5, walk the edges, keep crossings of pixel-centre columns). Between the 2i-th and the
 * (2i+1)-th toggle the pixels are inside; with an odd count the last span runs to the end.
 */
export function polygonToggles(xy: ArrayLike<number>, width: number, height: number): Float64Array {
  return isPixelCornerRing(xy, width, height) ? cornerRingToggles(xy, width, height) : polygonTogglesGeneral(xy, width, height);
}

/** True for rings like maskToPolygons makes: integer vertices inside the image, axis-aligned edges. */
function isPixelCornerRing(xy: ArrayLike<number>, width: number, height: number): boolean {
  const k = xy.length >> 1;
  if (k < 2 || xy.length % 2 !== 0) return false;
  for (let j = 0; j < k; j++) {
    const x = xy[2 * j]!;
    const y = xy[2 * j + 1]!;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x > width || y > height) return false;
    const next = j + 1 === k ? 0 : j + 1;
    if (x !== xy[2 * next] && y !== xy[2 * next + 1]) return false;
  }
  return true;
}

/**
 * rleFrPoly's result for such a ring, computed directly: only horizontal edges cross pixel-centre
 * columns, an edge from x = a to x = b at height Y toggles columns a..b-1 at row Y. Identical to the
 * general port for these rings (tested), without the 5x upsampled walk.
 */
function cornerRingToggles(xy: ArrayLike<number>, width: number, height: number): Float64Array {
  const k = xy.length >> 1;
  const toggles: number[] = [];
  for (let j = 0; j < k; j++) {
    const next = j + 1 === k ? 0 : j + 1;
    const y = xy[2 * j + 1]!;
    if (y !== xy[2 * next + 1]) continue;
    const a = Math.min(xy[2 * j]!, xy[2 * next]!);
    const b = Math.min(Math.max(xy[2 * j]!, xy[2 * next]!), width);
    for (let column = a; column < b; column++) toggles.push(column * height + y);
  }
  return Float64Array.from(toggles).sort();
}

/** The general port of rleFrPoly (any polygon, fractional or out-of-image coordinates). */
export function polygonTogglesGeneral(xy: ArrayLike<number>, width: number, height: number): Float64Array {
  if (xy.length < 2) return new Float64Array(0);
  const k = xy.length >> 1;
  const scale = 5;
  const x = new Int32Array(k + 1);
  const y = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) x[j] = Math.trunc(scale * xy[2 * j]! + 0.5);
  x[k] = x[0]!;
  for (let j = 0; j < k; j++) y[j] = Math.trunc(scale * xy[2 * j + 1]! + 0.5);
  y[k] = y[0]!;
  let m = 0;
  for (let j = 0; j < k; j++) m += Math.max(Math.abs(x[j]! - x[j + 1]!), Math.abs(y[j]! - y[j + 1]!)) + 1;
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  m = 0;
  for (let j = 0; j < k; j++) {
    let xs = x[j]!;
    let xe = x[j + 1]!;
    let ys = y[j]!;
    let ye = y[j + 1]!;
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      let t = xs;
      xs = xe;
      xe = t;
      t = ys;
      ys = ye;
      ye = t;
    }
    const s = dx >= dy ? (ye - ys) / dx : (xe - xs) / dy;
    if (dx >= dy) {
      for (let d = 0; d <= dx; d++) {
        const t = flip ? dx - d : d;
        u[m] = t + xs;
        v[m] = Math.trunc(ys + s * t + 0.5);
        m++;
      }
    } else {
      for (let d = 0; d <= dy; d++) {
        const t = flip ? dy - d : d;
        v[m] = t + ys;
        u[m] = Math.trunc(xs + s * t + 0.5);
        m++;
      }
    }
  }
  // Points along the y-boundary, downsampled.
  const toggles: number[] = [];
  for (let j = 1; j < m; j++) {
    if (u[j] === u[j - 1]) continue;
    let xd = u[j]! < u[j - 1]! ? u[j]! : u[j]! - 1;
    xd = (xd + 0.5) / scale - 0.5;
    if (Math.floor(xd) !== xd || xd < 0 || xd > width - 1) continue;
    let yd = v[j]! < v[j - 1]! ? v[j]! : v[j - 1]!;
    yd = (yd + 0.5) / scale - 0.5;
    if (yd < 0) yd = 0;
    else if (yd > height) yd = height;
    yd = Math.ceil(yd);
    toggles.push(xd * height + yd);
  }
  return Float64Array.from(toggles).sort();
}

/** Column-major run lengths of one polygon, exactly as rleFrPoly builds them from the toggles. */
export function polygonToRleCounts(xy: ArrayLike<number>, width: number, height: number): number[] {
  const toggles = polygonToggles(xy, width, height);
  const a = new Float64Array(toggles.length + 1);
  a.set(toggles);
  a[toggles.length] = height * width;
  a.sort();
  let previous = 0;
  for (let j = 0; j < a.length; j++) {
    const t = a[j]!;
    a[j] = t - previous;
    previous = t;
  }
  const counts: number[] = [a[0]!];
  let j = 1;
  while (j < a.length) {
    if (a[j]! > 0) counts.push(a[j++]!);
    else {
      j++;
      if (j < a.length) counts[counts.length - 1]! += a[j++]!;
    }
  }
  return counts;
}

/** One polygon rasterised exactly as pycocotools does (annToMask of a one-polygon segmentation). */
export function polygonToMask(xy: ArrayLike<number>, width: number, height: number): BinaryMask {
  return decodeRle({ size: [height, width], counts: polygonToRleCounts(xy, width, height) });
}

/** Applies the inside spans of sorted toggles to a row-major mask with OR ('union') or XOR ('even-odd'). */
function fillToggles(data: Uint8Array, toggles: Float64Array, width: number, height: number, xor: boolean): void {
  const total = width * height;
  for (let i = 0; i < toggles.length; i += 2) {
    let position = toggles[i]!;
    const end = i + 1 < toggles.length ? toggles[i + 1]! : total;
    while (position < end) {
      const column = Math.floor(position / height);
      const row = position - column * height;
      const segment = Math.min(end - position, height - row);
      let index = row * width + column;
      if (xor) for (let k = 0; k < segment; k++, index += width) data[index] = data[index]! ^ 1;
      else for (let k = 0; k < segment; k++, index += width) data[index] = 1;
      position += segment;
    }
  }
}

/**
 * Several polygons into one mask: 'union' is COCO's rule for the polygons of one annotation;
 * 'even-odd' combines outer rings and holes (a pixel is set when an odd number of rings cover it).
 * Work is proportional to the covered area, not to the image size per polygon.
 */
export function polygonsToMask(
  polygons: readonly ArrayLike<number>[],
  width: number,
  height: number,
  rule: 'union' | 'even-odd',
): BinaryMask {
  const out = binaryMask(width, height);
  for (const polygon of polygons) fillToggles(out.data, polygonToggles(polygon, width, height), width, height, rule === 'even-odd');
  return out;
}

/** Rings of maskToPolygons back to the mask (outer rings minus holes). */
export function maskFromPolygons(polygons: readonly MaskPolygon[], width: number, height: number): BinaryMask {
  const rings: Ring[] = [];
  for (const p of polygons) rings.push(p.outer, ...p.holes);
  return polygonsToMask(rings, width, height, 'even-odd');
}
