import type { Db } from '../db';
import { AppError } from '../../../shared/result';
import { blob, notFound, type Clock } from './common';

export type MaskSource = 'run' | 'human' | 'import';

/** COCO RLE as pycocotools writes it: size is [height, width], counts the compressed string (column-major runs). */
export interface StoredRle {
  readonly size: readonly [number, number];
  readonly counts: string;
}

export interface MaskRecord {
  readonly id: number;
  readonly imageId: number;
  readonly label: string;
  readonly source: MaskSource;
  readonly rle: StoredRle;
  readonly area: number;
  /** COCO [x, y, width, height]; [0, 0, 0, 0] for an empty mask. */
  readonly bbox: readonly [number, number, number, number];
  readonly hasSoftMask: boolean;
  readonly runId: number | null;
  readonly createdAt: string;
}

export interface NewMask {
  readonly imageId: number;
  readonly label: string;
  readonly source: MaskSource;
  readonly rle: StoredRle;
  readonly area: number;
  readonly bbox: readonly [number, number, number, number];
  /** 8-bit grayscale PNG of the soft mask (probabilities x 255), when the mask came from a model. */
  readonly softMaskPng?: Uint8Array | null;
  readonly runId?: number | null;
}

export interface MaskRow {
  id: number;
  image_id: number;
  label: string;
  source: MaskSource;
  rle_counts: string;
  height: number;
  width: number;
  area: number;
  bbox_x: number;
  bbox_y: number;
  bbox_w: number;
  bbox_h: number;
  has_soft: number;
  run_id: number | null;
  created_at: string;
}

const COLUMNS = `id, image_id, label, source, rle_counts, height, width, area, bbox_x, bbox_y, bbox_w, bbox_h,
  soft_mask_png IS NOT NULL AS has_soft, run_id, created_at`;

/**
 * Masks are immutable once written: an edit writes a new mask and a new annotation version that points at it,
 * so every version keeps exactly the pixels it had. Masks are not audited on their own; the version that
 * introduces them is.
 */
export class MaskRepository {
  private readonly clock: Clock;
  private readonly insertRow;
  private readonly selectOne;
  private readonly selectOfImage;
  private readonly selectSoft;

  constructor(db: Db, clock: Clock) {
    this.clock = clock;
    this.insertRow = db.prepare<
      [number, string, string, string, number, number, number, number, number, number, number, Uint8Array | null, number | null, string],
      MaskRow
    >(
      `INSERT INTO masks (image_id, label, source, rle_counts, height, width, area, bbox_x, bbox_y, bbox_w, bbox_h, soft_mask_png, run_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    );
    this.selectOne = db.prepare<[number], MaskRow>(`SELECT ${COLUMNS} FROM masks WHERE id = ?`);
    this.selectOfImage = db.prepare<[number], MaskRow>(`SELECT ${COLUMNS} FROM masks WHERE image_id = ? ORDER BY id`);
    this.selectSoft = db.prepare<[number], { soft_mask_png: Buffer | null }>('SELECT soft_mask_png FROM masks WHERE id = ?');
  }

  add(mask: NewMask): MaskRecord {
    const [height, width] = mask.rle.size;
    if (!Number.isInteger(height) || !Number.isInteger(width) || height <= 0 || width <= 0) {
      throw new AppError('invalid_input', `mask size must be positive integers [height, width], got [${height}, ${width}]`);
    }
    if (mask.source === 'run' && (mask.runId === undefined || mask.runId === null)) {
      throw new AppError('invalid_input', 'a mask with source "run" needs the run id');
    }
    const [x, y, w, h] = mask.bbox;
    const row = this.insertRow.get(
      mask.imageId,
      mask.label,
      mask.source,
      mask.rle.counts,
      height,
      width,
      mask.area,
      x,
      y,
      w,
      h,
      mask.softMaskPng ?? null,
      mask.runId ?? null,
      this.clock(),
    );
    if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
    return toMask(row);
  }

  get(id: number): MaskRecord | null {
    const row = this.selectOne.get(id);
    return row === undefined ? null : toMask(row);
  }

  require(id: number): MaskRecord {
    const mask = this.get(id);
    if (mask === null) throw notFound('mask', id);
    return mask;
  }

  /** Every mask ever written for the image (all versions), oldest first. */
  ofImage(imageId: number): MaskRecord[] {
    return this.selectOfImage.all(imageId).map(toMask);
  }

  softMaskPng(id: number): Uint8Array | null {
    const row = this.selectSoft.get(id);
    if (row === undefined) throw notFound('mask', id);
    return blob(row.soft_mask_png);
  }
}

export function toMask(row: MaskRow): MaskRecord {
  return {
    id: row.id,
    imageId: row.image_id,
    label: row.label,
    source: row.source,
    rle: { size: [row.height, row.width], counts: row.rle_counts },
    area: row.area,
    bbox: [row.bbox_x, row.bbox_y, row.bbox_w, row.bbox_h],
    hasSoftMask: row.has_soft === 1,
    runId: row.run_id,
    createdAt: row.created_at,
  };
}
