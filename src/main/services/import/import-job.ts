import { z } from 'zod';
import type { JobHandler } from '../../jobs/types';
import { IMPORT_FORMATS, IMPORT_TARGETS } from '../../../shared/dto/transfer';
import { importAnnotations } from './import-annotations';

export const ANNOTATION_IMPORT_JOB = 'annotation-import';

export const AnnotationImportPayload = z
  .object({
    projectId: z.number().int().positive(),
    format: z.enum(IMPORT_FORMATS),
    path: z.string().min(1),
    as: z.enum(IMPORT_TARGETS),
    label: z.string().min(1).nullable(),
    actor: z.string().min(1),
  })
  .strict();
export type AnnotationImportPayload = z.infer<typeof AnnotationImportPayload>;

/**
 * The `annotation-import` job: one progress step per input item (a mask file, a labelme file, an image of a
 * COCO file), each image committed in its own transaction with its job item, so a killed import resumes
 * without importing anything twice. Cancelling keeps what was committed; the result (the ImportReport, with
 * `cancelled`) says what that is.
 */
export function annotationImportJob(): JobHandler<AnnotationImportPayload> {
  return {
    kind: ANNOTATION_IMPORT_JOB,
    payload: AnnotationImportPayload,
    async run(payload, context) {
      const report = await importAnnotations(context.storage, payload, {
        cancel: context.cancel,
        jobId: context.jobId,
        onProgress: ({ done, total, item, ok, reason }) =>
          context.progress({ done, total, message: `${done} of ${total} items`, item: { name: item, ok, ...(reason === undefined ? {} : { reason }) } }),
      });
      return { ...report, addedLabels: [...report.addedLabels], problems: report.problems.map((problem) => ({ ...problem })) };
    },
  };
}
