/**
 * Mask overlays as bitmaps: one decoded BinaryMask becomes two RGBA pixel blocks (fill and outline),
 * cropped to the mask's bounding box, that the canvas draws as two Konva Images. Opacity is applied
 * by the Konva node, so moving the slider never re-rasterises. Cropping keeps memory proportional to
 * the object, not the image (50 small objects on a 4000x3000 image stay small).
 *
 * Pixel contract: masks are row-major (index = y * width + x), data[i] is 0 or 1 (any non-zero counts);
 * output is RGBA row-major over `bounds`, in the byte order ImageData expects (R, G, B, A).
 */
import type { BinaryMask } from '../../../../core/image';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Bounding box in image pixels; exclusive ends are x + width and y + height. */
export interface PixelBounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface OverlayBitmap {
  readonly bounds: PixelBounds;
  /** Every mask pixel in the colour, alpha 255; the rest transparent. */
  readonly fill: Uint8ClampedArray;
  /** Mask pixels with a 4-neighbour outside the mask (or at the image edge), alpha 255. */
  readonly outline: Uint8ClampedArray;
}

export function parseHexColor(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new RangeError(`expected a colour like #1f77b4, got ${JSON.stringify(hex)}`);
  return { r: parseInt(match[1] ?? '0', 16), g: parseInt(match[2] ?? '0', 16), b: parseInt(match[3] ?? '0', 16) };
}

/** Smallest box holding every non-zero pixel, or null for an empty mask. */
export function maskBounds(mask: BinaryMask): PixelBounds | null {
  const { width, height, data } = mask;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    for (let x = 0; x < width; x++) {
      if (data[row + x] !== 0) {
        first = x;
        break;
      }
    }
    if (first < 0) continue;
    let last = first;
    for (let x = width - 1; x > first; x--) {
      if (data[row + x] !== 0) {
        last = x;
        break;
      }
    }
    if (first < minX) minX = first;
    if (last > maxX) maxX = last;
    if (y < minY) minY = y;
    maxY = y;
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * One RGBA pixel as a signed 32-bit word in the platform's byte order, so an Int32Array write stores
 * R, G, B, A. Signed on purpose: the value stays a small integer for the engine (an unsigned word above
 * 2^31 is a heap number and makes every store in the hot loop slow).
 */
function packRgba(color: Rgb, alpha: number): number {
  return LITTLE_ENDIAN
    ? (alpha << 24) | (color.b << 16) | (color.g << 8) | color.r
    : (color.r << 24) | (color.g << 16) | (color.b << 8) | alpha;
}

/** Fill and outline bitmaps for one mask, or null when the mask is empty. */
export function rasterizeMaskOverlay(mask: BinaryMask, color: Rgb): OverlayBitmap | null {
  if (mask.data.length !== mask.width * mask.height) {
    throw new RangeError(`mask ${mask.width}x${mask.height} needs ${mask.width * mask.height} values, got ${mask.data.length}`);
  }
  const bounds = maskBounds(mask);
  if (bounds === null) return null;
  const { width, height, data } = mask;
  const fill = new Uint8ClampedArray(bounds.width * bounds.height * 4);
  const outline = new Uint8ClampedArray(bounds.width * bounds.height * 4);
  const fillWords = new Int32Array(fill.buffer);
  const outlineWords = new Int32Array(outline.buffer);
  const pixel = packRgba(color, 255);
  const lastX = width - 1;
  for (let by = 0; by < bounds.height; by++) {
    const y = bounds.y + by;
    const rowEdge = y === 0 || y === height - 1;
    const row = y * width;
    const out = by * bounds.width - bounds.x;
    const end = bounds.x + bounds.width;
    for (let x = bounds.x; x < end; x++) {
      const index = row + x;
      if (data[index] === 0) continue;
      fillWords[out + x] = pixel;
      if (rowEdge || x === 0 || x === lastX || data[index - 1] === 0 || data[index + 1] === 0 || data[index - width] === 0 || data[index + width] === 0) {
        outlineWords[out + x] = pixel;
      }
    }
  }
  return { bounds, fill, outline };
}
