import { stat } from 'node:fs/promises';
import { neverCancelled, throwIfCancelled, type CancelToken } from '../../../core/cancel';
import { sha256File } from '../../imaging/hash';
import type { Actor } from '../../storage/repositories/common';
import type { Storage } from '../../storage/storage';
import { errorCode, type FileProblem } from './collect-files';

export interface VerifyReport {
  readonly checked: number;
  /** Files no longer at their path (moved, deleted, unreadable): marked 'missing'. */
  readonly missing: readonly FileProblem[];
  /** Files whose content differs from what was imported: marked 'changed'. */
  readonly changed: readonly FileProblem[];
  /** Images that were missing or changed and whose file is intact again: their workflow status is back. */
  readonly restored: readonly FileProblem[];
}

export interface VerifyOptions {
  readonly actor?: Actor;
  readonly cancel?: CancelToken;
  /** Hash every file, not only those whose size or modification time differ (slow on large projects). */
  readonly deep?: boolean;
  readonly onProgress?: (checked: number) => void;
}

/**
 * Checks that every image of the project is still where it was imported, with the same content. A file
 * that is gone is marked 'missing'; one whose size or time changed is hashed and marked 'changed' if its
 * content differs (a file only touched keeps its status). Problems are reported, never thrown: one bad file
 * never stops the check of the others.
 */
export async function verifyImages(storage: Storage, projectId: number, options: VerifyOptions = {}): Promise<VerifyReport> {
  storage.projects.require(projectId);
  const actor = options.actor ?? 'system';
  const cancel = options.cancel ?? neverCancelled;
  const missing: FileProblem[] = [];
  const changed: FileProblem[] = [];
  const restored: FileProblem[] = [];
  let checked = 0;
  // Snapshot first: the checks await file I/O, and a statement iterator must not stay open across awaits.
  const images = [...storage.images.iterate(projectId)];
  for (const image of images) {
    throwIfCancelled(cancel);
    checked += 1;
    let problem: { kind: 'missing' | 'changed'; reason: string } | null = null;
    try {
      const info = await stat(image.path);
      if (!info.isFile()) {
        problem = { kind: 'missing', reason: 'path is no longer a file' };
      } else if (options.deep === true || info.size !== image.byteSize || Math.round(info.mtimeMs) !== image.mtimeMs) {
        const hash = await sha256File(image.path);
        if (hash !== image.contentHash) {
          problem = { kind: 'changed', reason: info.size !== image.byteSize ? `content changed (size ${image.byteSize} -> ${info.size} bytes)` : 'content changed (different sha256)' };
        } else if (Math.round(info.mtimeMs) !== image.mtimeMs) {
          storage.images.touchFile(image.id, info.mtimeMs); // only touched: remember the new time, skip the hash next time
        }
      }
    } catch (error) {
      const code = errorCode(error);
      problem = { kind: 'missing', reason: code === 'ENOENT' ? 'file not found (moved or deleted)' : `cannot read file: ${code}` };
    }
    try {
      if (problem === null) {
        if (image.status === 'missing' || image.status === 'changed') {
          storage.images.markFileOk(image.id, actor);
          restored.push({ path: image.path, reason: `file is back (was ${image.status})` });
        }
      } else {
        storage.images.markFileProblem(image.id, problem.kind, problem.reason, actor);
        (problem.kind === 'missing' ? missing : changed).push({ path: image.path, reason: problem.reason });
      }
    } catch (error) {
      // the image was removed while we checked it: nothing to mark
      if (!(error instanceof Error && 'code' in error && error.code === 'not_found')) throw error;
    }
    options.onProgress?.(checked);
  }
  return { checked, missing, changed, restored };
}
