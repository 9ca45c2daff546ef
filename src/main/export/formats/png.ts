/**
 * Raster formats, one PNG per image named `<basename>.png` (see names.ts for clashes):
 * - png: binary 0/255 8-bit, the union of the instances;
 * - png-instance: 16-bit, pixel = instance number (1-based, in annotation order), 0 = background;
 *   instances.json maps each file's numbers to labels and category ids;
 * - png-palette: indexed 8-bit, pixel = category id (0 = background), palette from the labels'
 *   colours (palette.ts);
 * - soft: the INT soft mask as 8-bit gray; images without one are not written (warning).
 * Where instances overlap, the later one wins in png-instance and png-palette (warning with the count).
 */
import type { ExportImage } from './model';
import { categoryPalette } from './palette';
import { encodeGray16, encodeGray8, encodeIndexed } from './png-codec';
import type { FormatWriter, WriterContext } from './writer';

type RasterKind = 'png' | 'png-instance' | 'png-palette' | 'soft';

export function pngWriter(context: WriterContext, kind: RasterKind): FormatWriter {
  const palette = categoryPalette(context.categories);
  const instanceIndex: { file: string; imageId: number; fileName: string; instances: { value: number; label: string; categoryId: number }[] }[] = [];

  const warnOverlap = (image: ExportImage, overlapping: number): void => {
    if (overlapping > 0) {
      context.warn({ imageId: image.id, fileName: image.fileName, message: `${overlapping} pixel(s) covered by more than one instance; the later instance is written` });
    }
  };

  return {
    async addImage(image: ExportImage, outputName: string): Promise<void> {
      const n = image.width * image.height;
      const file = `${outputName}.png`;
      if (kind === 'soft') {
        if (!image.softMask) {
          context.warn({ imageId: image.id, fileName: image.fileName, message: 'no soft mask; not written' });
          return;
        }
        const soft = image.softMask;
        if (soft.width !== image.width || soft.height !== image.height) {
          throw new RangeError(`soft mask of ${image.fileName} is ${soft.width}x${soft.height}, the image ${image.width}x${image.height}`);
        }
        await context.sink.write(file, encodeGray8(soft.width, soft.height, soft.data));
        return;
      }
      if (kind === 'png') {
        const data = new Uint8Array(n);
        for (const instance of image.instances) {
          const m = instance.mask.data;
          for (let i = 0; i < n; i++) if (m[i] !== 0) data[i] = 255;
        }
        await context.sink.write(file, encodeGray8(image.width, image.height, data));
        return;
      }
      if (kind === 'png-instance') {
        if (image.instances.length > 65535) throw new RangeError(`${image.fileName} has ${image.instances.length} instances; png-instance holds at most 65535`);
        const data = new Uint16Array(n);
        let overlapping = 0;
        image.instances.forEach((instance, index) => {
          const m = instance.mask.data;
          for (let i = 0; i < n; i++) {
            if (m[i] === 0) continue;
            if (data[i] !== 0) overlapping++;
            data[i] = index + 1;
          }
        });
        warnOverlap(image, overlapping);
        await context.sink.write(file, encodeGray16(image.width, image.height, data));
        instanceIndex.push({
          file,
          imageId: image.id,
          fileName: image.fileName,
          instances: image.instances.map((instance, index) => ({ value: index + 1, label: instance.label, categoryId: instance.categoryId })),
        });
        return;
      }
      const data = new Uint8Array(n);
      let overlapping = 0;
      for (const instance of image.instances) {
        const m = instance.mask.data;
        for (let i = 0; i < n; i++) {
          if (m[i] === 0) continue;
          if (data[i] !== 0) overlapping++;
          data[i] = instance.categoryId;
        }
      }
      warnOverlap(image, overlapping);
      await context.sink.write(file, encodeIndexed(image.width, image.height, data, palette));
    },
    async finish(): Promise<void> {
      if (kind === 'png-instance') await context.sink.write('instances.json', JSON.stringify({ images: instanceIndex }, null, 1));
      if (kind === 'png-palette') {
        const classes = context.categories.map((c) => ({ value: c.id, name: c.name, color: palette[c.id] }));
        await context.sink.write('classes.json', JSON.stringify({ background: { value: 0, color: palette[0] }, classes }, null, 1));
      }
    },
  };
}
