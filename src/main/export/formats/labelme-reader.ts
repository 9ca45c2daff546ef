/**
 * labelme import: every *.json in a folder (manifest.json excepted), matched to a project image by
 * imagePath (then by the JSON's own basename). Area shapes are imported: polygon (pixel centres,
 * outline included, as labelme's shape_to_mask), rectangle (corners included) and mask (labelme
 * >= 5.4: base64 PNG placed at the first point). Shapes sharing a label and a group_id form one
 * instance, as labelme's shapes_to_label does; a shape without group_id is its own instance.
 * Problems (malformed JSON, unknown image, mismatched size, a bad shape) are reported per item.
 */
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { binaryMask, type BinaryMask } from '../../../core/image';
import { rasterizeCentrePolygons } from '../../../core/mask/centre-contour';
import type { ImportedImage, ImportProblem, ImportResult, ImportTarget } from './model';
import { decodePngValues } from './png-codec';
import { describe, isObject } from './json-values';
import { TargetIndex } from './targets';

export async function readLabelmeFolder(folder: string, targets: readonly ImportTarget[]): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  const images: ImportedImage[] = [];
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (error) {
    return { images, problems: [{ file: folder, item: 'folder', reason: `cannot read: ${(error as Error).message}` }] };
  }
  const index = new TargetIndex(targets);
  for (const name of names) {
    if (name.startsWith('.') || name === 'manifest.json' || extname(name).toLowerCase() !== '.json') continue;
    const file = join(folder, name);
    const result = readLabelme(await readFile(file, 'utf8'), file, index);
    problems.push(...result.problems);
    if (result.image) images.push(result.image);
  }
  return { images, problems };
}

export function readLabelme(text: string, file: string, index: TargetIndex): { image?: ImportedImage; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const report = (item: string, reason: string): void => {
    problems.push({ file, item, reason });
  };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    report('file', `malformed JSON: ${(error as Error).message}`);
    return { problems };
  }
  if (!isObject(document) || !Array.isArray(document.shapes)) {
    report('file', 'not a labelme file: expected an object with a "shapes" list');
    return { problems };
  }
  const imagePath = typeof document.imagePath === 'string' ? document.imagePath : undefined;
  let match = imagePath === undefined ? undefined : index.find(imagePath);
  if (match === undefined || 'error' in match) {
    const own = file.split(/[\\/]/).pop()!;
    const byJsonName = index.find(own, true);
    if ('target' in byJsonName) match = byJsonName;
  }
  if (match === undefined || 'error' in match) {
    report('file', match ? match.error : 'no imagePath and no project image named like the file');
    return { problems };
  }
  const { target } = match;
  if (document.imageWidth !== target.width || document.imageHeight !== target.height) {
    report('file', `mismatched size: ${describe(document.imageWidth)}x${describe(document.imageHeight)} in the file, ${target.width}x${target.height} in the project`);
    return { problems };
  }
  const instances = new Map<string, { label: string; mask: BinaryMask }>();
  document.shapes.forEach((shape, position) => {
    const item = `shape ${position}`;
    if (!isObject(shape) || typeof shape.label !== 'string' || !Array.isArray(shape.points)) {
      report(item, `expected {label: string, points: [[x, y], ...]}, found ${describe(shape)}`);
      return;
    }
    const points = shape.points as unknown[];
    if (!points.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
      report(item, `points must be [x, y] number pairs, found ${describe(points)}`);
      return;
    }
    const xy = (points as number[][]).flat();
    const type = typeof shape.shape_type === 'string' ? shape.shape_type : 'polygon';
    const mask = shapeMask(type, xy, shape.mask, target, (reason) => report(item, reason));
    if (!mask) return;
    const key = shape.group_id === null || shape.group_id === undefined ? `#${position}` : `${shape.label}\u0000${String(shape.group_id)}`;
    const existing = instances.get(key);
    if (existing) for (let i = 0; i < mask.data.length; i++) existing.mask.data[i] = existing.mask.data[i]! | mask.data[i]!;
    else instances.set(key, { label: shape.label, mask });
  });
  return { image: { fileName: target.fileName, instances: [...instances.values()] }, problems };
}

function shapeMask(type: string, xy: number[], encoded: unknown, target: ImportTarget, report: (reason: string) => void): BinaryMask | undefined {
  const { width, height } = target;
  if (type === 'polygon') {
    if (xy.length < 6) {
      report(`polygon with ${xy.length / 2} point(s); at least three are needed`);
      return undefined;
    }
    return rasterizeCentrePolygons([xy], width, height);
  }
  if (type === 'rectangle') {
    if (xy.length !== 4) {
      report(`rectangle needs two points, found ${xy.length / 2}`);
      return undefined;
    }
    const mask = binaryMask(width, height);
    const x0 = Math.max(0, Math.round(Math.min(xy[0]!, xy[2]!)));
    const x1 = Math.min(width - 1, Math.round(Math.max(xy[0]!, xy[2]!)));
    const y0 = Math.max(0, Math.round(Math.min(xy[1]!, xy[3]!)));
    const y1 = Math.min(height - 1, Math.round(Math.max(xy[1]!, xy[3]!)));
    for (let y = y0; y <= y1; y++) mask.data.fill(1, y * width + x0, y * width + x1 + 1);
    return mask;
  }
  if (type === 'mask') {
    if (xy.length !== 4 || typeof encoded !== 'string') {
      report('mask shape needs two points and a base64 PNG "mask"');
      return undefined;
    }
    let patch;
    try {
      patch = decodePngValues(Buffer.from(encoded, 'base64'));
    } catch (error) {
      report(`mask shape PNG is unreadable: ${(error as Error).message}`);
      return undefined;
    }
    const x0 = Math.round(xy[0]!);
    const y0 = Math.round(xy[1]!);
    const integral = xy.every((v) => Number.isInteger(v));
    if (integral && (patch.width !== Math.round(xy[2]!) - x0 + 1 || patch.height !== Math.round(xy[3]!) - y0 + 1)) {
      report(`mask shape PNG is ${patch.width}x${patch.height} but its points span ${Math.round(xy[2]!) - x0 + 1}x${Math.round(xy[3]!) - y0 + 1}`);
      return undefined;
    }
    const mask = binaryMask(width, height);
    for (let y = 0; y < patch.height; y++) {
      const ty = y0 + y;
      if (ty < 0 || ty >= height) continue;
      for (let x = 0; x < patch.width; x++) {
        const tx = x0 + x;
        if (tx >= 0 && tx < width && patch.values[y * patch.width + x] !== 0) mask.data[ty * width + tx] = 1;
      }
    }
    return mask;
  }
  report(`shape type ${describe(type)} is not an area (polygon, rectangle or mask); skipped`);
  return undefined;
}
