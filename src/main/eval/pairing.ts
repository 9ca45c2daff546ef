/**
 * Pairs prediction and GT files by basename (extension ignored, case kept). Everything that cannot
 * be paired is reported per file with the reason; nothing is dropped silently.
 */
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError } from '../../shared/result';
import { IMAGE_EXTENSIONS } from '../imaging/formats';

export interface FileProblem {
  /** Path of the file concerned (or of the folder for folder-level notes). */
  readonly file: string;
  readonly reason: string;
}

export interface FilePair {
  readonly name: string;
  readonly predPath: string;
  readonly gtPath: string;
}

export interface Listing {
  readonly byName: Map<string, string>;
  readonly problems: FileProblem[];
}

/** The image files of a folder by basename (extension dropped); ambiguous names and other files are reported. */
export async function listImages(dir: string, role: 'prediction' | 'GT'): Promise<Listing> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : `cannot be read (${code ?? String(error)})`;
    throw new AppError('invalid_input', `${role} folder ${dir} ${why}`, { folder: dir });
  }
  const files = new Map<string, string[]>();
  const problems: FileProblem[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .DS_Store and friends
    const path = join(dir, entry.name);
    if (!entry.isFile()) {
      if (entry.isDirectory()) continue; // folders are not walked
      problems.push({ file: path, reason: `not a regular file; ${role} folders must hold image files` });
      continue;
    }
    const extension = extname(entry.name);
    if (!IMAGE_EXTENSIONS.has(extension.toLowerCase())) {
      problems.push({ file: path, reason: `not an image file extension (${extension || 'none'}); skipped` });
      continue;
    }
    const name = entry.name.slice(0, entry.name.length - extension.length);
    const list = files.get(name) ?? [];
    list.push(path);
    files.set(name, list);
  }
  const byName = new Map<string, string>();
  for (const [name, paths] of files) {
    if (paths.length === 1) byName.set(name, paths[0]!);
    else for (const path of paths) problems.push({ file: path, reason: `${paths.length} ${role} files share the basename "${name}"; which one to use is ambiguous` });
  }
  return { byName, problems };
}

export async function pairFolders(predDir: string, gtDir: string): Promise<{ pairs: FilePair[]; problems: FileProblem[] }> {
  const [pred, gt] = await Promise.all([listImages(predDir, 'prediction'), listImages(gtDir, 'GT')]);
  const problems = [...pred.problems, ...gt.problems];
  const pairs: FilePair[] = [];
  for (const [name, predPath] of pred.byName) {
    const gtPath = gt.byName.get(name);
    if (gtPath === undefined) problems.push({ file: predPath, reason: `no GT file named "${name}.*" in ${gtDir}` });
    else pairs.push({ name, predPath, gtPath });
  }
  for (const [name, gtPath] of gt.byName) {
    if (!pred.byName.has(name)) problems.push({ file: gtPath, reason: `no prediction named "${name}.*" in ${predDir}` });
  }
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { pairs, problems };
}
