import type { Db } from '../db';
import type { AuditRepository } from './audit';
import { fromJson, notFound, toJson, type Actor, type Clock, type JsonValue } from './common';

export type ModelPackStatus = 'installing' | 'installed' | 'failed' | 'removed';

export interface ModelPackRecord {
  /** The pack id from its manifest. */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  /** Absolute folder in the user's data directory. */
  readonly folder: string;
  readonly manifest: JsonValue;
  readonly installedAt: string;
  readonly status: ModelPackStatus;
}

export interface NewModelPack {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly folder: string;
  readonly manifest: JsonValue;
  readonly status: ModelPackStatus;
}

interface ModelPackRow {
  id: string;
  name: string;
  version: string;
  folder: string;
  manifest_json: string;
  installed_at: string;
  status: ModelPackStatus;
}

export class ModelPackRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly upsertRow;
  private readonly selectOne;
  private readonly selectAll;
  private readonly updateStatus;
  private readonly deleteRow;

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.upsertRow = db.prepare<[string, string, string, string, string, string, string], ModelPackRow>(
      `INSERT INTO model_packs (id, name, version, folder, manifest_json, installed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version, folder = excluded.folder,
         manifest_json = excluded.manifest_json, installed_at = excluded.installed_at, status = excluded.status
       RETURNING *`,
    );
    this.selectOne = db.prepare<[string], ModelPackRow>('SELECT * FROM model_packs WHERE id = ?');
    this.selectAll = db.prepare<[], ModelPackRow>('SELECT * FROM model_packs ORDER BY name, version');
    this.updateStatus = db.prepare<[string, string]>('UPDATE model_packs SET status = ? WHERE id = ?');
    this.deleteRow = db.prepare<[string]>('DELETE FROM model_packs WHERE id = ?');
  }

  /** Adds or replaces a pack record (a reinstall replaces it); audited. */
  save(pack: NewModelPack, actor: Actor): ModelPackRecord {
    return this.db.transaction(() => {
      const row = this.upsertRow.get(pack.id, pack.name, pack.version, pack.folder, toJson(pack.manifest, 'model pack manifest'), this.clock(), pack.status);
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      this.audit.record({ actor, action: 'model-pack.save', targetType: 'model-pack', targetId: pack.id, details: { version: pack.version, status: pack.status } });
      return toPack(row);
    })();
  }

  get(id: string): ModelPackRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toPack(row);
  }

  list(): ModelPackRecord[] {
    return this.selectAll.all().map(toPack);
  }

  setStatus(id: string, status: ModelPackStatus, actor: Actor): void {
    this.db.transaction(() => {
      if (this.updateStatus.run(status, id).changes !== 1) throw notFound('model pack', id);
      this.audit.record({ actor, action: `model-pack.${status}`, targetType: 'model-pack', targetId: id });
    })();
  }

  delete(id: string, actor: Actor): boolean {
    return this.db.transaction(() => {
      const removed = this.deleteRow.run(id).changes === 1;
      if (removed) this.audit.record({ actor, action: 'model-pack.delete', targetType: 'model-pack', targetId: id });
      return removed;
    })();
  }
}

function toPack(row: ModelPackRow): ModelPackRecord {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    folder: row.folder,
    manifest: fromJson(row.manifest_json),
    installedAt: row.installed_at,
    status: row.status,
  };
}
