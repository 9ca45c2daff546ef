/**
 * COCO import: images matched to the project by file_name; annotations with compressed RLE,
 * uncompressed RLE (iscrowd) or polygons, rasterised exactly as pycocotools does (polygons of one
 * annotation unioned). Every item that cannot be imported is reported with the file, the item and
 * the reason; everything else is imported.
 */
import { readFile } from 'node:fs/promises';
import type { BinaryMask } from '../../../core/image';
import { polygonsToMask } from '../../../core/mask/polygon';
import { RleFormatError, decodeRle } from '../../../core/mask/rle';
import type { ImportedImage, ImportProblem, ImportResult, ImportTarget } from './model';
import { describe, isObject } from './json-values';
import { TargetIndex } from './targets';

export async function readCocoFile(path: string, targets: readonly ImportTarget[]): Promise<ImportResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { images: [], problems: [{ file: path, item: 'file', reason: `cannot read: ${(error as Error).message}` }] };
  }
  return readCoco(text, path, targets);
}

export function readCoco(text: string, file: string, targets: readonly ImportTarget[]): ImportResult {
  const lazy = parseCoco(text, file, targets);
  const images = [...lazy.decode()];
  // Problems in input order: a bad segmentation is listed where its annotation is.
  const problems = lazy.problems
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.position - b.entry.position || a.index - b.index)
    .map(({ entry }) => entry.problem);
  return { images, problems };
}

/**
 * The streaming form of readCoco for large files: `problems` holds what parsing found (file, categories,
 * images, annotations that reference nothing); iterating `images` decodes one image's masks at a time and
 * appends the problems of bad segmentations to `problems` as it goes.
 */
export function readCocoImages(
  text: string,
  file: string,
  targets: readonly ImportTarget[],
): { readonly problems: ImportProblem[]; readonly count: number; readonly images: Iterable<ImportedImage> } {
  const lazy = parseCoco(text, file, targets);
  const problems: ImportProblem[] = lazy.problems.map((entry) => entry.problem);
  lazy.onProblem = (problem) => problems.push(problem);
  return { problems, count: lazy.count, images: { [Symbol.iterator]: () => lazy.decode() } };
}

interface PendingAnnotation {
  readonly item: string;
  readonly position: number;
  readonly label: string;
  readonly segmentation: unknown;
}

interface ParsedCoco {
  /** Problems with the annotation position they belong to (-1 before the annotations). */
  readonly problems: { readonly position: number; readonly problem: ImportProblem }[];
  /** Called for problems found while decoding (after parsing). */
  onProblem: ((problem: ImportProblem) => void) | null;
  /** How many images decode() yields. */
  count: number;
  decode(): IterableIterator<ImportedImage>;
}

