/**
 * The in-memory model the export writers read and the import readers produce. A later step fills
 * it from SQLite (images, their approved annotation version, the project's labels).
 */
import type { BinaryMask, GrayImage } from '../../../core/image';

export const EXPORT_FORMATS = ['coco', 'coco-polygons', 'png', 'png-instance', 'png-palette', 'soft', 'yolo-seg', 'labelme'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type Rgb = readonly [number, number, number];

/** A project label. `id` is the COCO category id (>= 1) and the palette index of png-palette (<= 255). */
export interface ExportCategory {
  readonly id: number;
  readonly name: string;
  readonly color?: Rgb;
}

export interface ExportInstance {
  readonly label: string;
  readonly categoryId: number;
  /** Same size as the image. */
  readonly mask: BinaryMask;
}

export interface ExportImage {
  readonly id: number;
  /** As stored in the project (a file name or a relative path); outputs are named by its basename. */
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
  /** Content hash of the source image, when the project knows it (recorded in the manifest). */
  readonly sha256?: string;
  readonly instances: readonly ExportInstance[];
  /** The INT soft mask, for the `soft` format. */
  readonly softMask?: GrayImage;
  /** Who approved this image's annotation in review, and when (recorded in the manifest). */
  readonly approval?: { readonly by: string; readonly at: string } | null;
}

export interface ExportDataset {
  readonly categories: readonly ExportCategory[];
  /** Streamed: an export never needs more than one image in memory (COCO keeps only its JSON). */
  readonly images: Iterable<ExportImage> | AsyncIterable<ExportImage>;
}

/** Something an export could not represent exactly, per image and instance; recorded in the manifest. */
export interface ExportWarning {
  readonly imageId: number;
  readonly fileName: string;
  /** 1-based instance number within the image, when the warning is about one instance. */
  readonly instance?: number;
  readonly message: string;
}

/** An image the readers can attach annotations to. */
export interface ImportTarget {
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
}

export interface ImportedInstance {
  readonly label: string;
  readonly mask: BinaryMask;
}

export interface ImportedImage {
  /** The matching ImportTarget's fileName. */
  readonly fileName: string;
  readonly instances: ImportedInstance[];
}

/** One input item that was not imported (or imported with a caveat), with the reason. */
export interface ImportProblem {
  readonly file: string;
  /** Which item in the file: "annotation 12", "image 3", "shape 2", ... ("file" for the whole file). */
  readonly item: string;
  readonly reason: string;
}

export interface ImportResult {
  readonly images: ImportedImage[];
  readonly problems: ImportProblem[];
}
