import type { Db } from '../db';
import { IMAGE_STATUSES, type ImageStatus } from '../../../shared/dto/images';
import { AppError } from '../../../shared/result';
import type { AuditRepository } from './audit';
import { blob, isUniqueViolation, notFound, type Actor, type Clock } from './common';

export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'webp' | 'bmp';
export type { ImageStatus };

/** A file-level problem found by verification; it replaces the workflow status until the file is back. */
export type FileProblemStatus = 'missing' | 'changed';
export type WorkflowStatus = Exclude<ImageStatus, FileProblemStatus>;

export interface ImageRecord {
  readonly id: number;
  readonly projectId: number;
  /** Absolute path where the user keeps the file; images are never copied. */
  readonly path: string;
  readonly fileName: string;
  readonly format: ImageFormat;
  /** sha256 of the file bytes, lowercase hex. */
  readonly contentHash: string;
  /** Display size: EXIF orientation applied (a portrait photo stored rotated reports its portrait size). */
  readonly width: number;
  readonly height: number;
  readonly byteSize: number;
  readonly mtimeMs: number;
  readonly status: ImageStatus;
  /** The workflow status a 'missing' or 'changed' image returns to once its file is found intact. */
  readonly previousStatus: WorkflowStatus | null;
  readonly error: string | null;
  readonly addedAt: string;
}

export interface NewImage {
  readonly projectId: number;
  readonly path: string;
  readonly fileName: string;
  readonly format: ImageFormat;
  readonly contentHash: string;
  readonly width: number;
  readonly height: number;
  readonly byteSize: number;
  readonly mtimeMs: number;
  readonly thumbnail: Uint8Array | null;
}

export interface ImageListQuery {
  readonly status?: ImageStatus;
  readonly offset?: number;
  readonly limit?: number;
}

export type StatusCounts = Partial<Record<ImageStatus, number>>;

interface ImageRow {
  id: number;
  project_id: number;
  path: string;
  file_name: string;
  format: ImageFormat;
  content_hash: string;
  width: number;
  height: number;
  byte_size: number;
  mtime_ms: number;
  status: ImageStatus;
  previous_status: WorkflowStatus | null;
  error: string | null;
  added_at: string;
}

const WORKFLOW_STATUSES: readonly string[] = IMAGE_STATUSES.filter((status) => status !== 'missing' && status !== 'changed');

const COLUMNS = 'id, project_id, path, file_name, format, content_hash, width, height, byte_size, mtime_ms, status, previous_status, error, added_at';

