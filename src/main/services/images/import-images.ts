import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { neverCancelled, type CancelToken } from '../../../core/cancel';
import { ImageDecodeError, openImage } from '../../imaging/decode';
import { sha256File } from '../../imaging/hash';
import { makeThumbnail, THUMBNAIL_LONG_SIDE } from '../../imaging/thumbnail';
import type { Actor } from '../../storage/repositories/common';
import type { JobItemOutcome } from '../../storage/repositories/jobs';
import type { Storage } from '../../storage/storage';
import { collectImageFiles, errorCode, type FileProblem } from './collect-files';

export type ImportOutcome = 'imported' | 'duplicate' | 'present' | 'failed';

/** One file's fate. */
export interface ImportItem {
  readonly path: string;
  readonly outcome: ImportOutcome;
  /** For duplicates, present and failed files: why, in words ('same content as /a/b.png (image 12)'). */
  readonly reason: string | null;
  readonly imageId: number | null;
}

export interface ImportProgress {
  /** Files handled so far, including those an earlier attempt of the same job committed. */
  readonly done: number;
  readonly total: number;
  /** The file just handled; null for the first report (files found, and how many were done before a resume). */
  readonly item: ImportItem | null;
}

export interface ImportReport {
  readonly projectId: number;
  /** Files found (given files plus images in given folders). */
  readonly found: number;
  readonly imported: number;
  /** Files whose content is already in the project (under another path), or repeated in the selection. */
  readonly duplicates: readonly FileProblem[];
  /** Files already in the project under the same path (adding a folder again). */
  readonly alreadyPresent: readonly FileProblem[];
  /** Corrupt, empty, unsupported or unreadable files, and paths that could not be used. */
  readonly failed: readonly FileProblem[];
  /** True when the import stopped early because it was cancelled; what was committed stays. */
  readonly cancelled: boolean;
}

export interface ImportImagesOptions {
  readonly actor: Actor;
  readonly cancel?: CancelToken;
  /**
   * The job this import runs as. Each file's outcome is then recorded in the job's items in the same
   * transaction as its image row, and files an earlier attempt recorded are skipped: a killed import,
   * resumed, imports every file exactly once and reports every file.
   */
  readonly jobId?: number;
  /** Called once when the files are known, then after each file is committed or skipped. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Files hashed and decoded ahead of the one being committed (default 2). Commits stay in file order. */
  readonly concurrency?: number;
  readonly thumbnailLongSide?: number;
}

/** The detail stored with a job item, so a resumed import can report what an earlier attempt did. */
interface ItemDetail {
  readonly outcome: ImportOutcome;
  readonly reason: string | null;
  readonly imageId: number | null;
}

type Prepared =
  | { readonly kind: 'ready'; readonly path: string; readonly hash: string; readonly format: 'png' | 'jpeg' | 'tiff' | 'webp' | 'bmp'; readonly width: number; readonly height: number; readonly byteSize: number; readonly mtimeMs: number; readonly thumbnail: Uint8Array }
  | { readonly kind: 'settled'; readonly path: string; readonly detail: ItemDetail };

/**
 * Adds image files and folders to a project. Images stay where they are (absolute paths are stored); each file
 * is hashed (sha256, streamed), measured (EXIF-oriented size), thumbnailed and committed in its own
 * transaction. Duplicates by content are reported and not imported twice; corrupt, empty or unsupported files
 * are reported by name with the reason and skipped; the rest is imported.
 */
export async function importImages(storage: Storage, projectId: number, paths: readonly string[], options: ImportImagesOptions): Promise<ImportReport> {
  storage.projects.require(projectId);
  const cancel = options.cancel ?? neverCancelled;
  const { files, problems } = await collectImageFiles(paths);
  const total = files.length + problems.length;
  const jobId = options.jobId;
  const details = new Map<string, ItemDetail>();
  let done = 0;

  const settle = (path: string, detail: ItemDetail, fromEarlierAttempt: boolean): void => {
    details.set(path, detail);
    done += 1;
    if (!fromEarlierAttempt) options.onProgress?.({ done, total, item: { path, ...detail } });
  };

  // Files an earlier attempt of this job settled are skipped (and reported from their stored details).
  const pending: string[] = [];
  const newProblems: FileProblem[] = [];
  for (const problem of problems) {
    const earlier = jobId === undefined ? null : readDetail(storage, jobId, problem.path);
    if (earlier !== null) settle(problem.path, earlier, true);
    else newProblems.push(problem);
  }
  for (const path of files) {
    const earlier = jobId === undefined ? null : readDetail(storage, jobId, path);
    if (earlier !== null) settle(path, earlier, true);
    else pending.push(path);
  }
  options.onProgress?.({ done, total, item: null });

  // Problems with the selection itself are items too, so a resumed job does not report them twice.
  for (const problem of newProblems) {
    const detail: ItemDetail = { outcome: 'failed', reason: problem.reason, imageId: null };
    if (jobId !== undefined) storage.transaction(() => recordItem(storage, jobId, problem.path, detail));
    settle(problem.path, detail, false);
  }

  const lookahead = Math.max(1, options.concurrency ?? 2);
  const longSide = options.thumbnailLongSide ?? THUMBNAIL_LONG_SIDE;
  const inFlight: Array<Promise<Prepared>> = [];
  let next = 0;
  let cancelled = false;
  const fill = (): void => {
    while (inFlight.length < lookahead && next < pending.length && !cancel.cancelled) {
      inFlight.push(prepare(storage, projectId, pending[next], longSide));
      next += 1;
    }
  };

  fill();
  while (inFlight.length > 0) {
    const prepared = await (inFlight.shift() as Promise<Prepared>);
    if (cancel.cancelled) {
      cancelled = true;
      await Promise.allSettled(inFlight);
      break;
    }
    fill();
    const detail = storage.transaction(() => {
      const committed = commit(storage, projectId, prepared, options.actor);
      if (jobId !== undefined) recordItem(storage, jobId, prepared.path, committed);
      return committed;
    });
    settle(prepared.path, detail, false);
  }
  if (next < pending.length) cancelled = true;

  const report = (outcome: ImportOutcome): FileProblem[] =>
    [...details.entries()].filter(([, d]) => d.outcome === outcome).map(([path, d]) => ({ path, reason: d.reason ?? outcome }));
  return {
    projectId,
    found: total,
    imported: [...details.values()].filter((d) => d.outcome === 'imported').length,
    duplicates: report('duplicate'),
    alreadyPresent: report('present'),
    failed: report('failed'),
    cancelled,
  };
}

