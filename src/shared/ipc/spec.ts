import type { z } from 'zod';

/** One request channel: the schema of what the caller sends and of what the handler answers. */
export interface RequestSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}
