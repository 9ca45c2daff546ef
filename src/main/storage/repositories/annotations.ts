import type { Db } from '../db';
import { AppError } from '../../../shared/result';
import type { AuditRepository } from './audit';
import { blob, notFound, type Actor, type Clock } from './common';
import { toMask, type MaskRecord, type MaskRepository, type MaskRow, type MaskSource, type NewMask } from './masks';

export type VersionSource = MaskSource;

export interface AnnotationVersion {
  readonly id: number;
  readonly imageId: number;
  /** 1, 2, 3 ... per image. */
  readonly version: number;
  /** The version this one was derived from (the editor's starting point, or the head a run saw). */
  readonly parentVersionId: number | null;
  readonly author: Actor;
  readonly source: VersionSource;
  readonly runId: number | null;
  readonly note: string | null;
  readonly hasUndoPatches: boolean;
  readonly createdAt: string;
  /** The instances, in order. */
  readonly maskIds: readonly number[];
}

export interface AnnotationVersionWithMasks extends AnnotationVersion {
  readonly masks: readonly MaskRecord[];
}

/** A new instance mask written with the version, or an existing mask of the same image reused unchanged. */
export type InstanceInput = { readonly maskId: number } | { readonly mask: Omit<NewMask, 'imageId' | 'source' | 'runId'> };

export interface HumanSave {
  readonly author: Actor;
  readonly instances: readonly InstanceInput[];
  /** The version the editor started from; null for a first annotation. */
  readonly baseVersionId: number | null;
  /** Save even when another person's (or an import's) version became current since `baseVersionId`. */
  readonly force?: boolean;
  /** The editor's undo history, so undo survives a restart. */
  readonly undoPatches?: Uint8Array | null;
  readonly note?: string | null;
}

export interface RunProposal {
  readonly runId: number;
  readonly author: Actor;
  readonly instances: readonly Omit<NewMask, 'imageId' | 'source' | 'runId'>[];
  readonly note?: string | null;
}

export interface ImportedAnnotation {
  readonly author: Actor;
  readonly instances: readonly Omit<NewMask, 'imageId' | 'source' | 'runId'>[];
  readonly note?: string | null;
}

export interface SaveResult {
  readonly version: AnnotationVersion;
  /** Whether the new version is now the image's current annotation. */
  readonly current: boolean;
}

interface VersionRow {
  id: number;
  image_id: number;
  version: number;
  parent_version_id: number | null;
  author: string;
  source: VersionSource;
  run_id: number | null;
  note: string | null;
  has_undo: number;
  created_at: string;
}

const VERSION_COLUMNS = 'id, image_id, version, parent_version_id, author, source, run_id, note, undo_patches IS NOT NULL AS has_undo, created_at';

/**
 * Versioned annotations. Nothing is overwritten: every save, proposal, import or adoption appends a version,
 * and `annotations` only points at the current one. Who may move the pointer:
 * - a human save always becomes current (with a conflict check against a concurrent human or import version);
 * - a run proposal becomes current only when there is no annotation yet or the current one is itself a run
 *   proposal: a person's edit, or imported ground truth, is never displaced by a model;
 * - an import becomes current unless the current version is a human edit;
 * - adopting a version (accepting a proposal, restoring an old version) appends a human version with its masks.
 */