export class ImageRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly insertRow;
  private readonly selectOne;
  private readonly selectByHash;
  private readonly selectByPath;
  private readonly selectPage;
  private readonly countRows;
  private readonly selectAllOfProject;
  private readonly selectThumbnail;
  private readonly updateStatus;
  private readonly updateFileProblem;
  private readonly updateFileOk;
  private readonly deleteRow;
  private readonly countByStatus;
  private readonly updateMtime;

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.insertRow = db.prepare<
      [number, string, string, string, string, number, number, number, number, Uint8Array | null, string],
      ImageRow
    >(
      `INSERT INTO images (project_id, path, file_name, format, content_hash, width, height, byte_size, mtime_ms, thumbnail, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    );
    this.selectOne = db.prepare<[number], ImageRow>(`SELECT ${COLUMNS} FROM images WHERE id = ?`);
    this.selectByHash = db.prepare<[number, string], ImageRow>(`SELECT ${COLUMNS} FROM images WHERE project_id = ? AND content_hash = ?`);
    this.selectByPath = db.prepare<[number, string], ImageRow>(`SELECT ${COLUMNS} FROM images WHERE project_id = ? AND path = ?`);
    this.selectPage = db.prepare<{ projectId: number; status: string | null; offset: number; limit: number }, ImageRow>(
      `SELECT ${COLUMNS} FROM images WHERE project_id = @projectId AND (@status IS NULL OR status = @status)
       ORDER BY id LIMIT @limit OFFSET @offset`,
    );
    this.countRows = db.prepare<{ projectId: number; status: string | null }, { n: number }>(
      'SELECT count(*) AS n FROM images WHERE project_id = @projectId AND (@status IS NULL OR status = @status)',
    );
    this.selectAllOfProject = db.prepare<[number], ImageRow>(`SELECT ${COLUMNS} FROM images WHERE project_id = ? ORDER BY id`);
    this.selectThumbnail = db.prepare<[number], { thumbnail: Buffer | null }>('SELECT thumbnail FROM images WHERE id = ?');
    this.updateStatus = db.prepare<[string, string | null, number]>('UPDATE images SET status = ?, error = ? WHERE id = ?');
    this.updateFileProblem = db.prepare<[string, string, number]>(
      `UPDATE images SET previous_status = CASE WHEN status IN ('missing', 'changed') THEN previous_status ELSE status END,
         status = ?, error = ? WHERE id = ?`,
    );
    this.updateFileOk = db.prepare<[number]>(
      `UPDATE images SET status = coalesce(previous_status, 'new'), previous_status = NULL, error = NULL
       WHERE id = ? AND status IN ('missing', 'changed')`,
    );
    this.deleteRow = db.prepare<[number]>('DELETE FROM images WHERE id = ?');
    this.updateMtime = db.prepare<[number, number]>('UPDATE images SET mtime_ms = ? WHERE id = ?');
    this.countByStatus = db.prepare<[number], { status: ImageStatus; n: number }>(
      'SELECT status, count(*) AS n FROM images WHERE project_id = ? GROUP BY status',
    );
  }

  /**
   * Adds one image. Throws AppError 'conflict' when the project already holds the same content (hash) or the
   * same path; the import checks both first and reports duplicates, so this is the last line of defence.
   */
  add(image: NewImage, actor: Actor): ImageRecord {
    return this.db.transaction(() => {
      let row: ImageRow | undefined;
      try {
        row = this.insertRow.get(
          image.projectId,
          image.path,
          image.fileName,
          image.format,
          image.contentHash,
          image.width,
          image.height,
          image.byteSize,
          Math.round(image.mtimeMs),
          image.thumbnail,
          this.clock(),
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError('conflict', `project ${image.projectId} already has this image (same content or same path): ${image.path}`, { path: image.path });
        }
        throw error;
      }
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      this.audit.record({
        actor,
        action: 'image.add',
        targetType: 'image',
        targetId: row.id,
        projectId: image.projectId,
        details: { path: image.path, contentHash: image.contentHash },
      });
      return toImage(row);
    })();
  }

  get(id: number): ImageRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toImage(row);
  }

  require(id: number): ImageRecord {
    const image = this.get(id);
    if (image === null) throw notFound('image', id);
    return image;
  }

  findByHash(projectId: number, contentHash: string): ImageRecord | null {
    const row = this.selectByHash.get(projectId, contentHash);
    return row === undefined ? null : toImage(row);
  }

  findByPath(projectId: number, path: string): ImageRecord | null {
    const row = this.selectByPath.get(projectId, path);
    return row === undefined ? null : toImage(row);
  }

  /** One page in id order (import order), with the total matching the filter. */
  list(projectId: number, query: ImageListQuery = {}): { total: number; items: ImageRecord[] } {
    const status = query.status ?? null;
    const items = this.selectPage
      .all({ projectId, status, offset: Math.max(0, query.offset ?? 0), limit: Math.max(1, query.limit ?? 500) })
      .map(toImage);
    const total = this.countRows.get({ projectId, status })?.n ?? 0;
    return { total, items };
  }

  /** Every image of the project in id order, read lazily (verification walks large projects). */
  *iterate(projectId: number): Generator<ImageRecord> {
    for (const row of this.selectAllOfProject.iterate(projectId)) yield toImage(row);
  }

  thumbnail(id: number): Uint8Array | null {
    const row = this.selectThumbnail.get(id);
    if (row === undefined) throw notFound('image', id);
    return blob(row.thumbnail);
  }

  statusCounts(projectId: number): StatusCounts {
    const counts: StatusCounts = {};
    for (const row of this.countByStatus.all(projectId)) counts[row.status] = row.n;
    return counts;
  }

  /** Workflow status change (queued, proposed, approved ...); audited. */
  setStatus(id: number, status: WorkflowStatus, actor: Actor, error: string | null = null): ImageRecord {
    if (!WORKFLOW_STATUSES.includes(status)) {
      throw new AppError('invalid_input', `image status must be one of new, queued, proposed, in_review, approved, rejected, error; got "${status}"`);
    }
    return this.db.transaction(() => {
      const before = this.require(id);
      this.updateStatus.run(status, error, id);
      this.audit.record({ actor, action: 'image.status', targetType: 'image', targetId: id, projectId: before.projectId, details: { from: before.status, to: status } });
      return this.require(id);
    })();
  }

  /** Marks a file missing or changed, remembering the workflow status to restore; audited when the status changes. */
  markFileProblem(id: number, problem: FileProblemStatus, reason: string, actor: Actor): void {
    this.db.transaction(() => {
      const before = this.require(id);
      if (before.status === problem && before.error === reason) return;
      this.updateFileProblem.run(problem, reason, id);
      this.audit.record({ actor, action: `image.${problem}`, targetType: 'image', targetId: id, projectId: before.projectId, details: { reason } });
    })();
  }

  /** A missing or changed image whose file is intact again gets its workflow status back. */
  markFileOk(id: number, actor: Actor): void {
    this.db.transaction(() => {
      const before = this.require(id);
      if (before.status !== 'missing' && before.status !== 'changed') return;
      this.updateFileOk.run(id);
      this.audit.record({ actor, action: 'image.restored', targetType: 'image', targetId: id, projectId: before.projectId, details: { from: before.status } });
    })();
  }

  /** Records a new modification time for a file whose content was checked unchanged (not user data: not audited). */
  touchFile(id: number, mtimeMs: number): void {
    this.updateMtime.run(Math.round(mtimeMs), id);
  }

  /** Removes images from the project (their masks, versions and trace go with them); the files stay on disk. */
  remove(ids: readonly number[], actor: Actor): number {
    return this.db.transaction(() => {
      let removed = 0;
      for (const id of ids) {
        const before = this.get(id);
        if (before === null) continue;
        this.deleteRow.run(id);
        removed += 1;
        this.audit.record({ actor, action: 'image.remove', targetType: 'image', targetId: id, projectId: before.projectId, details: { path: before.path } });
      }
      return removed;
    })();
  }
}

function toImage(row: ImageRow): ImageRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    path: row.path,
    fileName: row.file_name,
    format: row.format,
    contentHash: row.content_hash,
    width: row.width,
    height: row.height,
    byteSize: row.byte_size,
    mtimeMs: row.mtime_ms,
    status: row.status,
    previousStatus: row.previous_status,
    error: row.error,
    addedAt: row.added_at,
  };
}
