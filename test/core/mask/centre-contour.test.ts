/**
 * Pixel-centre contours (labelme / YOLO-seg). When this was written, the contours of the 300
 * generated masks were also drawn with Pillow 9.4 ImageDraw.polygon(outline=1, fill=1) (labelme's
 * shape_to_mask) and cv2.fillPoly (OpenCV 4.6): every contour flagged `simple` of a hole-free
 * component gave the component back exactly in both; cv2.fillPoly also for the non-simple ones.
 */
import { describe, expect, it } from 'vitest';
import { binaryMask, type BinaryMask } from '../../../src/core/image';
import { labelComponents } from '../../../src/core/mask/components';
import { maskToCentreContours, rasterizeCentrePolygons } from '../../../src/core/mask/centre-contour';
import { masksEqual } from '../../../src/core/mask/ops';
import { generateMask } from '../metrics/support/random';

/** The mask with every background region that does not touch the border (4-connected) filled. */
function fillHoles(mask: BinaryMask): BinaryMask {
  const inverted = binaryMask(mask.width, mask.height, mask.data.map((v) => (v ? 0 : 1)));
  const { labels, count } = labelComponents(inverted, 4);
  const touches = new Uint8Array(count + 1);
  const { width, height } = mask;
  for (let x = 0; x < width; x++) {
    touches[labels[x]!] = 1;
    touches[labels[(height - 1) * width + x]!] = 1;
  }
  for (let y = 0; y < height; y++) {
    touches[labels[y * width]!] = 1;
    touches[labels[y * width + width - 1]!] = 1;
  }
  const out = binaryMask(width, height);
  for (let i = 0; i < out.data.length; i++) out.data[i] = mask.data[i] || (labels[i] !== 0 && !touches[labels[i]!]) ? 1 : 0;
  return out;
}

describe('maskToCentreContours', () => {
  it('traces a 3x2 block as its four corner pixels and marks it simple', () => {
    const mask = binaryMask(5, 4);
    for (let y = 1; y <= 2; y++) for (let x = 1; x <= 3; x++) mask.data[y * 5 + x] = 1;
    const [contour] = maskToCentreContours(mask);
    expect(contour!.simple).toBe(true);
    expect(contour!.points).toEqual([1, 1, 1, 2, 3, 2, 3, 1]);
  });

  it('marks one-pixel-wide parts as not simple', () => {
    const diagonal = binaryMask(2, 2, Uint8Array.from([1, 0, 0, 1]));
    expect(maskToCentreContours(diagonal).map((c) => c.simple)).toEqual([false]);
    expect(maskToCentreContours(binaryMask(1, 1, Uint8Array.from([1])))[0]).toEqual({ points: [0, 0], simple: false });
  });

  it('rasterises back to the mask with its holes filled, for 300 generated masks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const width = 1 + ((seed * 7) % 41);
      const height = 1 + ((seed * 13) % 37);
      const mask = generateMask(seed, width, height, seed % 3 === 0 ? 'noise' : 'shapes', 20 + (seed % 60));
      const contours = maskToCentreContours(mask);
      const raster = rasterizeCentrePolygons(contours.map((c) => c.points), width, height);
      expect(masksEqual(raster, fillHoles(mask)), `seed ${seed}`).toBe(true);
    }
  });
});
