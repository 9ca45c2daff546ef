import type { Db } from '../db';
import { AppError } from '../../../shared/result';
import type { AuditRepository } from './audit';
import { notFound, type Actor, type Clock } from './common';
import type { StoredRle } from './masks';

export interface GroundTruthInstance {
  readonly label: string;
  readonly rle: StoredRle;
  readonly area: number;
}

/** An image's ground truth: the union of its instances; no instances means "nothing to find in this image". */
export interface GroundTruth {
  readonly imageId: number;
  readonly instances: readonly GroundTruthInstance[];
  readonly sourceFile: string;
  readonly importedBy: Actor;
  readonly importedAt: string;
}

interface HeadRow {
  image_id: number;
  source_file: string;
  imported_by: string;
  imported_at: string;
}

interface InstanceRow {
  label: string;
  rle_counts: string;
  height: number;
  width: number;
  area: number;
}

/**
 * Ground truth for evaluation, kept apart from annotation versions: importing it never changes what an image's
 * current annotation is, and an evaluation never reads a model's proposal as the truth. Importing ground truth
 * for an image again replaces it, in one audited transaction.
 */
export class GroundTruthRepository {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly audit: AuditRepository;
  private readonly selectImage;
  private readonly selectHead;
  private readonly selectInstances;
  private readonly deleteHead;
  private readonly insertHead;
  private readonly insertInstance;
  private readonly selectImagesOfProject;

  constructor(db: Db, clock: Clock, audit: AuditRepository) {
    this.db = db;
    this.clock = clock;
    this.audit = audit;
    this.selectImage = db.prepare<[number], { project_id: number; width: number; height: number }>('SELECT project_id, width, height FROM images WHERE id = ?');
    this.selectHead = db.prepare<[number], HeadRow>('SELECT image_id, source_file, imported_by, imported_at FROM ground_truth WHERE image_id = ?');
    this.selectInstances = db.prepare<[number], InstanceRow>('SELECT label, rle_counts, height, width, area FROM ground_truth_masks WHERE image_id = ? ORDER BY ordinal');
    this.deleteHead = db.prepare<[number]>('DELETE FROM ground_truth WHERE image_id = ?');
    this.insertHead = db.prepare<[number, string, string, string]>('INSERT INTO ground_truth (image_id, source_file, imported_by, imported_at) VALUES (?, ?, ?, ?)');
    this.insertInstance = db.prepare<[number, number, string, string, number, number, number]>(
      'INSERT INTO ground_truth_masks (image_id, ordinal, label, rle_counts, height, width, area) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectImagesOfProject = db.prepare<[number], { image_id: number }>(
      'SELECT g.image_id FROM ground_truth g JOIN images i ON i.id = g.image_id WHERE i.project_id = ? ORDER BY g.image_id',
    );
  }

  /** Sets the image's ground truth to `instances` (replacing any earlier import); each must have the image's size. */
  replace(imageId: number, instances: readonly GroundTruthInstance[], origin: { readonly actor: Actor; readonly sourceFile: string }): void {
    this.db.transaction(() => {
      const image = this.selectImage.get(imageId);
      if (image === undefined) throw notFound('image', imageId);
      for (const [index, instance] of instances.entries()) {
        const [height, width] = instance.rle.size;
        if (height !== image.height || width !== image.width) {
          throw new AppError('invalid_input', `ground truth instance ${index + 1} of image ${imageId} is ${width}x${height}, the image is ${image.width}x${image.height}`);
        }
      }
      const replaced = this.selectInstances.all(imageId).length;
      const existed = this.deleteHead.run(imageId).changes > 0;
      this.insertHead.run(imageId, origin.sourceFile, origin.actor, this.clock());
      instances.forEach((instance, ordinal) => {
        this.insertInstance.run(imageId, ordinal, instance.label, instance.rle.counts, instance.rle.size[0], instance.rle.size[1], instance.area);
      });
      this.audit.record({
        actor: origin.actor,
        action: 'ground_truth.import',
        targetType: 'image',
        targetId: imageId,
        projectId: image.project_id,
        details: { instances: instances.length, replacedInstances: existed ? replaced : null, sourceFile: origin.sourceFile },
      });
    })();
  }

  /** The image's ground truth, or null when none was imported. */
  get(imageId: number): GroundTruth | null {
    const head = this.selectHead.get(imageId);
    if (head === undefined) return null;
    return {
      imageId,
      instances: this.selectInstances.all(imageId).map((row) => ({ label: row.label, rle: { size: [row.height, row.width], counts: row.rle_counts }, area: row.area })),
      sourceFile: head.source_file,
      importedBy: head.imported_by,
      importedAt: head.imported_at,
    };
  }

  /** Ids of the project's images that have ground truth, ascending. */
  imageIdsOfProject(projectId: number): number[] {
    return this.selectImagesOfProject.all(projectId).map((row) => row.image_id);
  }
}