/** Everything that needs no write lock: stat, hash, decode, thumbnail. Never throws; failures become details. */
async function prepare(storage: Storage, projectId: number, path: string, longSide: number): Promise<Prepared> {
  try {
    const present = storage.images.findByPath(projectId, path);
    if (present !== null) return { kind: 'settled', path, detail: presentDetail(present.id) };
    const info = await stat(path);
    if (info.size === 0) return failed(path, 'file is empty');
    const hash = await sha256File(path);
    const duplicate = storage.images.findByHash(projectId, hash);
    if (duplicate !== null) return { kind: 'settled', path, detail: duplicateDetail(duplicate.path, duplicate.id) };
    const image = await openImage(path);
    const thumbnail = await makeThumbnail(image, longSide);
    return { kind: 'ready', path, hash, format: image.format, width: image.width, height: image.height, byteSize: info.size, mtimeMs: info.mtimeMs, thumbnail };
  } catch (error) {
    if (error instanceof ImageDecodeError) return failed(path, error.reason);
    const code = errorCode(error);
    return failed(path, code === 'ENOENT' ? 'not found (moved or deleted during the import)' : `cannot read: ${code}`);
  }
}

/** Runs inside the item's transaction: re-checks path and content (an earlier item of this import may match). */
function commit(storage: Storage, projectId: number, prepared: Prepared, actor: Actor): ItemDetail {
  if (prepared.kind === 'settled') return prepared.detail;
  const present = storage.images.findByPath(projectId, prepared.path);
  if (present !== null) return presentDetail(present.id);
  const duplicate = storage.images.findByHash(projectId, prepared.hash);
  if (duplicate !== null) return duplicateDetail(duplicate.path, duplicate.id);
  const image = storage.images.add(
    {
      projectId,
      path: prepared.path,
      fileName: basename(prepared.path),
      format: prepared.format,
      contentHash: prepared.hash,
      width: prepared.width,
      height: prepared.height,
      byteSize: prepared.byteSize,
      mtimeMs: prepared.mtimeMs,
      thumbnail: prepared.thumbnail,
    },
    actor,
  );
  return { outcome: 'imported', reason: null, imageId: image.id };
}

function failed(path: string, reason: string): Prepared {
  return { kind: 'settled', path, detail: { outcome: 'failed', reason, imageId: null } };
}

function presentDetail(imageId: number): ItemDetail {
  return { outcome: 'present', reason: `already in the project (image ${imageId})`, imageId };
}

function duplicateDetail(existingPath: string, imageId: number): ItemDetail {
  return { outcome: 'duplicate', reason: `same content as ${existingPath} (image ${imageId})`, imageId };
}

const JOB_OUTCOME: Readonly<Record<ImportOutcome, JobItemOutcome>> = { imported: 'done', duplicate: 'skipped', present: 'skipped', failed: 'failed' };

function recordItem(storage: Storage, jobId: number, path: string, detail: ItemDetail): void {
  storage.jobs.recordItem(jobId, path, JOB_OUTCOME[detail.outcome], JSON.stringify(detail));
}

function readDetail(storage: Storage, jobId: number, path: string): ItemDetail | null {
  const item = storage.jobs.item(jobId, path);
  if (item === null) return null;
  try {
    const parsed = JSON.parse(item.detail ?? '') as Partial<ItemDetail>;
    if (parsed.outcome !== undefined) return { outcome: parsed.outcome, reason: parsed.reason ?? null, imageId: parsed.imageId ?? null };
  } catch {
    // fall through: a detail written by something else; keep the stored outcome
  }
  return { outcome: item.outcome === 'done' ? 'imported' : item.outcome === 'failed' ? 'failed' : 'duplicate', reason: item.detail, imageId: null };
}
