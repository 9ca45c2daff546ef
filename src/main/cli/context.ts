/**
 * What CLI commands share: opening the app context on the chosen data folder, and running a job in
 * this process while showing its progress (Ctrl+C cancels it cleanly; a kill leaves it resumable).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../app/context';
import type { Transport } from '../ipc/router';
import type { JobStatus } from '../../shared/dto/jobs';
import { CliError, createProgress } from './output';
import { AppError } from '../../shared/result';

const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled', 'interrupted']);

export async function openCliContext(command: Command, transport: Transport, options: { readonly runJobs?: boolean } = {}): Promise<AppContext> {
  const { data } = command.optsWithGlobals<{ data?: string }>();
  const { resolveDataDir } = await import('../app/data-dir');
  const { openAppContext } = await import('../app/context');
  const dataDir = resolveDataDir(data);
  try {
    return await openAppContext({
      dataDir,
      transport,
      resumeInterruptedJobs: transport === 'web',
      runJobs: options.runJobs ?? true,
      role: transport === 'web' ? 'intseg serve' : `intseg ${command.name()}`,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw new CliError(error.message);
    throw new CliError(`cannot open the data folder ${dataDir}: ${(error as Error).message}`);
  }
}

/** Waits for a job to end, drawing its progress; Ctrl+C asks the job to stop after its current item. */
export async function waitForJob(context: AppContext, jobId: number, title: string, json: boolean): Promise<void> {
  const progress = createProgress(title, !json);
  await new Promise<void>((resolvePromise) => {
    const finishIfFinal = (status: JobStatus): void => {
      if (!FINAL_STATUSES.has(status)) return;
      unsubscribe();
      process.off('SIGINT', onInterrupt);
      resolvePromise();
    };
    const unsubscribe = context.jobs.onEvent((event) => {
      if (event.jobId !== jobId) return;
      if (event.total > 0) progress.update(event.done, event.total, event.item?.name.split(/[\\/]/).pop() ?? '');
      finishIfFinal(event.status);
    });
    const onInterrupt = (): void => {
      process.stderr.write('\nintseg: stopping after the current item (Ctrl+C again to force)\n');
      context.jobs.cancel(jobId, 'interrupted from the command line');
      process.once('SIGINT', () => process.exit(130));
    };
    process.once('SIGINT', onInterrupt);
    // The job may have ended before we subscribed.
    finishIfFinal(context.storage.jobs.require(jobId).status);
  });
  progress.stop();
}

export interface ImportOutcome {
  readonly jobId: number;
  /** True when an import that a killed process left interrupted was finished instead of a new one started. */
  readonly resumed: boolean;
  /** Images the import job added, over all its attempts. */
  readonly imported: number;
  readonly skipped: { path: string; reason: string }[];
}

interface ImportJobResult {
  imported?: number;
  duplicates?: { path: string; reason: string }[];
  alreadyPresent?: { path: string; reason: string }[];
  failed?: { path: string; reason: string }[];
}

/**
 * Imports paths into a project through the job queue. An import of the same paths that a killed
 * process left interrupted is resumed instead of started again; either way nothing is imported twice.
 */
export async function runImportJob(context: AppContext, projectId: number, paths: readonly string[], json: boolean): Promise<ImportOutcome> {
  const absolute = paths.map((path) => resolve(path));
  const { IMAGE_IMPORT_JOB } = await import('../services/images/import-job');
  const key = JSON.stringify(absolute);
  const interrupted = context.storage.jobs
    .withStatus('interrupted')
    .find((job) => job.kind === IMAGE_IMPORT_JOB && job.projectId === projectId && JSON.stringify((job.payload as { paths?: unknown }).paths) === key);
  const jobId =
    interrupted !== undefined
      ? context.jobs.resume(interrupted.id).id
      : (await context.router.invoke('images.add', { projectId, paths: absolute }, context.callContext)).jobId;
  await waitForJob(context, jobId, 'importing', json);

  const job = context.storage.jobs.require(jobId);
  if (job.status === 'failed') throw new CliError(`import failed: ${job.error ?? 'unknown error'}`);
  const result = (job.result ?? {}) as ImportJobResult;
  if (job.status === 'cancelled') throw new CliError(`import cancelled after ${result.imported ?? job.done} image(s); run the same command again to finish it`, 130);
  return {
    jobId,
    resumed: interrupted !== undefined,
    imported: result.imported ?? 0,
    skipped: [...(result.failed ?? []), ...(result.duplicates ?? []), ...(result.alreadyPresent ?? [])],
  };
}