function parseCoco(text: string, file: string, targets: readonly ImportTarget[]): ParsedCoco {
  const problems: { position: number; problem: ImportProblem }[] = [];
  let position = -1;
  const report = (item: string, reason: string): void => {
    problems.push({ position, problem: { file, item, reason } });
  };
  const parsed: ParsedCoco = {
    problems,
    onProblem: null,
    count: 0,
    // replaced below once the annotations are grouped
    decode: () => ([] as ImportedImage[]).values(),
  };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    report('file', `malformed JSON: ${(error as Error).message}`);
    return parsed;
  }
  if (!isObject(document)) {
    report('file', `expected a COCO object with images, annotations and categories, found ${describe(document)}`);
    return parsed;
  }
  const list = (key: string): unknown[] => {
    const value = document[key];
    if (Array.isArray(value)) return value;
    report('file', `"${key}" must be an array, found ${describe(value)}`);
    return [];
  };

  const categories = new Map<number, string>();
  list('categories').forEach((c, index) => {
    if (isObject(c) && typeof c.id === 'number' && typeof c.name === 'string') categories.set(c.id, c.name);
    else report(`category ${index}`, `expected {id: number, name: string}, found ${describe(c)}`);
  });

  const index = new TargetIndex(targets);
  const images = new Map<number, { target: ImportTarget; pending: PendingAnnotation[] }>();
  const skippedImages = new Set<number>();
  list('images').forEach((image, imagePosition) => {
    if (!isObject(image) || typeof image.id !== 'number' || typeof image.file_name !== 'string') {
      report(`image ${imagePosition}`, `expected {id: number, file_name: string, width, height}, found ${describe(image)}`);
      return;
    }
    const item = `image ${image.id} (${image.file_name})`;
    const match = index.find(image.file_name);
    if ('error' in match) {
      report(item, match.error);
      skippedImages.add(image.id);
      return;
    }
    const { target } = match;
    if (image.width !== target.width || image.height !== target.height) {
      report(item, `mismatched size: ${describe(image.width)}x${describe(image.height)} in the file, ${target.width}x${target.height} in the project`);
      skippedImages.add(image.id);
      return;
    }
    images.set(image.id, { target, pending: [] });
  });

  list('annotations').forEach((annotation, annotationPosition) => {
    position = annotationPosition;
    if (!isObject(annotation)) {
      report(`annotation ${annotationPosition}`, `expected an object, found ${describe(annotation)}`);
      return;
    }
    const item = `annotation ${typeof annotation.id === 'number' ? annotation.id : `#${annotationPosition}`}`;
    const imageId = annotation.image_id;
    const image = typeof imageId === 'number' ? images.get(imageId) : undefined;
    if (!image) {
      report(item, typeof imageId === 'number' && skippedImages.has(imageId) ? `its image ${imageId} was not imported (see that image)` : `unknown image_id ${describe(imageId)}`);
      return;
    }
    const label = typeof annotation.category_id === 'number' ? categories.get(annotation.category_id) : undefined;
    if (label === undefined) {
      report(item, `unknown category_id ${describe(annotation.category_id)}`);
      return;
    }
    image.pending.push({ item, position: annotationPosition, label, segmentation: annotation.segmentation });
  });

  parsed.count = images.size;
  parsed.decode = function* decode(): IterableIterator<ImportedImage> {
    for (const { target, pending } of images.values()) {
      const imported: ImportedImage = { fileName: target.fileName, instances: [] };
      for (const annotation of pending) {
        const mask = segmentationMask(annotation.segmentation, target, (reason) => {
          const problem = { file, item: annotation.item, reason };
          if (parsed.onProblem === null) problems.push({ position: annotation.position, problem });
          else parsed.onProblem(problem);
        });
        if (mask) imported.instances.push({ label: annotation.label, mask });
      }
      yield imported;
    }
  };
  return parsed;
}

function segmentationMask(segmentation: unknown, target: ImportTarget, report: (reason: string) => void): BinaryMask | undefined {
  const { width, height } = target;
  if (isObject(segmentation)) {
    const size = segmentation.size;
    if (!Array.isArray(size) || size.length !== 2 || size[0] !== height || size[1] !== width) {
      report(`bad RLE size ${describe(size)}: the image is ${height}x${width} ([height, width])`);
      return undefined;
    }
    try {
      const counts = segmentation.counts;
      if (typeof counts === 'string') return decodeRle({ size: [height, width], counts });
      if (Array.isArray(counts)) return decodeRle({ size: [height, width], counts: counts as number[] });
      report(`RLE counts must be a string or a list of integers, found ${describe(counts)}`);
      return undefined;
    } catch (error) {
      if (error instanceof RleFormatError) {
        report(`bad RLE: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }
  if (!Array.isArray(segmentation) || segmentation.length === 0) {
    report(`segmentation must be RLE {size, counts} or a non-empty list of polygons, found ${describe(segmentation)}`);
    return undefined;
  }
  const polygons: number[][] = [];
  segmentation.forEach((polygon, k) => {
    if (!Array.isArray(polygon) || !polygon.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      report(`polygon ${k} must be a list of numbers, found ${describe(polygon)}; that polygon is skipped`);
    } else if (polygon.length < 6) {
      report(`polygon ${k} has ${polygon.length} numbers; at least 6 (three points) are needed; that polygon is skipped`);
    } else if (polygon.length % 2 !== 0) {
      report(`polygon ${k} has an odd count of numbers (${polygon.length}); expected x, y pairs; that polygon is skipped`);
    } else {
      polygons.push(polygon as number[]);
    }
  });
  if (polygons.length === 0) return undefined;
  return polygonsToMask(polygons, width, height, 'union');
}
