/**
 * Contract section: export, import and evaluation (schemas for sections/data.channels.ts).
 * Export, import and evaluation run as jobs (`export`, `annotation-import`, `eval`): `*.start` answers with the
 * job id at once, progress arrives as `jobs.progress`, and `*.report` gives a finished job's report.
 */
import { z } from 'zod';
import type { DATA_REQUEST_CHANNELS } from './data.channels';
import type { RequestSpec } from '../spec';
import { ProjectRef } from '../../dto/projects';
import { JobRef, JobStarted } from '../../dto/jobs';
import { ExportReport, ImportReport, StartExportInput, StartImportInput } from '../../dto/transfer';
import {
  EvaluatedImageList,
  EvaluationDetail,
  EvaluationRef,
  EvaluationSources,
  EvaluationSummary,
  ListEvaluationImagesInput,
  StartEvaluationInput,
} from '../../dto/evaluation';

export const dataRequests = {
  'export.start': { input: StartExportInput, output: JobStarted },
  'export.report': { input: JobRef, output: ExportReport },
  'import.start': { input: StartImportInput, output: JobStarted },
  'import.report': { input: JobRef, output: ImportReport },
  'eval.sources': { input: ProjectRef, output: EvaluationSources },
  'eval.start': { input: StartEvaluationInput, output: JobStarted },
  'eval.list': { input: ProjectRef, output: z.array(EvaluationSummary) },
  'eval.get': { input: EvaluationRef, output: EvaluationDetail },
  'eval.images': { input: ListEvaluationImagesInput, output: EvaluatedImageList },
  'eval.delete': { input: EvaluationRef, output: z.object({ deleted: z.boolean() }) },
} as const satisfies { readonly [K in (typeof DATA_REQUEST_CHANNELS)[number]]: RequestSpec };
