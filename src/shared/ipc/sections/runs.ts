/** Contract section: INT runs (schemas for sections/runs.channels.ts). */
import { z } from 'zod';
import type { RUN_EVENT_CHANNELS, RUN_REQUEST_CHANNELS } from './runs.channels';
import type { RequestSpec } from '../spec';
import { Empty } from '../../dto/common';
import { ImportPackInput, PackCheckResult, PackRef, ImageTrace, ImageTraceInput, ListRunImagesInput, ListRunsInput, ModelPackInfo, RunChanged, RunImageList, RunRef, RunStarted, RunSummary, StartRunInput } from '../../dto/runs';

export const runRequests = {
  'runs.start': { input: StartRunInput, output: RunStarted },
  'runs.list': { input: ListRunsInput, output: z.array(RunSummary) },
  'runs.get': { input: RunRef, output: RunSummary },
  'runs.cancel': { input: RunRef, output: RunSummary },
  'runs.resume': { input: RunRef, output: RunSummary },
  'runs.images': { input: ListRunImagesInput, output: RunImageList },
  'runs.imageTrace': { input: ImageTraceInput, output: ImageTrace },
  'models.list': { input: Empty, output: z.array(ModelPackInfo) },
  'models.import': { input: ImportPackInput, output: ModelPackInfo },
  'models.remove': { input: PackRef, output: z.object({ removed: z.string() }) },
  'models.check': { input: PackRef, output: PackCheckResult },
} as const satisfies { readonly [K in (typeof RUN_REQUEST_CHANNELS)[number]]: RequestSpec };

export const runEvents = {
  'runs.changed': RunChanged,
} as const satisfies { readonly [K in (typeof RUN_EVENT_CHANNELS)[number]]: z.ZodType };
