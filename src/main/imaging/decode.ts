import { open, readFile } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import type { RgbImage } from '../../core/image';
import { BmpDecodeError, decodeBmp, type DecodedBmp } from './bmp';
import { SNIFF_BYTES, SUPPORTED_FORMATS_TEXT, sniffFormat, type ImageFormat } from './formats';

/**
 * Decoding for every supported format, with EXIF orientation applied.
 *
 * Orientation contract: everything the app stores or computes is in the *displayed* frame, i.e. after the
 * EXIF orientation is applied. The width and height stored for an image, its thumbnail, the pixels readRgb
 * returns to the models, and therefore every mask and box, are oriented. A portrait photo stored sideways
 * with orientation 6 is a portrait image everywhere in the app; exports write masks in that frame too.
 */

/** Why a file could not be read as an image, in words a user can act on. */
export class ImageDecodeError extends Error {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'ImageDecodeError';
    this.path = path;
    this.reason = reason;
  }
}

export interface OpenedImage {
  readonly path: string;
  readonly format: ImageFormat;
  /** Oriented (displayed) size. */
  readonly width: number;
  readonly height: number;
  /** A fresh sharp pipeline over the oriented image; each call starts a new one. */
  pipeline(): Sharp;
}

/** Decodes a BMP file with the app's own decoder (sharp reads no BMP); a bad file throws ImageDecodeError. */
export async function readBmpFile(path: string): Promise<DecodedBmp> {
  try {
    return decodeBmp(await readFile(path));
  } catch (error) {
    if (error instanceof BmpDecodeError) throw new ImageDecodeError(path, error.message);
    throw error;
  }
}

/** Detects the format from the file's content and reads the header; throws ImageDecodeError with the reason. */
export async function openImage(path: string): Promise<OpenedImage> {
  const format = await detectFormat(path);
  if (format === 'bmp') {
    const decoded = await readBmpFile(path);
    const raw = { raw: { width: decoded.width, height: decoded.height, channels: 3 as const } };
    return { path, format, width: decoded.width, height: decoded.height, pipeline: () => sharp(decoded.data, raw) };
  }
  const options = { autoOrient: true, failOn: 'warning' as const, sequentialRead: true };
  let metadata;
  try {
    metadata = await sharp(path, options).metadata();
  } catch (error) {
    throw new ImageDecodeError(path, `corrupt ${format.toUpperCase()} file: ${firstLine(error)}`);
  }
  const { width, height } = metadata.autoOrient;
  if (!(width > 0 && height > 0)) throw new ImageDecodeError(path, `${format.toUpperCase()} file reports no size`);
  return { path, format, width, height, pipeline: () => sharp(path, options) };
}

/**
 * The image as 8-bit RGB in the displayed frame (EXIF orientation applied), for the models.
 * Grayscale and CMYK are converted to sRGB; 16-bit input is reduced to 8 bits; alpha is dropped (the colour
 * under transparent pixels is kept, as PIL's convert('RGB') does in the reference implementation).
 */
export async function readRgb(path: string): Promise<RgbImage> {
  const image = await openImage(path);
  return pipelineToRgb(image);
}

export async function pipelineToRgb(image: OpenedImage): Promise<RgbImage> {
  try {
    const { data, info } = await image.pipeline().toColourspace('srgb').removeAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || data.length !== info.width * info.height * 3) {
      throw new ImageDecodeError(image.path, `decoded to ${info.channels} channels, expected RGB`);
    }
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    throw new ImageDecodeError(image.path, `corrupt ${image.format.toUpperCase()} file: ${firstLine(error)}`);
  }
}

/** The format of a file from its first bytes (never its extension); ImageDecodeError says why it is not usable. */
export async function detectFormat(path: string): Promise<ImageFormat> {
  const handle = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buffer = Buffer.alloc(Math.max(SNIFF_BYTES, 132));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const sniffed = sniffFormat(head);
  switch (sniffed.kind) {
    case 'supported':
      return sniffed.format;
    case 'empty':
      throw new ImageDecodeError(path, 'file is empty');
    case 'unsupported':
      throw new ImageDecodeError(path, `${sniffed.what} is not supported (supported: ${SUPPORTED_FORMATS_TEXT})`);
    case 'unknown':
      throw new ImageDecodeError(path, `not an image file: its content matches none of ${SUPPORTED_FORMATS_TEXT}`);
  }
}

/** The first line of an error's message, for one-line reasons. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].trim() || 'unreadable';
}
