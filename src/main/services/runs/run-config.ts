/** What a run stores as its configuration: every INT hyperparameter, the options chosen, the pack and the prompt. */
import { z } from 'zod';
import { ABLATIONS, ROUTES, SCALES } from '../../../shared/dto/runs';

export const StoredRunConfig = z.object({
  /** The complete IntConfig (validated by core when the run was created, and again by the inference process). */
  int: z.record(z.string(), z.unknown()),
  options: z.object({
    route: z.enum(ROUTES),
    iterations: z.number().int(),
    scales: z.array(z.enum(SCALES)),
    ablate: z.array(z.enum(ABLATIONS)),
    earlyStop: z.boolean(),
  }),
  taskPrompt: z.string(),
  /** The label the proposals get: the project's first label. */
  label: z.string(),
  pack: z.object({ dir: z.string(), name: z.string(), version: z.string(), testOnly: z.boolean() }),
});
export type StoredRunConfig = z.infer<typeof StoredRunConfig>;
