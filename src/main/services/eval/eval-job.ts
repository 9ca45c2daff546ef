import { z } from 'zod';
import type { JobHandler } from '../../jobs/types';
import { EVAL_PROTOCOLS } from '../../../shared/dto/evaluation';
import { evaluateProject } from './evaluate-project';

export const EVAL_JOB = 'eval';

export const EvalPayload = z
  .object({
    projectId: z.number().int().positive(),
    runId: z.number().int().positive().nullable(),
    gtDir: z.string().min(1).nullable(),
    protocol: z.enum(EVAL_PROTOCOLS),
    actor: z.string().min(1),
  })
  .strict();
export type EvalPayload = z.infer<typeof EvalPayload>;

/**
 * The `eval` job: one progress step per image with ground truth; the evaluation is stored when every image is
 * done (a cancelled or failed job stores nothing; a resumed one starts again). Its result names the record.
 */
export function evalJob(): JobHandler<EvalPayload> {
  return {
    kind: EVAL_JOB,
    payload: EvalPayload,
    async run(payload, context) {
      const record = await evaluateProject(context.storage, payload, {
        cancel: context.cancel,
        onProgress: ({ done, total, fileName, ok, reason }) =>
          context.progress({ done, total, message: `${done} of ${total} images`, item: { name: fileName, ok, ...(reason === undefined ? {} : { reason }) } }),
      });
      return { evaluationId: record.id, n: record.metrics.n, problems: record.problemCount };
    },
  };
}
