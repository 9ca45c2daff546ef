import type { Db } from '../db';
import { fromJson, toJson, type Actor, type Clock, type JsonValue } from './common';

export interface AuditEntry {
  readonly id: number;
  readonly actor: Actor;
  readonly at: string;
  /** Dotted verb: 'project.create', 'annotation.save', 'review.approve' ... */
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly projectId: number | null;
  readonly details: JsonValue;
}

export interface NewAuditEntry {
  readonly actor: Actor;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: number | string;
  readonly projectId?: number | null;
  readonly details?: JsonValue;
}

export interface AuditQuery {
  readonly projectId?: number;
  readonly targetType?: string;
  readonly targetId?: number | string;
  /** Entries with a smaller id than this (paging backwards from the newest). */
  readonly beforeId?: number;
  readonly limit?: number;
}

interface AuditRow {
  id: number;
  actor: string;
  at: string;
  action: string;
  target_type: string;
  target_id: string;
  project_id: number | null;
  details_json: string;
}

/**
 * Append-only log of who changed what. Other repositories call `record` inside their own transaction,
 * so an entry exists exactly when the change it describes was committed.
 */
export class AuditRepository {
  private readonly clock: Clock;
  private readonly insert;
  private readonly query;

  constructor(db: Db, clock: Clock) {
    this.clock = clock;
    this.insert = db.prepare<[string, string, string, string, string, number | null, string]>(
      'INSERT INTO audit_log (actor, at, action, target_type, target_id, project_id, details_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.query = db.prepare<
      { projectId: number | null; targetType: string | null; targetId: string | null; beforeId: number | null; limit: number },
      AuditRow
    >(
      `SELECT * FROM audit_log
       WHERE (@projectId IS NULL OR project_id = @projectId)
         AND (@targetType IS NULL OR target_type = @targetType)
         AND (@targetId IS NULL OR target_id = @targetId)
         AND (@beforeId IS NULL OR id < @beforeId)
       ORDER BY id DESC LIMIT @limit`,
    );
  }

  record(entry: NewAuditEntry): void {
    this.insert.run(
      entry.actor,
      this.clock(),
      entry.action,
      entry.targetType,
      String(entry.targetId),
      entry.projectId ?? null,
      toJson(entry.details ?? {}, 'audit details'),
    );
  }

  /** Newest first. */
  list(query: AuditQuery = {}): AuditEntry[] {
    return this.query
      .all({
        projectId: query.projectId ?? null,
        targetType: query.targetType ?? null,
        targetId: query.targetId === undefined ? null : String(query.targetId),
        beforeId: query.beforeId ?? null,
        limit: Math.max(1, Math.min(query.limit ?? 200, 10_000)),
      })
      .map((row) => ({
        id: row.id,
        actor: row.actor,
        at: row.at,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        projectId: row.project_id,
        details: fromJson(row.details_json),
      }));
  }
}
