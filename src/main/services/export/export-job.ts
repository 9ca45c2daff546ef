import { z } from 'zod';
import type { JobHandler } from '../../jobs/types';
import { EXPORT_FORMATS, EXPORT_SCOPES } from '../../../shared/dto/transfer';
import { exportProject } from './export-project';

export const EXPORT_JOB = 'export';

export const ExportPayload = z
  .object({
    projectId: z.number().int().positive(),
    format: z.enum(EXPORT_FORMATS),
    out: z.string().min(1),
    scope: z.enum(EXPORT_SCOPES),
    runId: z.number().int().positive().nullable(),
    force: z.boolean(),
    actor: z.string().min(1),
  })
  .strict();
export type ExportPayload = z.infer<typeof ExportPayload>;

/**
 * The `export` job: one progress step per image written. Cancelling (or a failure) leaves nothing in the
 * destination: the export is assembled in a hidden sibling folder that only a finished export renames into
 * place. A resumed export starts again from the first image. Its result is the ExportReport.
 */
export function exportJob(): JobHandler<ExportPayload> {
  return {
    kind: EXPORT_JOB,
    payload: ExportPayload,
    async run(payload, context) {
      const report = await exportProject(context.storage, payload, {
        cancel: context.cancel,
        onProgress: ({ done, total, fileName }) => context.progress({ done, total, message: `${done} of ${total} images`, item: { name: fileName, ok: true } }),
      });
      return { ...report, warnings: report.warnings.map((warning) => ({ ...warning })) };
    },
  };
}
