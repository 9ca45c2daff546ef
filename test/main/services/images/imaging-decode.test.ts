import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageDecodeError, openImage, readRgb } from '../../../../src/main/imaging/decode';
import { sha256File } from '../../../../src/main/imaging/hash';
import { makeThumbnail } from '../../../../src/main/imaging/thumbnail';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/images/${name}`, import.meta.url));

function pixel(image: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const at = (y * image.width + x) * 3;
  return [...image.data.subarray(at, at + 3)];
}

/** The 8x4 pattern: left half red, right half blue, top-left pixel green. */
function expectPattern(image: { width: number; height: number; data: Uint8Array }, tolerance: number): void {
  expect([image.width, image.height]).toEqual([8, 4]);
  const near = (actual: number[], expected: number[]) => actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(tolerance));
  near(pixel(image, 0, 0), [20, 220, 20]);
  near(pixel(image, 1, 2), [220, 20, 20]);
  near(pixel(image, 6, 3), [20, 20, 220]);
}

async function expectDecodeError(path: string, reason: RegExp): Promise<void> {
  let thrown: unknown;
  try {
    const image = await openImage(path);
    await makeThumbnail(image);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ImageDecodeError);
  expect((thrown as ImageDecodeError).reason).toMatch(reason);
  expect((thrown as ImageDecodeError).path).toBe(path);
}

describe('image decoding', () => {
  it.each([
    ['pattern.png', 'png', 0],
    ['pattern.tiff', 'tiff', 0],
    ['pattern.webp', 'webp', 0],
    ['pattern.jpg', 'jpeg', 12],
  ])('reads %s as RGB by content', async (name, format, tolerance) => {
    const image = await openImage(fixture(name));
    expect(image.format).toBe(format);
    expect([image.width, image.height]).toEqual([8, 4]);
    expectPattern(await readRgb(fixture(name)), tolerance);
  });

  it('reads BMP through the BMP decoder', async () => {
    const image = await openImage(fixture('bmp-24bit.bmp'));
    expect(image).toMatchObject({ format: 'bmp', width: 7, height: 5 });
    const rgb = await readRgb(fixture('bmp-24bit.bmp'));
    expect(pixel(rgb, 0, 0)).toEqual([0, 0, 0]);
    expect(pixel(rgb, 6, 0)).toEqual([255, 255, 0]);
    expect(pixel(rgb, 2, 1)).toEqual([200, 30, 40]);
  });

  it('applies EXIF orientation: stored 8x4 with orientation 6 is a 4x8 image everywhere', async () => {
    const path = fixture('exif-orientation-6.jpg');
    const image = await openImage(path);
    expect([image.width, image.height]).toEqual([4, 8]);
    const rgb = await readRgb(path);
    expect([rgb.width, rgb.height]).toEqual([4, 8]);
    // rotating 90 degrees clockwise puts the stored top-left (green) at the top-right, red on top
    const tolerance = 12;
    pixel(rgb, 3, 0).forEach((v, i) => expect(Math.abs(v - [20, 220, 20][i])).toBeLessThanOrEqual(tolerance));
    pixel(rgb, 1, 1).forEach((v, i) => expect(Math.abs(v - [220, 20, 20][i])).toBeLessThanOrEqual(tolerance));
    pixel(rgb, 1, 6).forEach((v, i) => expect(Math.abs(v - [20, 20, 220][i])).toBeLessThanOrEqual(tolerance));
    const thumbnail = await sharp(await makeThumbnail(image)).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([4, 8]);
  });

  it('converts 16-bit grayscale and RGBA to 8-bit RGB', async () => {
    const gray = await readRgb(fixture('gray16.png'));
    expect(gray.data.length).toBe(8 * 4 * 3);
    expect(pixel(gray, 1, 0)[0]).toBe(pixel(gray, 1, 0)[1]);
    const rgba = await readRgb(fixture('rgba.png'));
    expect(rgba.data.length).toBe(8 * 4 * 3);
    expect(pixel(rgba, 2, 0)).toEqual([20, 255, 255]);
  });

  it('makes a WebP thumbnail no larger than 256 px on its long side, never enlarged', async () => {
    const big = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#336699' } }).png().toBuffer();
    const path = join(mkdtempSync(join(tmpdir(), 'intseg-thumb-')), 'big.png');
    writeFileSync(path, big);
    const thumbnail = await sharp(await makeThumbnail(await openImage(path))).metadata();
    expect([thumbnail.format, thumbnail.width, thumbnail.height]).toEqual(['webp', 256, 128]);
    const small = await sharp(await makeThumbnail(await openImage(fixture('pattern.png')))).metadata();
    expect([small.width, small.height]).toEqual([8, 4]);
    rmSync(dirname(path), { recursive: true, force: true });
  });

  it('reports empty, foreign, unsupported and corrupt files with the reason', async () => {
    await expectDecodeError(fixture('empty.png'), /^file is empty$/);
    await expectDecodeError(fixture('not-an-image.png'), /not an image file/);
    await expectDecodeError(fixture('unsupported.gif'), /GIF is not supported \(supported: PNG, JPEG, TIFF, WebP, BMP\)/);
    await expectDecodeError(fixture('corrupt-truncated.jpg'), /corrupt JPEG file: .*premature end/);
    await expectDecodeError(fixture('corrupt-data.png'), /corrupt PNG file/);
    await expectDecodeError(fixture('bmp-rle8.bmp'), /RLE8 is not supported/);
  });

  it('hashes a file with sha256, streamed', async () => {
    const path = fixture('pattern.jpg');
    expect(await sha256File(path)).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });
});
