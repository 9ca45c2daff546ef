/**
 * Basic operations on binary masks (row-major, nonzero = foreground). No allocation per pixel.
 */
import { binaryMask, type BinaryMask } from '../image';

/** Any row-major 8-bit raster: a BinaryMask or a GrayImage. */
export interface ByteRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** COCO bounding box [x, y, width, height] in pixels; [0, 0, 0, 0] for an empty mask. */
export type CocoBbox = [number, number, number, number];

export function maskArea(mask: BinaryMask): number {
  const data = mask.data;
  let area = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) area++;
  return area;
}

/** Tight box of the foreground in COCO's [x, y, w, h] form (same as pycocotools toBbox). */
export function maskBbox(mask: BinaryMask): CocoBbox {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x] !== 0) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first >= 0) {
      if (y0 === height) y0 = y;
      y1 = y;
      if (first < x0) x0 = first;
      if (last > x1) x1 = last;
    }
  }
  if (x1 < 0) return [0, 0, 0, 0];
  return [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

function assertSameSize(a: ByteRaster, b: ByteRaster, what: string): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`${what} needs masks of the same size, got ${a.width}x${a.height} and ${b.width}x${b.height}`);
  }
}

export function maskUnion(a: BinaryMask, b: BinaryMask): BinaryMask {
  assertSameSize(a, b, 'union');
  const out = binaryMask(a.width, a.height);
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  for (let i = 0; i < od.length; i++) od[i] = ad[i] !== 0 || bd[i] !== 0 ? 1 : 0;
  return out;
}

export function maskIntersection(a: BinaryMask, b: BinaryMask): BinaryMask {
  assertSameSize(a, b, 'intersection');
  const out = binaryMask(a.width, a.height);
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  for (let i = 0; i < od.length; i++) od[i] = ad[i] !== 0 && bd[i] !== 0 ? 1 : 0;
  return out;
}

/** True when both masks have the same size and the same foreground (nonzero) pixels. */
export function masksEqual(a: BinaryMask, b: BinaryMask): boolean {
  if (a.width !== b.width || a.height !== b.height) return false;
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < ad.length; i++) if ((ad[i] !== 0) !== (bd[i] !== 0)) return false;
  return true;
}

/**
 * Source indices that nearest-neighbour resizing reads, one per destination index: the pixel-centre
 * rule floor((d + 0.5) * src / dst), evaluated exactly as Pillow's Image.resize(NEAREST) does
 * (ImagingScaleAffine: start at 0.5 * scale, add the double `src / dst` once per step, truncate).
 * torchvision's Resize on PIL images, which the ProMaC/INT evaluation uses, is that function. For a
 * power-of-two target such as 1024 every step is exact; OpenCV's INTER_NEAREST_EXACT uses the same
 * rule, its plain INTER_NEAREST (floor(d * src / dst)) does not.
 */
export function nearestSourceIndices(srcSize: number, dstSize: number): Int32Array {
  const out = new Int32Array(dstSize);
  const scale = srcSize / dstSize;
  let position = scale * 0.5;
  for (let d = 0; d < dstSize; d++) {
    out[d] = Math.min(srcSize - 1, Math.trunc(position));
    position += scale;
  }
  return out;
}

/** Nearest-neighbour resize of an 8-bit raster (mask or gray image); see nearestSourceIndices. */
export function resizeNearest<T extends ByteRaster>(src: T, width: number, height: number): ByteRaster {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`resize target must be positive integers, got ${width}x${height}`);
  }
  const out = new Uint8Array(width * height);
  const xs = nearestSourceIndices(src.width, width);
  const ys = nearestSourceIndices(src.height, height);
  const sd = src.data;
  for (let y = 0; y < height; y++) {
    const srcRow = ys[y]! * src.width;
    const dstRow = y * width;
    for (let x = 0; x < width; x++) out[dstRow + x] = sd[srcRow + xs[x]!]!;
  }
  return { width, height, data: out };
}

export function resizeMaskNearest(mask: BinaryMask, width: number, height: number): BinaryMask {
  return binaryMask(width, height, resizeNearest(mask, width, height).data);
}