export class AnnotationRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly masks: MaskRepository;
  private readonly selectImage;
  private readonly selectHead;
  private readonly selectVersion;
  private readonly selectVersions;
  private readonly selectMaskIds;
  private readonly selectVersionMasks;
  private readonly selectMaxVersion;
  private readonly insertVersion;
  private readonly insertVersionMask;
  private readonly upsertHead;
  private readonly selectUndo;
  private readonly selectMaskImage;
  private readonly countAnnotated;

  constructor(db: Db, clock: Clock, audit: AuditRepository, masks: MaskRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.masks = masks;
    this.selectImage = db.prepare<[number], { project_id: number }>('SELECT project_id FROM images WHERE id = ?');
    this.selectHead = db.prepare<[number], VersionRow>(
      `SELECT v.id, v.image_id, v.version, v.parent_version_id, v.author, v.source, v.run_id, v.note,
         v.undo_patches IS NOT NULL AS has_undo, v.created_at
       FROM annotations a JOIN annotation_versions v ON v.id = a.current_version_id WHERE a.image_id = ?`,
    );
    this.selectVersion = db.prepare<[number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM annotation_versions WHERE id = ?`);
    this.selectVersions = db.prepare<[number], VersionRow>(`SELECT ${VERSION_COLUMNS} FROM annotation_versions WHERE image_id = ? ORDER BY version`);
    this.selectMaskIds = db.prepare<[number], { mask_id: number }>('SELECT mask_id FROM annotation_version_masks WHERE version_id = ? ORDER BY ordinal');
    this.selectVersionMasks = db.prepare<[number], MaskRow>(
      `SELECT m.id, m.image_id, m.label, m.source, m.rle_counts, m.height, m.width, m.area, m.bbox_x, m.bbox_y, m.bbox_w, m.bbox_h,
         m.soft_mask_png IS NOT NULL AS has_soft, m.run_id, m.created_at
       FROM annotation_version_masks vm JOIN masks m ON m.id = vm.mask_id WHERE vm.version_id = ? ORDER BY vm.ordinal`,
    );
    this.selectMaxVersion = db.prepare<[number], { v: number | null }>('SELECT max(version) AS v FROM annotation_versions WHERE image_id = ?');
    this.insertVersion = db.prepare<
      [number, number, number | null, string, string, number | null, string | null, Uint8Array | null, string],
      VersionRow
    >(
      `INSERT INTO annotation_versions (image_id, version, parent_version_id, author, source, run_id, note, undo_patches, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${VERSION_COLUMNS}`,
    );
    this.insertVersionMask = db.prepare<[number, number, number]>('INSERT INTO annotation_version_masks (version_id, ordinal, mask_id) VALUES (?, ?, ?)');
    this.upsertHead = db.prepare<[number, number, string]>(
      `INSERT INTO annotations (image_id, current_version_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (image_id) DO UPDATE SET current_version_id = excluded.current_version_id, updated_at = excluded.updated_at`,
    );
    this.selectUndo = db.prepare<[number], { undo_patches: Buffer | null }>('SELECT undo_patches FROM annotation_versions WHERE id = ?');
    this.selectMaskImage = db.prepare<[number], { image_id: number }>('SELECT image_id FROM masks WHERE id = ?');
    this.countAnnotated = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM annotations a JOIN images i ON i.id = a.image_id WHERE i.project_id = ?');
  }

  /** The current version with its masks, or null when the image has no annotation yet. */
  current(imageId: number): AnnotationVersionWithMasks | null {
    const row = this.selectHead.get(imageId);
    return row === undefined ? null : this.withMasks(row);
  }

  /** How many images of the project have an annotation (any version current). */
  annotatedImageCount(projectId: number): number {
    return this.countAnnotated.get(projectId)?.n ?? 0;
  }

  version(versionId: number): AnnotationVersionWithMasks | null {
    const row = this.selectVersion.get(versionId);
    return row === undefined ? null : this.withMasks(row);
  }

  /** All versions of the image, oldest first (without masks). */
  history(imageId: number): AnnotationVersion[] {
    return this.selectVersions.all(imageId).map((row) => this.toVersion(row));
  }

  undoPatches(versionId: number): Uint8Array | null {
    const row = this.selectUndo.get(versionId);
    if (row === undefined) throw notFound('annotation version', versionId);
    return blob(row.undo_patches);
  }

  saveHuman(imageId: number, save: HumanSave): SaveResult {
    return this.db.transaction(() => {
      const projectId = this.projectOf(imageId);
      const head = this.selectHead.get(imageId);
      if (save.baseVersionId !== null) this.requireVersionOf(imageId, save.baseVersionId);
      if (head !== undefined && head.source !== 'run' && head.id !== save.baseVersionId && save.force !== true) {
        throw new AppError(
          'conflict',
          `image ${imageId} changed while you edited: version ${head.version} by ${head.author} is current, your edit started from ` +
            (save.baseVersionId === null ? 'no version' : `version id ${save.baseVersionId}`),
          { imageId, currentVersionId: head.id, baseVersionId: save.baseVersionId },
        );
      }
      const version = this.append(imageId, {
        parentVersionId: save.baseVersionId,
        author: save.author,
        source: 'human',
        runId: null,
        note: save.note ?? null,
        undoPatches: save.undoPatches ?? null,
        maskIds: this.resolveInstances(imageId, save.instances),
      });
      this.upsertHead.run(imageId, version.id, this.clock());
      this.audit.record({
        actor: save.author,
        action: 'annotation.save',
        targetType: 'image',
        targetId: imageId,
        projectId,
        details: { versionId: version.id, version: version.version, instances: version.maskIds.length, forced: save.force === true },
      });
      return { version, current: true };
    })();
  }

  addRunProposal(imageId: number, proposal: RunProposal): SaveResult {
    return this.db.transaction(() => {
      const projectId = this.projectOf(imageId);
      const head = this.selectHead.get(imageId);
      const maskIds = proposal.instances.map((mask) => this.masks.add({ ...mask, imageId, source: 'run', runId: proposal.runId }).id);
      const version = this.append(imageId, {
        parentVersionId: head?.id ?? null,
        author: proposal.author,
        source: 'run',
        runId: proposal.runId,
        note: proposal.note ?? null,
        undoPatches: null,
        maskIds,
      });
      const current = head === undefined || head.source === 'run';
      if (current) this.upsertHead.run(imageId, version.id, this.clock());
      this.audit.record({
        actor: proposal.author,
        action: 'annotation.propose',
        targetType: 'image',
        targetId: imageId,
        projectId,
        details: { versionId: version.id, version: version.version, runId: proposal.runId, instances: maskIds.length, current },
      });
      return { version, current };
    })();
  }

  addImported(imageId: number, imported: ImportedAnnotation): SaveResult {
    return this.db.transaction(() => {
      const projectId = this.projectOf(imageId);
      const head = this.selectHead.get(imageId);
      const maskIds = imported.instances.map((mask) => this.masks.add({ ...mask, imageId, source: 'import', runId: null }).id);
      const version = this.append(imageId, {
        parentVersionId: head?.id ?? null,
        author: imported.author,
        source: 'import',
        runId: null,
        note: imported.note ?? null,
        undoPatches: null,
        maskIds,
      });
      const current = head === undefined || head.source !== 'human';
      if (current) this.upsertHead.run(imageId, version.id, this.clock());
      this.audit.record({
        actor: imported.author,
        action: 'annotation.import',
        targetType: 'image',
        targetId: imageId,
        projectId,
        details: { versionId: version.id, version: version.version, instances: maskIds.length, current },
      });
      return { version, current };
    })();
  }

  /** Accepts a proposal or restores an older version: appends a human version with the same masks and makes it current. */
  adopt(imageId: number, versionId: number, actor: Actor, note: string | null = null): SaveResult {
    return this.db.transaction(() => {
      const projectId = this.projectOf(imageId);
      const adopted = this.requireVersionOf(imageId, versionId);
      const version = this.append(imageId, {
        parentVersionId: adopted.id,
        author: actor,
        source: 'human',
        runId: null,
        note,
        undoPatches: null,
        maskIds: this.selectMaskIds.all(adopted.id).map((row) => row.mask_id),
      });
      this.upsertHead.run(imageId, version.id, this.clock());
      this.audit.record({
        actor,
        action: 'annotation.adopt',
        targetType: 'image',
        targetId: imageId,
        projectId,
        details: { versionId: version.id, version: version.version, adoptedVersionId: adopted.id, adoptedVersion: adopted.version },
      });
      return { version, current: true };
    })();
  }

  private append(
    imageId: number,
    input: {
      parentVersionId: number | null;
      author: Actor;
      source: VersionSource;
      runId: number | null;
      note: string | null;
      undoPatches: Uint8Array | null;
      maskIds: readonly number[];
    },
  ): AnnotationVersion {
    const next = (this.selectMaxVersion.get(imageId)?.v ?? 0) + 1;
    const row = this.insertVersion.get(imageId, next, input.parentVersionId, input.author, input.source, input.runId, input.note, input.undoPatches, this.clock());
    if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
    input.maskIds.forEach((maskId, ordinal) => this.insertVersionMask.run(row.id, ordinal, maskId));
    return { ...this.toVersionBase(row), maskIds: [...input.maskIds] };
  }

  private resolveInstances(imageId: number, instances: readonly InstanceInput[]): number[] {
    return instances.map((instance) => {
      if ('maskId' in instance) {
        const owner = this.selectMaskImage.get(instance.maskId);
        if (owner === undefined) throw notFound('mask', instance.maskId);
        if (owner.image_id !== imageId) {
          throw new AppError('invalid_input', `mask ${instance.maskId} belongs to image ${owner.image_id}, not to image ${imageId}`);
        }
        return instance.maskId;
      }
      return this.masks.add({ ...instance.mask, imageId, source: 'human', runId: null }).id;
    });
  }

  private projectOf(imageId: number): number {
    const row = this.selectImage.get(imageId);
    if (row === undefined) throw notFound('image', imageId);
    return row.project_id;
  }

  private requireVersionOf(imageId: number, versionId: number): VersionRow {
    const row = this.selectVersion.get(versionId);
    if (row === undefined) throw notFound('annotation version', versionId);
    if (row.image_id !== imageId) throw new AppError('invalid_input', `annotation version ${versionId} belongs to image ${row.image_id}, not to image ${imageId}`);
    return row;
  }

  private withMasks(row: VersionRow): AnnotationVersionWithMasks {
    const masks = this.selectVersionMasks.all(row.id).map(toMask);
    return { ...this.toVersionBase(row), maskIds: masks.map((mask) => mask.id), masks };
  }

  private toVersion(row: VersionRow): AnnotationVersion {
    return { ...this.toVersionBase(row), maskIds: this.selectMaskIds.all(row.id).map((r) => r.mask_id) };
  }

  private toVersionBase(row: VersionRow): Omit<AnnotationVersion, 'maskIds'> {
    return {
      id: row.id,
      imageId: row.image_id,
      version: row.version,
      parentVersionId: row.parent_version_id,
      author: row.author,
      source: row.source,
      runId: row.run_id,
      note: row.note,
      hasUndoPatches: row.has_undo === 1,
      createdAt: row.created_at,
    };
  }
}
