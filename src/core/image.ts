/**
 * Pixel containers shared by the INT loop, mask operations, metrics and every model port.
 * All buffers are row-major (index = y * width + x), never column-major; COCO RLE's
 * column-major order is handled inside `mask/rle.ts` only.
 */

/** 8-bit RGB image, interleaved: data.length === width * height * 3. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Binary mask: data[i] is 0 or 1; data.length === width * height. */
export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Soft mask (probabilities or a saliency map): data[i] in [0, 1]; data.length === width * height. */
export interface SoftMask {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** 8-bit grayscale map (a prediction read from disk, a stored soft mask): data.length === width * height. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Axis-aligned box in pixel coordinates of the image it refers to; x2 > x1 and y2 > y1, exclusive ends. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** A point prompt in pixel coordinates; label 1 = foreground, 0 = background. */
export interface PointPrompt {
  readonly x: number;
  readonly y: number;
  readonly label: 0 | 1;
}

export function rgbImage(width: number, height: number, data?: Uint8Array): RgbImage {
  assertSize(width, height);
  const expected = width * height * 3;
  if (data !== undefined && data.length !== expected) {
    throw new RangeError(`RGB image ${width}x${height} needs ${expected} bytes, got ${data.length}`);
  }
  return { width, height, data: data ?? new Uint8Array(expected) };
}

export function binaryMask(width: number, height: number, data?: Uint8Array): BinaryMask {
  assertSize(width, height);
  if (data !== undefined && data.length !== width * height) {
    throw new RangeError(`mask ${width}x${height} needs ${width * height} values, got ${data.length}`);
  }
  return { width, height, data: data ?? new Uint8Array(width * height) };
}

export function softMask(width: number, height: number, data?: Float32Array): SoftMask {
  assertSize(width, height);
  if (data !== undefined && data.length !== width * height) {
    throw new RangeError(`soft mask ${width}x${height} needs ${width * height} values, got ${data.length}`);
  }
  return { width, height, data: data ?? new Float32Array(width * height) };
}

export function boxArea(box: Box): number {
  return Math.max(0, box.x2 - box.x1) * Math.max(0, box.y2 - box.y1);
}

function assertSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
}
