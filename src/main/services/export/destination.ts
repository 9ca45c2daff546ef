/**
 * Where an export may be written. Never overwrite silently:
 * - a folder that does not exist is created;
 * - an existing empty folder is used (people often create the folder first in a file dialog);
 * - an existing non-empty folder is refused, unless `force` is given AND it holds a previous IntSeg Studio
 *   export (its manifest.json names a format and an app version): then it is replaced whole, atomically;
 *   `--force` never deletes a folder of other files (a mistyped path to a home folder stays safe);
 * - a file in the way is refused.
 * Partial folders a killed export left next to the destination (`.<name>.partial-<hex>`) are removed first.
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/result';

export interface Destination {
  /** Passed to writeExport: replace the existing (empty, or previous export) folder on commit. */
  readonly overwrite: boolean;
}

async function isPreviousExport(folder: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8')) as unknown;
    return typeof manifest === 'object' && manifest !== null && 'format' in manifest && 'appVersion' in manifest && 'files' in manifest;
  } catch {
    return false;
  }
}

export async function prepareDestination(out: string, force: boolean): Promise<Destination> {
  await removeStalePartials(out);
  let info;
  try {
    info = await stat(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await stat(dirname(out)).catch(() => {
        throw new AppError('invalid_input', `cannot export to ${out}: its parent folder ${dirname(out)} does not exist`, { folder: out });
      });
      return { overwrite: false };
    }
    throw error;
  }
  if (!info.isDirectory()) throw new AppError('conflict', `cannot export to ${out}: a file of that name exists`, { folder: out });
  const entries = await readdir(out);
  if (entries.length === 0) return { overwrite: true };
  if (!force) {
    throw new AppError('conflict', `export folder ${out} already exists and is not empty; choose a new folder, or pass --force to replace a previous export there`, {
      folder: out,
    });
  }
  if (!(await isPreviousExport(out))) {
    throw new AppError('conflict', `export folder ${out} is not empty and holds no IntSeg Studio export (no manifest.json); --force only replaces a previous export`, {
      folder: out,
    });
  }
  return { overwrite: true };
}

async function removeStalePartials(out: string): Promise<void> {
  const parent = dirname(out);
  const prefix = `.${basename(out)}.partial-`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /^[0-9a-f]{8}(\.previous)?$/.test(name.slice(prefix.length))) await rm(join(parent, name), { recursive: true, force: true });
  }
}
