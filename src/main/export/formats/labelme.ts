/**
 * labelme JSON, one `<basename>.json` per image (labelme 5.x layout: version, flags, shapes,
 * imagePath = the project's file name, imageData null, imageHeight, imageWidth).
 *
 * An instance becomes polygon shapes (one per 8-connected part, sharing a group_id when there are
 * several, which labelme's shapes_to_label treats as one instance) through pixel centres, the way
 * labelme draws them (PIL ImageDraw.polygon with outline and fill). That is exact only when every
 * part is a simple polygon without holes, which is checked (rasterised here and compared; with
 * Pillow 9.4 every such contour was exact when this was written). Otherwise the instance is written
 * as one `mask` shape (labelme >= 5.4: points = the inclusive bounding box corners, mask = base64
 * PNG of the box with values 0/1), exact by construction, and a warning says so.
 */
import type { BinaryMask } from '../../../core/image';
import { maskToCentreContours, rasterizeCentrePolygons } from '../../../core/mask/centre-contour';
import { maskBbox, masksEqual } from '../../../core/mask/ops';
import type { ExportImage } from './model';
import { encodeGray8 } from './png-codec';
import type { FormatWriter, WriterContext } from './writer';

export const LABELME_VERSION = '5.4.1';

export interface LabelmeShape {
  label: string;
  points: number[][];
  group_id: number | null;
  description: string;
  shape_type: 'polygon' | 'mask';
  flags: Record<string, never>;
  mask: string | null;
}

function maskShape(label: string, mask: BinaryMask, groupId: number | null): LabelmeShape {
  const [x, y, w, h] = maskBbox(mask);
  const crop = new Uint8Array(w * h);
  for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) crop[yy * w + xx] = mask.data[(y + yy) * mask.width + x + xx] !== 0 ? 1 : 0;
  return {
    label,
    points: [
      [x, y],
      [x + w - 1, y + h - 1],
    ],
    group_id: groupId,
    description: '',
    shape_type: 'mask',
    flags: {},
    mask: Buffer.from(encodeGray8(w, h, crop)).toString('base64'),
  };
}

export function labelmeWriter(context: WriterContext): FormatWriter {
  return {
    async addImage(image: ExportImage, outputName: string): Promise<void> {
      const shapes: LabelmeShape[] = [];
      image.instances.forEach((instance, index) => {
        const contours = maskToCentreContours(instance.mask);
        if (contours.length === 0) {
          context.warn({ imageId: image.id, fileName: image.fileName, instance: index + 1, message: 'empty mask; not written' });
          return;
        }
        const polygons = contours.map((c) => c.points);
        const exact =
          contours.every((c) => c.simple) && masksEqual(rasterizeCentrePolygons(polygons, image.width, image.height), instance.mask);
        const groupId = index + 1;
        if (!exact) {
          context.warn({
            imageId: image.id,
            fileName: image.fileName,
            instance: index + 1,
            message: "holes or one-pixel-wide parts: written as a labelme 'mask' shape (labelme >= 5.4)",
          });
          shapes.push(maskShape(instance.label, instance.mask, groupId));
          return;
        }
        for (const points of polygons) {
          const pairs: number[][] = [];
          for (let i = 0; i < points.length; i += 2) pairs.push([points[i]!, points[i + 1]!]);
          shapes.push({ label: instance.label, points: pairs, group_id: groupId, description: '', shape_type: 'polygon', flags: {}, mask: null });
        }
      });
      const document = {
        version: LABELME_VERSION,
        flags: {},
        shapes,
        imagePath: image.fileName,
        imageData: null,
        imageHeight: image.height,
        imageWidth: image.width,
      };
      await context.sink.write(`${outputName}.json`, JSON.stringify(document, null, 1));
    },
    async finish(): Promise<void> {},
  };
}
