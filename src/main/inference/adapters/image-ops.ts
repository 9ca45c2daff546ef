/**
 * Pixel plumbing shared by the adapters: content hashes (embedding caches are keyed by them),
 * resizing through sharp, bilinear resampling of float maps, and planar/interleaved conversions. Typed
 * arrays only, no per-pixel allocation.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { BinaryMask, RgbImage } from '../../../core/image';

/**
 * Bilinear resampling of a float map to width x height, pixel centres aligned (half-pixel offsets, edges
 * clamped). The source is row-major with `stride` values per row, of which the top-left validWidth x
 * validHeight region (fractional sizes allowed: a padded model output) is the image to resample.
 */
export function bilinearResize(source: Float32Array, stride: number, validWidth: number, validHeight: number, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const rows = Math.max(1, Math.ceil(validHeight));
  const cols = Math.max(1, Math.ceil(validWidth));
  const sy = validHeight / height;
  const sx = validWidth / width;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), rows - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, rows - 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), cols - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, cols - 1);
      const tx = fx - x0;
      const top = (source[y0 * stride + x0] ?? 0) * (1 - tx) + (source[y0 * stride + x1] ?? 0) * tx;
      const bottom = (source[y1 * stride + x0] ?? 0) * (1 - tx) + (source[y1 * stride + x1] ?? 0) * tx;
      out[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}

/** A hash of the pixels and the size: two images with the same key are the same input to a model. */
export function imageContentKey(image: RgbImage): string {
  const hash = createHash('sha1');
  hash.update(`${image.width}x${image.height}:`);
  hash.update(image.data);
  return hash.digest('hex');
}

/** Bilinear-ish resize of an RGB image (sharp, 'linear' kernel), fit 'fill' (aspect not kept). */
export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (image.width === width && image.height === height) return image;
  const buffer = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
}

/**
 * Resizes a binary mask so that no hole is lost: a target pixel is 1 when any source pixel it covers
 * (linear interpolation > 0) is 1. Used before inpainting at a model's fixed size.
 */
export async function resizeMaskCovering(mask: BinaryMask, width: number, height: number): Promise<BinaryMask> {
  if (mask.width === width && mask.height === height) return mask;
  const scaled = new Uint8Array(mask.data.length);
  for (let i = 0; i < mask.data.length; i++) scaled[i] = mask.data[i] === 1 ? 255 : 0;
  const buffer = await sharp(scaled, { raw: { width: mask.width, height: mask.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer();
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = (buffer[i] ?? 0) > 0 ? 1 : 0;
  return { width, height, data };
}

/** Interleaved RGB bytes -> planar float32 [3, H, W] scaled by `scale` (1/255 for 0..1). */
export function rgbToPlanarFloat(image: RgbImage, scale: number): Float32Array {
  const plane = image.width * image.height;
  const out = new Float32Array(plane * 3);
  const src = image.data;
  for (let i = 0; i < plane; i++) {
    out[i] = (src[i * 3] ?? 0) * scale;
    out[plane + i] = (src[i * 3 + 1] ?? 0) * scale;
    out[2 * plane + i] = (src[i * 3 + 2] ?? 0) * scale;
  }
  return out;
}

/** Interleaved RGB bytes -> planar uint8 [3, H, W]. */
export function rgbToPlanarBytes(image: RgbImage): Uint8Array {
  const plane = image.width * image.height;
  const out = new Uint8Array(plane * 3);
  const src = image.data;
  for (let i = 0; i < plane; i++) {
    out[i] = src[i * 3] ?? 0;
    out[plane + i] = src[i * 3 + 1] ?? 0;
    out[2 * plane + i] = src[i * 3 + 2] ?? 0;
  }
  return out;
}

/** Planar [3, H, W] values -> interleaved RGB bytes, multiplied by `scale`, rounded and clamped to 0..255. */
export function planarToRgb(planar: ArrayLike<number>, width: number, height: number, scale: number): RgbImage {
  const plane = width * height;
  if (planar.length < plane * 3) throw new RangeError(`planar RGB ${width}x${height} needs ${plane * 3} values, got ${planar.length}`);
  const data = new Uint8Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const v = Math.round((planar[c * plane + i] ?? 0) * scale);
      data[i * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { width, height, data };
}

/** Keeps `original` where region is 0 and takes `filled` where region is 1 (same sizes). */
export function compositeRegion(original: RgbImage, filled: RgbImage, region: BinaryMask): RgbImage {
  const data = new Uint8Array(original.data);
  for (let i = 0; i < region.data.length; i++) {
    if (region.data[i] === 1) {
      data[i * 3] = filled.data[i * 3] ?? 0;
      data[i * 3 + 1] = filled.data[i * 3 + 1] ?? 0;
      data[i * 3 + 2] = filled.data[i * 3 + 2] ?? 0;
    }
  }
  return { width: original.width, height: original.height, data };
}

export function assertSameSize(image: RgbImage, mask: BinaryMask, what: string): void {
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new RangeError(`${what}: region mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
  }
}

export function countOnes(mask: BinaryMask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i] === 1 ? 1 : 0;
  return n;
}
