/**
 * Reads an image file as 8-bit grayscale the way cv2.imread(path, cv2.IMREAD_GRAYSCALE) does, which
 * is how PySODMetrics-based toolkits read predictions and GT. Decoding is sharp's; the colour to gray
 * conversion is OpenCV's own arithmetic, because sharp's greyscale (libvips, linear-light weights)
 * differs from it. Measured against OpenCV 4.6 (test/main/eval/read-gray.test.ts fixtures):
 *
 * - PNG (libpng png_set_rgb_to_gray(0.299, 0.587), no rounding):
 *     8-bit:  (9797 R + 19234 G + 3737 B) >> 15
 *     16-bit: ((9797 R + 19234 G + 3737 B + 16384) >> 15) >> 8; 16-bit gray: v >> 8
 *   palette images are expanded to RGB first; alpha is dropped (png_set_strip_alpha).
 * - TIFF and BMP (icvCvt_BGR2Gray): (4899 R + 9617 G + 1868 B + 8192) >> 14 (BMP is decoded by
 *   the app's own decoder, sharp reads no BMP)
 * - WebP and others (cvtColor RGB2GRAY): (9798 R + 19235 G + 3735 B + 16384) >> 15
 * - JPEG: single-channel files are exact. For colour JPEGs OpenCV takes libjpeg's luma plane
 *   directly, which sharp does not expose; the cvtColor formula on sharp's RGB is used and may
 *   differ by one gray level on some pixels (reported as `approximate`).
 * EXIF orientation is applied (imread applies it by default); embedded ICC profiles are ignored
 * (imread ignores them).
 */
import sharp from 'sharp';
import type { GrayImage } from '../../core/image';
import { ImageDecodeError, detectFormat as detectImageFormat, firstLine, readBmpFile } from '../imaging/decode';
import type { ImageFormat } from '../imaging/formats';

export interface GrayRead {
  readonly image: GrayImage;
  readonly format: ImageFormat;
  /** True when the values may differ from OpenCV's by one level (colour JPEG). */
  readonly approximate: boolean;
}

type Weights = (r: number, g: number, b: number) => number;

const PNG_8: Weights = (r, g, b) => (9797 * r + 19234 * g + 3737 * b) >> 15;
const PNG_16: Weights = (r, g, b) => Math.floor(Math.floor((9797 * r + 19234 * g + 3737 * b + 16384) / 32768) / 256);
const TIFF_8: Weights = (r, g, b) => (4899 * r + 9617 * g + 1868 * b + 8192) >> 14;
const CVT_8: Weights = (r, g, b) => (9798 * r + 19235 * g + 3735 * b + 16384) >> 15;

/** Reads `path` as OpenCV would; throws ImageDecodeError (with the path and a reason) when it cannot. */
export async function readGrayLikeOpenCv(path: string): Promise<GrayRead> {
  const format = await detectFormat(path);
  if (format === 'bmp') {
    const decoded = await readBmpFile(path);
    const n = decoded.width * decoded.height;
    const out = new Uint8Array(n);
    const d = decoded.data;
    for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = TIFF_8(d[j]!, d[j + 1]!, d[j + 2]!);
    return { image: { width: decoded.width, height: decoded.height, data: out }, format, approximate: false };
  }
  try {
    return await readWithSharp(path, format);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    throw new ImageDecodeError(path, `corrupt ${format.toUpperCase()} file: ${firstLine(error)}`);
  }
}

async function readWithSharp(path: string, format: ImageFormat): Promise<GrayRead> {
  const input = sharp(path, { ignoreIcc: true, autoOrient: true, failOn: 'error' });
  const metadata = await input.metadata();
  const sixteen = metadata.depth === 'ushort';
  // Without an explicit 16-bit colourspace sharp reduces 16-bit input to 8 bits its own way.
  const pipeline = sixteen ? input.toColourspace(metadata.space === 'grey16' ? 'grey16' : 'rgb16').raw({ depth: 'ushort' }) : input.raw();
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const n = width * height;
  const samples = sixteen
    ? new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (samples.length < n * channels) {
    throw new ImageDecodeError(path, `decoded ${samples.length} samples, expected ${n * channels} for ${width}x${height}x${channels}`);
  }
  const out = new Uint8Array(n);
  // sharp may hand out a gray source as three equal channels; the source's own channel count decides.
  const colour = channels >= 3 && (metadata.channels ?? channels) >= 3;
  if (!colour) {
    for (let i = 0; i < n; i++) out[i] = sixteen ? samples[i * channels]! >> 8 : samples[i * channels]!;
    return { image: { width, height, data: out }, format, approximate: false };
  }
  const weights: Weights = format === 'png' ? (sixteen ? PNG_16 : PNG_8) : format === 'tiff' ? TIFF_8 : CVT_8;
  const shift16 = sixteen && format !== 'png';
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const r = samples[j]!;
    const g = samples[j + 1]!;
    const b = samples[j + 2]!;
    out[i] = shift16 ? weights(r >> 8, g >> 8, b >> 8) : weights(r, g, b);
  }
  return { image: { width, height, data: out }, format, approximate: format === 'jpeg' };
}

/** Like the importer's format check, but a file that cannot be opened is a per-file problem too. */
async function detectFormat(path: string): Promise<ImageFormat> {
  try {
    return await detectImageFormat(path);
  } catch (error) {
    if (error instanceof ImageDecodeError) throw error;
    throw new ImageDecodeError(path, `cannot open: ${firstLine(error)}`);
  }
}
