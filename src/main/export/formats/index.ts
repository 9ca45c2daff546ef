/** Export writers and import readers over the in-memory model (model.ts). */
export { writeExport, type ExportOptions, type ExportResult } from './export';
export { readCoco, readCocoFile } from './coco-reader';
export { readLabelmeFolder } from './labelme-reader';
export { readPngFolder } from './png-reader';
export * from './model';
