import { z } from 'zod';
import type { JobHandler } from '../../jobs/types';
import { importImages, type ImportReport } from './import-images';

export const IMAGE_IMPORT_JOB = 'image-import';

export const ImageImportPayload = z
  .object({
    projectId: z.number().int().positive(),
    /** Absolute paths of files and folders, as the user chose them. */
    paths: z.array(z.string().min(1)).min(1),
    /** Who asked for the import, for the audit log. */
    actor: z.string().min(1).default('user'),
  })
  .strict();
export type ImageImportPayload = z.infer<typeof ImageImportPayload>;

/**
 * The `image-import` job: imports files and folders into a project, one committed file at a time, and resumes
 * after a crash or kill without importing anything twice. Its result is the ImportReport.
 */
export function imageImportJob(options: { concurrency?: number } = {}): JobHandler<ImageImportPayload> {
  return {
    kind: IMAGE_IMPORT_JOB,
    payload: ImageImportPayload,
    async run(payload, context) {
      const report: ImportReport = await importImages(context.storage, payload.projectId, payload.paths, {
        actor: payload.actor,
        cancel: context.cancel,
        jobId: context.jobId,
        concurrency: options.concurrency,
        onProgress: ({ done, total, item }) =>
          context.progress({
            done,
            total,
            message: `${done} of ${total} files`,
            item: item === null ? undefined : { name: item.path, ok: item.outcome !== 'failed', ...(item.reason === null ? {} : { reason: item.reason }) },
          }),
      });
      return {
        projectId: report.projectId,
        found: report.found,
        imported: report.imported,
        duplicates: report.duplicates.map((p) => ({ path: p.path, reason: p.reason })),
        alreadyPresent: report.alreadyPresent.map((p) => ({ path: p.path, reason: p.reason })),
        failed: report.failed.map((p) => ({ path: p.path, reason: p.reason })),
        cancelled: report.cancelled,
      };
    },
  };
}
