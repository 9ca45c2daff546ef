/**
 * Import of binary PNG masks from a folder, matched to project images by basename (extension
 * ignored). One instance per file, with the label given by the caller. Nonzero is foreground when
 * the file holds at most two values (0/255, 0/1, palette 0/k); otherwise pixels above half the
 * range are foreground and a problem entry says so. Unknown names, unreadable files, mismatched
 * sizes and project images without a file are reported; the rest is imported.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { binaryMask } from '../../../core/image';
import type { ImportedImage, ImportProblem, ImportResult, ImportTarget } from './model';
import { baseName } from './names';
import { decodePngValues } from './png-codec';
import { TargetIndex } from './targets';

/** Metadata files that the png exports write next to the masks. */
const EXPORT_METADATA = new Set(['manifest.json', 'instances.json', 'classes.json']);

export async function readPngFolder(folder: string, targets: readonly ImportTarget[], label: string): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  const images: ImportedImage[] = [];
  const index = new TargetIndex(targets);
  const matched = new Set<string>();
  const listing = await listPngMaskFiles(folder);
  problems.push(...listing.problems);
  for (const file of listing.files) {
    const result = await readPngMaskFile(file, index, label);
    problems.push(...result.problems);
    if (result.image) {
      matched.add(result.image.fileName);
      images.push(result.image);
    }
  }
  if (listing.readable) {
    for (const target of targets) {
      if (!matched.has(target.fileName)) problems.push({ file: join(folder, `${baseName(target.fileName)}.png`), item: 'file', reason: `no mask file for image ${target.fileName}` });
    }
  }
  return { images, problems };
}

/** The mask files of a folder in name order; other files are reported (export metadata and hidden files are not). */
export async function listPngMaskFiles(folder: string): Promise<{ readable: boolean; files: string[]; problems: ImportProblem[] }> {
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (error) {
    return { readable: false, files: [], problems: [{ file: folder, item: 'folder', reason: `cannot read: ${(error as Error).message}` }] };
  }
  const files: string[] = [];
  const problems: ImportProblem[] = [];
  for (const name of names) {
    if (name.startsWith('.') || EXPORT_METADATA.has(name)) continue;
    const file = join(folder, name);
    if (extname(name).toLowerCase() !== '.png') problems.push({ file, item: 'file', reason: 'not a PNG file; skipped' });
    else files.push(file);
  }
  return { readable: true, files, problems };
}

/** One mask file, matched to a project image by basename: the imported image, or the problems that kept it out. */
export async function readPngMaskFile(file: string, index: TargetIndex, label: string): Promise<{ image?: ImportedImage; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const name = basename(file);
  const match = index.find(name, true);
  if ('error' in match) return { problems: [{ file, item: 'file', reason: match.error }] };
  const { target } = match;
  let decoded;
  try {
    decoded = decodePngValues(await readFile(file));
  } catch (error) {
    return { problems: [{ file, item: 'file', reason: `unreadable PNG: ${(error as Error).message}` }] };
  }
  if (decoded.width !== target.width || decoded.height !== target.height) {
    return { problems: [{ file, item: 'file', reason: `mismatched size: ${decoded.width}x${decoded.height}, the image ${target.fileName} is ${target.width}x${target.height}` }] };
  }
  const { values } = decoded;
  const distinct = new Set<number>();
  for (let i = 0; i < values.length && distinct.size <= 2; i++) distinct.add(values[i]!);
  let threshold = 0;
  if (distinct.size > 2 && !decoded.indexed) {
    threshold = Math.floor(((1 << decoded.depth) - 1) / 2);
    problems.push({ file, item: 'file', reason: `not a binary mask (more than two values); pixels above ${threshold} imported as foreground` });
  }
  const mask = binaryMask(target.width, target.height);
  for (let i = 0; i < values.length; i++) mask.data[i] = values[i]! > threshold ? 1 : 0;
  return { image: { fileName: target.fileName, instances: [{ label, mask }] }, problems };
}
