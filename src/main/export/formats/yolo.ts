/**
 * YOLO segmentation (Ultralytics): labels/<basename>.txt with one line per polygon,
 * `<class> x1 y1 x2 y2 ...`, coordinates normalised by the image width and height; classes.txt (one
 * name per line, line k = class k) and data.yaml (nc, names). Images are not copied.
 *
 * Polygons follow the pixel-centre convention of Ultralytics' own converters (cv2.findContours,
 * divided by width / height); cv2.fillPoly on them, as Ultralytics rasterises, gives the mask back
 * exactly for parts without holes (checked with OpenCV 4.6 when this was written). Class k is the
 * k-th label of the project (0-based). YOLO-seg has no holes and no multi-part instances: a hole is
 * filled and each 8-connected part becomes its own line; both are reported as warnings.
 * Each coordinate is the smallest double d >= x / w with d * w >= x, written in shortest round-trip
 * form: readers that scale back and round, and readers that truncate (Ultralytics casts to int32),
 * both get x back.
 */
import { maskToCentreContours } from '../../../core/mask/centre-contour';
import { maskToPolygons } from '../../../core/mask/polygon';
import type { ExportImage } from './model';
import type { FormatWriter, WriterContext } from './writer';

const bits = new Float64Array(1);
const bitsAsInt = new BigInt64Array(bits.buffer);

/** x / size, nudged up by ulps until multiplying back does not fall below x (x >= 0). */
export function normalisedCoordinate(x: number, size: number): number {
  let d = x / size;
  while (d * size < x) {
    bits[0] = d;
    bitsAsInt[0]! += 1n;
    d = bits[0]!;
  }
  return d;
}

export function yoloWriter(context: WriterContext): FormatWriter {
  const classOf = new Map(context.categories.map((c, index) => [c.id, index]));
  return {
    async addImage(image: ExportImage, outputName: string): Promise<void> {
      const lines: string[] = [];
      image.instances.forEach((instance, index) => {
        const classIndex = classOf.get(instance.categoryId)!;
        const contours = maskToCentreContours(instance.mask);
        if (contours.length === 0) {
          context.warn({ imageId: image.id, fileName: image.fileName, instance: index + 1, message: 'empty mask; not written' });
          return;
        }
        const holes = maskToPolygons(instance.mask).reduce((count, part) => count + part.holes.length, 0);
        if (holes > 0) {
          context.warn({ imageId: image.id, fileName: image.fileName, instance: index + 1, message: `${holes} hole(s) filled: YOLO-seg polygons cannot express holes` });
        }
        if (contours.length > 1) {
          context.warn({ imageId: image.id, fileName: image.fileName, instance: index + 1, message: `written as ${contours.length} polygons (one per 8-connected part)` });
        }
        for (const contour of contours) {
          const points = contour.points.slice();
          while (points.length < 6) points.push(points[0]!, points[1]!); // at least three points
          const coordinates: string[] = [];
          for (let i = 0; i < points.length; i += 2) coordinates.push(String(normalisedCoordinate(points[i]!, image.width)), String(normalisedCoordinate(points[i + 1]!, image.height)));
          lines.push(`${classIndex} ${coordinates.join(' ')}`);
        }
      });
      await context.sink.write(`labels/${outputName}.txt`, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    },
    async finish(): Promise<void> {
      await context.sink.write('classes.txt', context.categories.map((c) => `${c.name}\n`).join(''));
      const names = context.categories.map((c, index) => `  ${index}: ${JSON.stringify(c.name)}`).join('\n');
      await context.sink.write(
        'data.yaml',
        `# YOLO-seg labels exported by IntSeg Studio ${context.appVersion}; images are not copied: set path/train/val.\n` +
          `nc: ${context.categories.length}\nnames:\n${names}\n`,
      );
    },
  };
}
