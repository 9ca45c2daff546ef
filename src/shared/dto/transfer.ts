/** Export and import of annotations: formats, inputs and the reports a finished job leaves. */
import { z } from 'zod';
import { Id, ShortText } from './common';
import { EXPORT_FORMATS, EXPORT_SCOPES, IMPORT_FORMATS, IMPORT_TARGETS } from '../data-formats';

export { EXPORT_FORMATS, EXPORT_SCOPES, IMPORT_FORMATS, IMPORT_TARGETS } from '../data-formats';

export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ImportFormat = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportTargetKind = z.enum(IMPORT_TARGETS);
export type ImportTargetKind = z.infer<typeof ImportTargetKind>;

export const ExportScope = z.enum(EXPORT_SCOPES);
export type ExportScope = z.infer<typeof ExportScope>;

/** POSIX `/x`, Windows `C:\x` or `C:/x`, or a UNC `\\server\share` path. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** Paths cross the contract absolute: the services run on another machine than a browser tab may. */
export const AbsolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'at most 4096 characters')
  .refine((path) => isAbsolutePath(path), 'must be an absolute path on the machine that runs IntSeg Studio')
  .refine((path) => !path.includes('\u0000'), 'must not contain NUL characters');

export const StartExportInput = z
  .object({
    projectId: Id,
    format: ExportFormat,
    /** The folder to create; an existing one is refused unless it is empty, or `force` and a previous export. */
    out: AbsolutePath,
    scope: ExportScope.default('all'),
    /** Export this run's masks instead of the current annotations. */
    runId: Id.optional(),
    force: z.boolean().default(false),
  })
  .strict();
export type StartExportInput = z.input<typeof StartExportInput>;

export const ExportWarning = z.object({
  fileName: z.string(),
  /** 1-based instance number, when the warning is about one instance. */
  instance: z.number().int().positive().optional(),
  message: z.string(),
});
export type ExportWarning = z.infer<typeof ExportWarning>;

export const ExportReport = z.object({
  out: z.string(),
  format: ExportFormat,
  images: z.number().int().nonnegative(),
  instances: z.number().int().nonnegative(),
  warnings: z.array(ExportWarning),
  manifest: z.string(),
});
export type ExportReport = z.infer<typeof ExportReport>;

export const StartImportInput = z
  .object({
    projectId: Id,
    format: ImportFormat,
    /** A COCO JSON file, or a folder of PNG masks or labelme JSON files. */
    path: AbsolutePath,
    as: ImportTargetKind.default('annotation'),
    /** Label of PNG masks (default: the project's first label); COCO and labelme files carry their own. */
    label: ShortText.optional(),
  })
  .strict();
export type StartImportInput = z.input<typeof StartImportInput>;

/** One input item that was not imported (or imported with a caveat): the file, which item in it, and why. */
export const ImportProblem = z.object({ file: z.string(), item: z.string(), reason: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z.object({
  format: ImportFormat,
  as: ImportTargetKind,
  path: z.string(),
  /** Images that received an annotation version or ground truth. */
  images: z.number().int().nonnegative(),
  instances: z.number().int().nonnegative(),
  /** Annotation imports stored as a version but not made current, because a person's edit is current. */
  notCurrent: z.number().int().nonnegative(),
  /** Labels found in the files that the project did not have; they were added to it. */
  addedLabels: z.array(z.string()),
  problems: z.array(ImportProblem),
  /** True when the job was cancelled: what is listed was imported, the rest was not. */
  cancelled: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;
