/**
 * Grayscale reading against cv2.imread(IMREAD_GRAYSCALE). Fixtures in test/fixtures/eval/decode were
 * written outside the repo with OpenCV 4.6 / Pillow 9.4 (random colours, 16-bit, palette, alpha,
 * 1-bit, BMP, JPEG with EXIF orientation); opencv-gray.json holds what cv2.imread returned for each.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGrayLikeOpenCv } from '../../../src/main/eval/read-gray';

const dir = new URL('../../fixtures/eval/decode/', import.meta.url);
const golden = JSON.parse(readFileSync(new URL('opencv-gray.json', dir), 'utf8')) as {
  images: Record<string, { width: number; height: number; data: string }>;
};

describe('readGrayLikeOpenCv', () => {
  it.each(Object.keys(golden.images).filter((name) => name !== 'rgb.jpg'))('matches cv2.imread for %s', async (name) => {
    const expected = golden.images[name]!;
    const { image, approximate } = await readGrayLikeOpenCv(new URL(name, dir).pathname);
    expect([image.width, image.height]).toEqual([expected.width, expected.height]);
    expect(approximate).toBe(false);
    expect(Buffer.from(image.data).toString('base64')).toBe(expected.data);
  });

  it('reads a colour JPEG within one level of OpenCV (which reads the luma plane) and says so', async () => {
    const expected = Buffer.from(golden.images['rgb.jpg']!.data, 'base64');
    const { image, approximate } = await readGrayLikeOpenCv(new URL('rgb.jpg', dir).pathname);
    expect(approximate).toBe(true);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(image.data[i]! - expected[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('rejects a file that is not an image', async () => {
    await expect(readGrayLikeOpenCv(new URL('opencv-gray.json', dir).pathname)).rejects.toThrow(/not an image file/);
    await expect(readGrayLikeOpenCv(new URL('missing.png', dir).pathname)).rejects.toThrow(/cannot open/);
  });
});
