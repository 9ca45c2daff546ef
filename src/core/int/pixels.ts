/**
 * The few image and mask operations the INT loop needs (crop, region masks, reweighting, mask
 * statistics). Typed arrays, one allocation per result. Kept here so the loop depends on nothing
 * but image.ts; src/core/mask holds the general mask library.
 */
import { binaryMask, rgbImage, softMask, type BinaryMask, type Box, type RgbImage, type SoftMask } from '../image';

export function cropRgb(image: RgbImage, rect: Box): RgbImage {
  const width = rect.x2 - rect.x1;
  const height = rect.y2 - rect.y1;
  if (rect.x1 === 0 && rect.y1 === 0 && width === image.width && height === image.height) return image;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((rect.y1 + y) * image.width + rect.x1) * 3;
    out.set(image.data.subarray(from, from + width * 3), y * width * 3);
  }
  return rgbImage(width, height, out);
}

/** A full-image region that is 1 inside `box` (image pixels, exclusive ends). */
export function boxRegion(width: number, height: number, box: Box): BinaryMask {
  const region = binaryMask(width, height);
  const x1 = Math.max(0, Math.floor(box.x1));
  const x2 = Math.min(width, Math.ceil(box.x2));
  for (let y = Math.max(0, Math.floor(box.y1)); y < Math.min(height, Math.ceil(box.y2)); y++) {
    region.data.fill(1, y * width + x1, y * width + x2);
  }
  return region;
}

/** mask > threshold as a binary mask. */
export function threshold(mask: SoftMask, level: number): BinaryMask {
  const out = binaryMask(mask.width, mask.height);
  const src = mask.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = src[i] > level ? 1 : 0;
  return out;
}

/** Bounding box and pixel count of the 1-pixels of `mask` inside `rect`; null box when there are none. */
export function regionStats(mask: BinaryMask, rect: Box): { box: Box | null; pixels: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  let pixels = 0;
  const { width, data } = mask;
  for (let y = rect.y1; y < rect.y2; y++) {
    const row = y * width;
    for (let x = rect.x1; x < rect.x2; x++) {
      if (data[row + x] === 1) {
        pixels++;
        if (x < x1) x1 = x;
        if (x > x2) x2 = x;
        if (y < y1) y1 = y;
        if (y > y2) y2 = y;
      }
    }
  }
  return pixels === 0 ? { box: null, pixels } : { box: { x1, y1, x2: x2 + 1, y2: y2 + 1 }, pixels };
}

/** X * M per pixel (the masked image given to the ClipScorer). */
export function applySoftMask(image: RgbImage, mask: SoftMask): RgbImage {
  const out = new Uint8Array(image.data.length);
  const src = image.data;
  const m = mask.data;
  for (let i = 0, p = 0; i < m.length; i++, p += 3) {
    const k = m[i];
    out[p] = Math.round(src[p] * k);
    out[p + 1] = Math.round(src[p + 1] * k);
    out[p + 2] = Math.round(src[p + 2] * k);
  }
  return rgbImage(image.width, image.height, out);
}

/** X_{i+1} = w * (X_i * M_i) + (1 - w) * X_i, rounded to 8 bits. */
export function reweight(image: RgbImage, mask: SoftMask, w: number): RgbImage {
  const out = new Uint8Array(image.data.length);
  const src = image.data;
  const m = mask.data;
  for (let i = 0, p = 0; i < m.length; i++, p += 3) {
    const k = 1 - w + w * m[i];
    out[p] = Math.round(src[p] * k);
    out[p + 1] = Math.round(src[p + 1] * k);
    out[p + 2] = Math.round(src[p + 2] * k);
  }
  return rgbImage(image.width, image.height, out);
}

/** Min-max normalisation to [0, 1]; a constant map becomes all zeros (ours: there is nothing to rank). */
export function minMaxNormalise(values: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float32Array(values.length);
  const range = max - min;
  if (!(range > 1e-12)) return out;
  for (let i = 0; i < values.length; i++) out[i] = (values[i] - min) / range;
  return out;
}

export function meanAbsDifference(a: SoftMask, b: SoftMask): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / a.data.length;
}

/** Pixel-wise mean of masks of one size. */
export function meanMask(masks: readonly SoftMask[]): SoftMask {
  const first = masks[0];
  if (first === undefined) throw new RangeError('meanMask needs at least one mask');
  const out = new Float32Array(first.data.length);
  for (const mask of masks) for (let i = 0; i < out.length; i++) out[i] = out[i] + mask.data[i];
  for (let i = 0; i < out.length; i++) out[i] = out[i] / masks.length;
  return softMask(first.width, first.height, out);
}

/** ||a - b||_2 over all pixels. */
export function l2Distance(a: SoftMask, b: SoftMask): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b.data[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function unionBox(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const b of boxes) {
    x1 = Math.min(x1, b.x1);
    y1 = Math.min(y1, b.y1);
    x2 = Math.max(x2, b.x2);
    y2 = Math.max(y2, b.y2);
  }
  return { x1, y1, x2, y2 };
}

export function boxKey(box: Box): string {
  return `${box.x1},${box.y1},${box.x2},${box.y2}`;
}

export function insideBox(x: number, y: number, box: Box): boolean {
  return x >= box.x1 && x < box.x2 && y >= box.y1 && y < box.y2;
}
