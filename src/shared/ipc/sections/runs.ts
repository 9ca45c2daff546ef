/** Contract section: INT runs (schemas for sections/runs.channels.ts). */
import type { z } from 'zod';
import type { RUN_EVENT_CHANNELS, RUN_REQUEST_CHANNELS } from './runs.channels';
import type { RequestSpec } from '../spec';

export const runRequests = {} as const satisfies { readonly [K in (typeof RUN_REQUEST_CHANNELS)[number]]: RequestSpec };
export const runEvents = {} as const satisfies { readonly [K in (typeof RUN_EVENT_CHANNELS)[number]]: z.ZodType };
