/**
 * writeExport: validates the dataset, names the outputs, runs one format writer into an atomic
 * folder (sink.ts) and adds manifest.json:
 *
 *   { format, appVersion, createdAt, configuration, approvedBy,
 *     images: [{ id, fileName, output, sha256 (source image, when known), approvedBy, approvedAt,
 *                masks: [{ instance, label, categoryId, area, sha256 }] }],
 *     files: [{ path, sha256, bytes }], warnings: [...] }
 *
 * A mask's sha256 is taken over its row-major 0/1 bytes (width * height bytes), so the same mask
 * always has the same hash whatever the format. Invalid input (an instance of another size than its
 * image, an unknown category id) stops the export with an error naming the image and instance, and
 * nothing is left behind.
 */
import { CancelledError, type CancelToken } from '../../../core/cancel';
import { maskArea } from '../../../core/mask/ops';
import { AppError } from '../../../shared/result';
import { cocoWriter } from './coco';
import { labelmeWriter } from './labelme';
import type { ExportDataset, ExportFormat, ExportImage, ExportWarning } from './model';
import { OutputNames } from './names';
import { pngWriter } from './png';
import { ExportSink, sha256Hex, type WrittenFile } from './sink';
import type { FormatWriter, WriterContext } from './writer';
import { yoloWriter } from './yolo';

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly appVersion: string;
  /** The run configuration (model pack, INT settings, ...) recorded verbatim in the manifest. */
  readonly configuration: unknown;
  /** Who approved the exported annotations (null when not recorded). */
  readonly approvedBy: string | null;
  /** Replace an existing destination folder (default: refuse). */
  readonly overwrite?: boolean;
  readonly onProgress?: (done: number) => void;
  readonly cancel?: CancelToken;
  /** For reproducible tests; default now. */
  readonly createdAt?: Date;
}

export interface ExportResult {
  readonly folder: string;
  readonly images: number;
  readonly files: readonly WrittenFile[];
  readonly warnings: readonly ExportWarning[];
}

function writerFor(format: ExportFormat, context: WriterContext): FormatWriter {
  switch (format) {
    case 'coco':
      return cocoWriter(context, false);
    case 'coco-polygons':
      return cocoWriter(context, true);
    case 'png':
    case 'png-instance':
    case 'png-palette':
    case 'soft':
      return pngWriter(context, format);
    case 'yolo-seg':
      return yoloWriter(context);
    case 'labelme':
      return labelmeWriter(context);
  }
}

function validate(image: ExportImage, categoryIds: ReadonlySet<number>): void {
  if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width <= 0 || image.height <= 0) {
    throw new AppError('invalid_input', `image ${image.id} (${image.fileName}) has size ${image.width}x${image.height}`);
  }
  image.instances.forEach((instance, index) => {
    const { mask } = instance;
    if (mask.width !== image.width || mask.height !== image.height || mask.data.length !== image.width * image.height) {
      throw new AppError(
        'invalid_input',
        `instance ${index + 1} of image ${image.id} (${image.fileName}) is ${mask.width}x${mask.height}, the image is ${image.width}x${image.height}`,
      );
    }
    if (!categoryIds.has(instance.categoryId)) {
      throw new AppError('invalid_input', `instance ${index + 1} of image ${image.id} (${image.fileName}) has category id ${instance.categoryId}, not a label of the project`);
    }
  });
}

function maskSha256(data: Uint8Array): string {
  const normalised = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) normalised[i] = data[i] !== 0 ? 1 : 0;
  return sha256Hex(normalised);
}

export async function writeExport(folder: string, dataset: ExportDataset, options: ExportOptions): Promise<ExportResult> {
  const categoryIds = new Set<number>();
  for (const category of dataset.categories) {
    if (!Number.isInteger(category.id) || category.id < 1) throw new AppError('invalid_input', `label ${category.name} has id ${category.id}; ids start at 1`);
    if (options.format === 'png-palette' && category.id > 255) throw new AppError('invalid_input', `label ${category.name} has id ${category.id}; png-palette holds ids up to 255`);
    if (categoryIds.has(category.id)) throw new AppError('invalid_input', `two labels share the id ${category.id}`);
    categoryIds.add(category.id);
  }
  const createdAt = (options.createdAt ?? new Date()).toISOString();
  const sink = await ExportSink.open(folder, options.overwrite ?? false);
  const warnings: ExportWarning[] = [];
  const context: WriterContext = {
    sink,
    categories: dataset.categories,
    appVersion: options.appVersion,
    createdAt,
    warn: (warning) => warnings.push(warning),
  };
  const manifestImages: unknown[] = [];
  try {
    const writer = writerFor(options.format, context);
    const names = new OutputNames();
    const perImageFiles = options.format !== 'coco' && options.format !== 'coco-polygons';
    for await (const image of dataset.images) {
      if (options.cancel?.cancelled) throw new CancelledError(options.cancel.reason);
      validate(image, categoryIds);
      const { name, renamed } = names.take(image.fileName, image.id);
      if (renamed && perImageFiles) warnings.push({ imageId: image.id, fileName: image.fileName, message: `another image has the same base name; files are named ${name}.*` });
      await writer.addImage(image, name);
      manifestImages.push({
        id: image.id,
        fileName: image.fileName,
        output: perImageFiles ? name : null,
        sha256: image.sha256 ?? null,
        approvedBy: image.approval?.by ?? null,
        approvedAt: image.approval?.at ?? null,
        masks: image.instances.map((instance, index) => ({
          instance: index + 1,
          label: instance.label,
          categoryId: instance.categoryId,
          area: maskArea(instance.mask),
          sha256: maskSha256(instance.mask.data),
        })),
      });
      options.onProgress?.(manifestImages.length);
    }
    await writer.finish();
    const manifest = {
      format: options.format,
      appVersion: options.appVersion,
      createdAt,
      configuration: options.configuration ?? null,
      approvedBy: options.approvedBy,
      images: manifestImages,
      files: sink.files,
      warnings,
    };
    await sink.write('manifest.json', JSON.stringify(manifest, null, 1));
    await sink.commit();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return { folder, images: manifestImages.length, files: sink.files, warnings };
}
