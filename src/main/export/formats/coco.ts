/**
 * COCO instance annotations: one annotations.json.
 *
 * - images: id, file_name (as stored in the project), width, height;
 * - categories: the project's labels (id, name, supercategory "");
 * - annotations: id from 1, image_id, category_id, iscrowd 0, area (foreground pixel count), bbox
 *   [x, y, w, h] (tight, as pycocotools toBbox), and a segmentation:
 *   'coco': compressed RLE {size: [h, w], counts: string} exactly as pycocotools encodes it;
 *   'coco-polygons': one polygon per 4-connected part, vertices on pixel corners, which pycocotools
 *   rasterises back to exactly these pixels (core/mask/polygon.ts). COCO unions the polygons of an
 *   annotation, so a hole cannot be expressed: such an instance is written as RLE instead and a
 *   warning says so. The polygons are also checked by rasterising them the pycocotools way; any
 *   difference falls back to RLE the same way.
 * Empty instances are not written (warning).
 */
import { maskArea, maskBbox, masksEqual } from '../../../core/mask/ops';
import { maskToPolygons, polygonsToMask } from '../../../core/mask/polygon';
import { encodeRle } from '../../../core/mask/rle';
import type { ExportImage } from './model';
import type { FormatWriter, WriterContext } from './writer';

interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  segmentation: { size: [number, number]; counts: string } | number[][];
  area: number;
  bbox: [number, number, number, number];
  iscrowd: 0;
}

export function cocoWriter(context: WriterContext, polygons: boolean): FormatWriter {
  const images: { id: number; file_name: string; width: number; height: number }[] = [];
  const annotations: CocoAnnotation[] = [];
  return {
    async addImage(image: ExportImage): Promise<void> {
      images.push({ id: image.id, file_name: image.fileName, width: image.width, height: image.height });
      image.instances.forEach((instance, index) => {
        const area = maskArea(instance.mask);
        if (area === 0) {
          context.warn({ imageId: image.id, fileName: image.fileName, instance: index + 1, message: 'empty mask; not written' });
          return;
        }
        let segmentation: CocoAnnotation['segmentation'] | undefined;
        if (polygons) {
          const parts = maskToPolygons(instance.mask);
          const holes = parts.reduce((count, part) => count + part.holes.length, 0);
          const rings = parts.map((part) => part.outer);
          if (holes > 0) {
            context.warn({
              imageId: image.id,
              fileName: image.fileName,
              instance: index + 1,
              message: `${holes} hole(s): COCO polygons cannot express holes, written as RLE`,
            });
          } else if (!masksEqual(polygonsToMask(rings, image.width, image.height, 'union'), instance.mask)) {
            context.warn({ imageId: image.id, fileName: image.fileName, instance: index + 1, message: 'polygons would not reproduce the mask; written as RLE' });
          } else {
            segmentation = rings;
          }
        }
        const rle = encodeRle(instance.mask);
        annotations.push({
          id: annotations.length + 1,
          image_id: image.id,
          category_id: instance.categoryId,
          segmentation: segmentation ?? { size: [rle.size[0], rle.size[1]], counts: rle.counts },
          area,
          bbox: maskBbox(instance.mask),
          iscrowd: 0,
        });
      });
    },
    async finish(): Promise<void> {
      const document = {
        info: {
          description: 'Exported by IntSeg Studio',
          version: context.appVersion,
          year: Number(context.createdAt.slice(0, 4)),
          contributor: 'IntSeg Studio',
          date_created: context.createdAt,
        },
        licenses: [],
        images,
        categories: context.categories.map((c) => ({ id: c.id, name: c.name, supercategory: '' })),
        annotations,
      };
      await context.sink.write('annotations.json', JSON.stringify(document));
    },
  };
}
