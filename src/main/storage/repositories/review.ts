import type { Db } from '../db';
import { AppError } from '../../../shared/result';
import type { AuditRepository } from './audit';
import { notFound, type Actor, type Clock } from './common';

export type ReviewAction = 'approve' | 'reject' | 'comment';

export interface ReviewEvent {
  readonly id: number;
  readonly imageId: number;
  /** The annotation version the reviewer looked at; null after that version's image was re-annotated and it was removed. */
  readonly versionId: number | null;
  readonly action: ReviewAction;
  readonly actor: Actor;
  readonly createdAt: string;
  readonly note: string | null;
}

export interface NewReviewEvent {
  readonly imageId: number;
  readonly versionId: number | null;
  readonly action: ReviewAction;
  readonly actor: Actor;
  readonly note?: string | null;
}

interface ReviewRow {
  id: number;
  image_id: number;
  version_id: number | null;
  action: ReviewAction;
  actor: string;
  created_at: string;
  note: string | null;
}

const STATUS_AFTER: Readonly<Record<ReviewAction, 'approved' | 'rejected' | null>> = { approve: 'approved', reject: 'rejected', comment: null };

/** Review decisions. Approve and reject also set the image's status, in the same transaction, and are audited. */
export class ReviewRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly insertRow;
  private readonly selectOfImage;
  private readonly selectImage;
  private readonly selectVersionImage;
  private readonly updateImageStatus;

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.insertRow = db.prepare<[number, number | null, string, string, string, string | null], ReviewRow>(
      'INSERT INTO review_events (image_id, version_id, action, actor, created_at, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
    );
    this.selectOfImage = db.prepare<[number], ReviewRow>('SELECT * FROM review_events WHERE image_id = ? ORDER BY id');
    this.selectImage = db.prepare<[number], { project_id: number; status: string }>('SELECT project_id, status FROM images WHERE id = ?');
    this.selectVersionImage = db.prepare<[number], { image_id: number }>('SELECT image_id FROM annotation_versions WHERE id = ?');
    this.updateImageStatus = db.prepare<[string, number]>('UPDATE images SET status = ?, error = NULL WHERE id = ?');
  }

  record(event: NewReviewEvent): ReviewEvent {
    if (!(event.action in STATUS_AFTER)) throw new AppError('invalid_input', `review action must be approve, reject or comment; got "${event.action}"`);
    return this.db.transaction(() => {
      const image = this.selectImage.get(event.imageId);
      if (image === undefined) throw notFound('image', event.imageId);
      if (event.versionId !== null) {
        const owner = this.selectVersionImage.get(event.versionId);
        if (owner === undefined) throw notFound('annotation version', event.versionId);
        if (owner.image_id !== event.imageId) {
          throw new AppError('invalid_input', `annotation version ${event.versionId} belongs to image ${owner.image_id}, not to image ${event.imageId}`);
        }
      }
      const status = STATUS_AFTER[event.action];
      if (status !== null && (image.status === 'missing' || image.status === 'changed')) {
        throw new AppError('conflict', `image ${event.imageId} is ${image.status}; check its file before approving or rejecting it`);
      }
      const row = this.insertRow.get(event.imageId, event.versionId, event.action, event.actor, this.clock(), event.note ?? null);
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      if (status !== null) this.updateImageStatus.run(status, event.imageId);
      this.audit.record({
        actor: event.actor,
        action: `review.${event.action}`,
        targetType: 'image',
        targetId: event.imageId,
        projectId: image.project_id,
        details: { versionId: event.versionId, note: event.note ?? null, from: image.status, to: status ?? image.status },
      });
      return toEvent(row);
    })();
  }

  ofImage(imageId: number): ReviewEvent[] {
    return this.selectOfImage.all(imageId).map(toEvent);
  }
}

function toEvent(row: ReviewRow): ReviewEvent {
  return { id: row.id, imageId: row.image_id, versionId: row.version_id, action: row.action, actor: row.actor, createdAt: row.created_at, note: row.note };
}
