import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import { IMAGE_EXTENSIONS } from '../../imaging/formats';

export interface FileProblem {
  readonly path: string;
  readonly reason: string;
}

export interface CollectedFiles {
  /** Absolute file paths: given files in the order given, each folder's images sorted, without repeats. */
  readonly files: readonly string[];
  /** Paths that could not be used (not absolute, not found, unreadable). */
  readonly problems: readonly FileProblem[];
}

/**
 * Expands the user's selection into image files. Folders are walked recursively in a deterministic order
 * (entries sorted by name, by code point, at every level; hidden entries skipped; symlinked folders followed
 * once). From folders only files with an image extension are taken; files named explicitly are always taken,
 * so that a wrong or unsupported one is reported rather than dropped.
 */
export async function collectImageFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();

  const addFile = (path: string): void => {
    if (seenFiles.has(path)) return;
    seenFiles.add(path);
    files.push(path);
  };

  const walk = async (folder: string): Promise<void> => {
    const real = await realpath(folder);
    if (seenFolders.has(real)) return;
    seenFolders.add(real);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, reason: `cannot read folder: ${errorCode(error)}` });
      return;
    }
    const names = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link in a folder is not something the user asked for
        }
      }
      if (isDirectory) await walk(path);
      else if (isFile && IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase())) addFile(path);
    }
  };

  for (const path of paths) {
    if (!isAbsolute(path)) {
      problems.push({ path, reason: 'path must be absolute' });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      problems.push({ path, reason: errorCode(error) === 'ENOENT' ? 'not found' : `cannot read: ${errorCode(error)}` });
      continue;
    }
    if (info.isDirectory()) await walk(path);
    else if (info.isFile()) addFile(path);
    else problems.push({ path, reason: 'not a file or folder' });
  }
  return { files, problems };
}

export function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
