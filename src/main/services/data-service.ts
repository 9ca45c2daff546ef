/**
 * The export, import and evaluation use cases for the service table. Each start checks what it can at once
 * (the project, the run, the destination, the GT source), so a mistake is answered before any job exists,
 * then queues a job; progress arrives as job events, and cancel and resume are the queue's. A finished job's
 * report is read from the job's stored result.
 */
import { stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { JobQueue } from '../jobs/queue';
import type { Storage } from '../storage/storage';
import { AppError } from '../../shared/result';
import { ExportReport, ImportReport, type StartExportInput, type StartImportInput } from '../../shared/dto/transfer';
import type { EvaluationSources, StartEvaluationInput } from '../../shared/dto/evaluation';
import type { JsonValue } from '../storage/repositories/common';
import { prepareDestination } from './export/destination';
import { EXPORT_JOB, type ExportPayload } from './export/export-job';
import { ANNOTATION_IMPORT_JOB, type AnnotationImportPayload } from './import/import-job';
import { EVAL_JOB, type EvalPayload } from './eval/eval-job';
import { storedGroundTruth } from './eval/ground-truth-source';

export type ExportStart = z.output<typeof StartExportInput>;
export type ImportStart = z.output<typeof StartImportInput>;
export type EvaluationStart = z.output<typeof StartEvaluationInput>;

export interface DataService {
  startExport(input: ExportStart, actor: string): Promise<{ jobId: number }>;
  exportReport(jobId: number): ExportReport;
  startImport(input: ImportStart, actor: string): Promise<{ jobId: number }>;
  importReport(jobId: number): ImportReport;
  startEvaluation(input: EvaluationStart, actor: string): Promise<{ jobId: number }>;
  evaluationSources(projectId: number): EvaluationSources;
}

function requireRunOf(storage: Storage, projectId: number, runId: number | undefined): void {
  if (runId === undefined) return;
  const run = storage.runs.require(runId);
  if (run.projectId !== projectId) throw new AppError('invalid_input', `run ${runId} belongs to project ${run.projectId}, not to project ${projectId}`, { field: 'runId' });
}

async function requireFolder(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info === null) throw new AppError('invalid_input', `${what} ${path} does not exist`, { path });
  if (!info.isDirectory()) throw new AppError('invalid_input', `${what} ${path} is not a folder`, { path });
}

/** The stored result of a finished job of `kind`, or an error that says why there is none yet. */
function finishedResult(storage: Storage, jobId: number, kind: string, nothingOnCancel: string): JsonValue {
  const job = storage.jobs.require(jobId);
  if (job.kind !== kind) throw new AppError('invalid_input', `job ${jobId} is a ${job.kind} job, not a ${kind} job`);
  switch (job.status) {
    case 'queued':
    case 'running':
    case 'cancelling':
      throw new AppError('conflict', `job ${jobId} is ${job.status}; its report is ready when it ends`);
    case 'interrupted':
      throw new AppError('conflict', `job ${jobId} was interrupted before it ended; resume it to finish`);
    case 'failed':
      throw new AppError('conflict', `job ${jobId} failed: ${job.error ?? 'unknown error'}`);
    case 'cancelled':
      if (job.result === null) throw new AppError('cancelled', `job ${jobId} was cancelled; ${nothingOnCancel}`);
      return job.result;
    case 'done':
      if (job.result === null) throw new AppError('internal', `job ${jobId} ended without a report`);
      return job.result;
  }
}

export function createDataService(deps: { readonly storage: Storage; readonly jobs: JobQueue }): DataService {
  const { storage, jobs } = deps;
  return {
    async startExport(input, actor) {
      storage.projects.require(input.projectId);
      requireRunOf(storage, input.projectId, input.runId);
      // Refuse a bad destination now; the job checks again when it starts.
      await prepareDestination(input.out, input.force);
      const payload: ExportPayload = {
        projectId: input.projectId,
        format: input.format,
        out: input.out,
        scope: input.scope,
        runId: input.runId ?? null,
        force: input.force,
        actor,
      };
      return { jobId: jobs.enqueue(EXPORT_JOB, payload, input.projectId).id };
    },
    exportReport: (jobId) => ExportReport.parse(finishedResult(storage, jobId, EXPORT_JOB, 'nothing was written')),
    async startImport(input, actor) {
      const project = storage.projects.require(input.projectId);
      if (input.label !== undefined && input.format !== 'png') {
        throw new AppError('invalid_input', `a label applies to PNG masks only; ${input.format} files name their own labels`, { field: 'label' });
      }
      const info = await stat(input.path).catch(() => null);
      if (info === null) throw new AppError('invalid_input', `${input.path} does not exist`, { field: 'path' });
      if (input.format === 'coco' ? !info.isFile() : !info.isDirectory()) {
        throw new AppError('invalid_input', input.format === 'coco' ? `a COCO import reads one JSON file; ${input.path} is a folder` : `a ${input.format} import reads a folder; ${input.path} is a file`, {
          field: 'path',
        });
      }
      const payload: AnnotationImportPayload = { projectId: project.id, format: input.format, path: input.path, as: input.as, label: input.label ?? null, actor };
      return { jobId: jobs.enqueue(ANNOTATION_IMPORT_JOB, payload, project.id).id };
    },
    importReport: (jobId) => ImportReport.parse(finishedResult(storage, jobId, ANNOTATION_IMPORT_JOB, 'nothing was imported')),
    async startEvaluation(input, actor) {
      storage.projects.require(input.projectId);
      requireRunOf(storage, input.projectId, input.runId);
      if (input.gtDir === undefined) storedGroundTruth(storage, input.projectId);
      else await requireFolder(input.gtDir, 'GT folder');
      const payload: EvalPayload = { projectId: input.projectId, runId: input.runId ?? null, gtDir: input.gtDir ?? null, protocol: input.protocol, actor };
      return { jobId: jobs.enqueue(EVAL_JOB, payload, input.projectId).id };
    },
    evaluationSources(projectId) {
      storage.projects.require(projectId);
      const counts = storage.images.statusCounts(projectId);
      return {
        imageCount: Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0),
        annotatedImages: storage.annotations.annotatedImageCount(projectId),
        groundTruthImages: storage.groundTruth.imageIdsOfProject(projectId).length,
        runs: storage.runs.ofProject(projectId).map((run) => ({
          id: run.id,
          kind: run.kind,
          status: run.status,
          modelPackName: run.modelPackName,
          createdAt: run.createdAt,
          imageCount: run.imageCount,
          doneCount: run.doneCount,
        })),
      };
    },
  };
}
