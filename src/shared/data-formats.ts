/**
 * The export and import formats and evaluation protocols as plain data (no validation library), so the CLI can
 * list them in --help without loading anything heavy. The contract's schemas (dto/transfer.ts,
 * dto/evaluation.ts) are built from these lists.
 */
export const EXPORT_FORMATS = ['coco', 'coco-polygons', 'png', 'png-instance', 'png-palette', 'soft', 'yolo-seg', 'labelme'] as const;
export const IMPORT_FORMATS = ['png', 'coco', 'labelme'] as const;
/** What an import becomes: an annotation version, or ground truth kept apart for evaluation. */
export const IMPORT_TARGETS = ['annotation', 'ground-truth'] as const;
/** Which images an export covers: those approved in review, or every image with masks. */
export const EXPORT_SCOPES = ['approved', 'all'] as const;
export const EVAL_PROTOCOLS = ['native', 'paper'] as const;
