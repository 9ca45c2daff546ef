/**
 * Detector stand-in (world.ts, "Detector"): connected regions of the phrase's similarity map.
 * sim > DETECT_PIXEL_THRESHOLD, 4-connected components, small ones dropped, box = bounding box,
 * score = mean sim over the component; kept when score >= DETECT_BOX_THRESHOLD, best first.
 */
import type { Box, RgbImage } from '../image';
import type { Detection, Detector } from '../ports';
import { phraseSimilarity } from './features';
import { DETECT_BOX_THRESHOLD, DETECT_MAX_BOXES, DETECT_MIN_AREA_FRACTION, DETECT_PIXEL_THRESHOLD } from './world';

export class SyntheticDetector implements Detector {
  readonly id = 'synthetic-detector@world-1';

  async detect(image: RgbImage, phrase: string): Promise<readonly Detection[]> {
    const sim = phraseSimilarity(image, phrase);
    const components = connectedComponents(sim, image.width, image.height, DETECT_PIXEL_THRESHOLD);
    const minArea = DETECT_MIN_AREA_FRACTION * image.width * image.height;
    return components
      .filter((c) => c.area >= minArea && c.meanValue >= DETECT_BOX_THRESHOLD)
      .sort((a, b) => b.meanValue - a.meanValue)
      .slice(0, DETECT_MAX_BOXES)
      .map((c) => ({ box: c.box, score: c.meanValue, phrase }));
  }
}

export interface Component {
  readonly box: Box;
  readonly area: number;
  readonly meanValue: number;
}

/** 4-connected components of value > level, in raster order of their first pixel. */
export function connectedComponents(values: Float32Array, width: number, height: number, level: number): Component[] {
  const seen = new Uint8Array(values.length);
  const stack = new Int32Array(values.length);
  const components: Component[] = [];
  for (let start = 0; start < values.length; start++) {
    if (seen[start] === 1 || !(values[start] > level)) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let area = 0;
    let sum = 0;
    let x1 = width;
    let y1 = height;
    let x2 = -1;
    let y2 = -1;
    while (top > 0) {
      const i = stack[--top];
      const x = i % width;
      const y = (i - x) / width;
      area++;
      sum += values[i];
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
      const push = (j: number): void => {
        if (seen[j] === 0 && values[j] > level) {
          seen[j] = 1;
          stack[top++] = j;
        }
      };
      if (x > 0) push(i - 1);
      if (x < width - 1) push(i + 1);
      if (y > 0) push(i - width);
      if (y < height - 1) push(i + width);
    }
    components.push({ box: { x1, y1, x2: x2 + 1, y2: y2 + 1 }, area, meanValue: sum / area });
  }
  return components;
}
