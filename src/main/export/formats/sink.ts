/**
 * Atomic export folder: every file goes into a temporary sibling folder, hashed (sha256) as it is
 * written; commit() renames the folder into place, abort() removes it. Readers of the destination
 * therefore see either the previous export or the complete new one, never half of one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, sep } from 'node:path';
import { AppError } from '../../../shared/result';

export interface WrittenFile {
  /** Relative to the export folder, with forward slashes. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export class ExportSink {
  readonly files: WrittenFile[] = [];
  private readonly directories = new Set<string>();

  private constructor(
    readonly destination: string,
    readonly temporary: string,
    private readonly overwrite: boolean,
  ) {}

  /** Refuses an existing destination unless `overwrite`; creates the temporary sibling folder. */
  static async open(destination: string, overwrite: boolean): Promise<ExportSink> {
    const exists = await stat(destination).then(
      () => true,
      () => false,
    );
    if (exists && !overwrite) {
      throw new AppError('conflict', `export folder ${destination} already exists; choose another folder or allow overwriting`, { folder: destination });
    }
    const temporary = join(dirname(destination), `.${basename(destination)}.partial-${randomBytes(4).toString('hex')}`);
    await mkdir(temporary, { recursive: true });
    return new ExportSink(destination, temporary, overwrite);
  }

  async write(relativePath: string, data: Uint8Array | string): Promise<void> {
    const normalised = normalize(relativePath);
    if (normalised.startsWith('..') || normalised.startsWith(sep) || normalised.includes(`${sep}..${sep}`)) {
      throw new AppError('invalid_input', `export file name ${relativePath} leaves the export folder`);
    }
    const target = join(this.temporary, normalised);
    const folder = dirname(target);
    if (!this.directories.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.directories.add(folder);
    }
    await writeFile(target, data, { flag: 'wx' });
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    this.files.push({ path: normalised.split(sep).join('/'), sha256: sha256Hex(data), bytes });
  }

  /** Moves the finished folder into place (replacing an existing one only when allowed at open). */
  async commit(): Promise<void> {
    const previous = `${this.temporary}.previous`;
    let moved = false;
    if (this.overwrite) {
      moved = await rename(this.destination, previous).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return false;
          throw error;
        },
      );
    }
    try {
      await rename(this.temporary, this.destination);
    } catch (error) {
      if (moved) await rename(previous, this.destination);
      throw error;
    }
    if (moved) await rm(previous, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.temporary, { recursive: true, force: true });
  }
}
