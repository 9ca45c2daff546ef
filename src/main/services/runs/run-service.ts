/** Run use cases: start an INT run over a project, follow it, cancel or resume it, read its traces. */
import { intConfig, IntConfigError, requiredPorts } from '../../../core/int';
import { AppError } from '../../../shared/result';
import { resolveRunOptions, type ImageTrace, type RunImage, type RunOptions, type RunSummary, type StartRunInput } from '../../../shared/dto/runs';
import type { JobQueue } from '../../jobs/queue';
import type { Storage } from '../../storage/storage';
import type { RunRecord } from '../../storage/repositories/runs';
import type { JobRecord } from '../../storage/repositories/jobs';
import { checkPorts, packReportView, resolvePack } from '../models/packs';
import { INT_RUN_JOB } from './run-job';
import { StoredRunConfig } from './run-config';
import { toIterationView } from './trace-mapping';

const ACTIVE_JOB = new Set(['queued', 'running', 'cancelling', 'interrupted']);

export class RunService {
  constructor(
    private readonly storage: Storage,
    private readonly jobs: JobQueue,
    private readonly dataDir: string,
  ) {}

  /** Validates everything it can before queueing: the options, the pack's manifest and ports, the images. */
  start(input: StartRunInput, actor: string): { runId: number; jobId: number; resumed: boolean } {
    const project = this.storage.projects.require(input.projectId);
    const options = resolveRunOptions(input.options);
    let config;
    try {
      config = intConfig({
        route: options.route,
        iterations: options.iterations,
        scales: options.scales,
        earlyStop: options.earlyStop,
        ablation: { hcg: !options.ablate.includes('hcg'), psnm: !options.ablate.includes('psnm'), pnm: !options.ablate.includes('pnm'), smg: !options.ablate.includes('smg') },
      });
    } catch (error) {
      if (error instanceof IntConfigError) throw new AppError('invalid_input', error.message);
      throw error;
    }
    const pack = resolvePack(this.dataDir, input.pack);
    checkPorts(pack, requiredPorts(config));
    if (input.resumeInterrupted && input.imageIds === undefined) {
      const interrupted = this.interruptedRun(project.id, pack.dir, options);
      if (interrupted !== null) {
        const resumed = this.resume(interrupted);
        return { runId: interrupted, jobId: resumed.jobId ?? 0, resumed: true };
      }
    }

    const imageIds = input.imageIds ?? this.projectImageIds(project.id);
    if (imageIds.length === 0) throw new AppError('invalid_input', `project ${project.id} has no images to run on: add images first`);
    for (const imageId of input.imageIds ?? []) {
      const image = this.storage.images.require(imageId);
      if (image.projectId !== project.id) throw new AppError('invalid_input', `image ${imageId} belongs to project ${image.projectId}, not ${project.id}`);
    }
    const stored = {
      int: { ...config, ablation: { ...config.ablation }, scales: [...config.scales] },
      options,
      taskPrompt: project.taskPrompt,
      label: project.labels[0]?.name ?? project.taskPrompt,
      pack: { dir: pack.dir, name: pack.manifest.name, version: pack.manifest.version, testOnly: pack.manifest.testOnly },
    } satisfies StoredRunConfig;
    const run = this.storage.runs.create(
      { projectId: project.id, kind: 'int', config: stored, modelPackId: pack.dir, modelPackName: `${pack.manifest.name} ${pack.manifest.version}`, imageIds },
      actor,
    );
    const job = this.jobs.enqueue(INT_RUN_JOB, { runId: run.id }, project.id);
    return { runId: run.id, jobId: job.id, resumed: false };
  }

  /** The newest run of the project with this pack and these options whose job is interrupted, if any. */
  private interruptedRun(projectId: number, packDir: string, options: Required<RunOptions>): number | null {
    const wanted = JSON.stringify(options);
    for (const job of this.runJobs(projectId).sort((a, b) => b.id - a.id)) {
      if (job.status !== 'interrupted') continue;
      const runId = runIdOf(job);
      const run = runId === null ? null : this.storage.runs.get(runId);
      const config = run === null ? null : StoredRunConfig.safeParse(run.config);
      if (run !== null && config?.success === true && config.data.pack.dir === packDir && JSON.stringify(config.data.options) === wanted) return run.id;
    }
    return null;
  }

  list(projectId: number): RunSummary[] {
    this.storage.projects.require(projectId);
    const jobs = this.runJobs(projectId);
    return this.storage.runs.ofProject(projectId).filter((run) => run.kind === 'int').map((run) => this.summary(run, jobs));
  }

  get(runId: number): RunSummary {
    const run = this.storage.runs.require(runId);
    return this.summary(run, this.runJobs(run.projectId));
  }

  cancel(runId: number): RunSummary {
    const run = this.storage.runs.require(runId);
    const job = this.runJobs(run.projectId).find((candidate) => runIdOf(candidate) === runId && ACTIVE_JOB.has(candidate.status));
    if (job === undefined) throw new AppError('conflict', `run ${runId} is ${run.status}: nothing to cancel`);
    this.jobs.cancel(job.id, 'run cancelled by user');
    return this.get(runId);
  }

  /** Continues a cancelled, failed or interrupted run: done images are skipped, failed ones tried again. */
  resume(runId: number): RunSummary {
    const run = this.storage.runs.require(runId);
    const jobs = this.runJobs(run.projectId).filter((candidate) => runIdOf(candidate) === runId);
    if (jobs.some((job) => job.status === 'queued' || job.status === 'running' || job.status === 'cancelling')) {
      throw new AppError('conflict', `run ${runId} is already running`);
    }
    this.storage.transaction(() => {
      for (const image of this.storage.runs.images(runId)) {
        if (image.status === 'failed') this.storage.runs.retryImage(runId, image.imageId);
      }
    });
    const resumable = jobs.find((job) => job.status === 'interrupted' || job.status === 'cancelled' || job.status === 'failed');
    if (resumable !== undefined) this.jobs.resume(resumable.id);
    else this.jobs.enqueue(INT_RUN_JOB, { runId }, run.projectId);
    return this.get(runId);
  }

  images(runId: number, offset: number, limit: number, order: 'run' | 'uncertainty'): { total: number; items: RunImage[] } {
    const run = this.storage.runs.require(runId);
    return {
      total: run.imageCount,
      items: this.storage.runs.imagesPage(runId, { offset, limit, order }).map((image) => ({
        imageId: image.imageId,
        fileName: image.fileName,
        status: image.status,
        error: image.error,
        uncertainty: image.uncertainty,
        finalIteration: image.finalIteration,
      })),
    };
  }

  /**
   * Start-up: a run whose job a killed process left interrupted is 'paused' until its job runs again
   * (the desktop app and serve resume such jobs at once; the CLI resumes them when asked again).
   */
  pauseInterrupted(): number {
    let paused = 0;
    for (const job of this.storage.jobs.withStatus('interrupted')) {
      if (job.kind !== INT_RUN_JOB) continue;
      const runId = runIdOf(job);
      const run = runId === null ? null : this.storage.runs.get(runId);
      if (run !== null && run.status === 'running') {
        this.storage.runs.setStatus(run.id, 'paused', 'system', 'the app stopped while this run was going; it resumes where it stopped');
        paused += 1;
      }
    }
    return paused;
  }

  imageTrace(runId: number, imageId: number): ImageTrace {
    this.storage.runs.require(runId);
    const record = this.storage.runs.images(runId).find((image) => image.imageId === imageId);
    if (record === undefined) throw new AppError('not_found', `image ${imageId} is not part of run ${runId}`);
    const summary = record.summary as {
      uncertainty?: ImageTrace['uncertainty'];
      models?: ImageTrace['models'];
      totalMs?: number;
      distancesToMean?: number[];
      stoppedEarly?: boolean;
    } | null;
    return {
      runId,
      imageId,
      status: record.status,
      error: record.error,
      finalIteration: record.finalIteration,
      uncertainty: summary?.uncertainty ?? null,
      models: summary?.models ?? null,
      totalMs: summary?.totalMs ?? null,
      distancesToMean: summary?.distancesToMean ?? null,
      stoppedEarly: summary?.stoppedEarly ?? null,
      iterations: this.storage.traces.ofImage(runId, imageId).map(toIterationView),
    };
  }

  private projectImageIds(projectId: number): number[] {
    const ids: number[] = [];
    for (let offset = 0; ; offset += 5000) {
      const page = this.storage.images.list(projectId, { offset, limit: 5000 });
      for (const image of page.items) if (image.status !== 'missing' && image.status !== 'changed') ids.push(image.id);
      if (offset + page.items.length >= page.total || page.items.length === 0) return ids;
    }
  }

  private runJobs(projectId: number): JobRecord[] {
    return this.storage.jobs.list({ projectId }).filter((job) => job.kind === INT_RUN_JOB);
  }

  private summary(run: RunRecord, jobs: readonly JobRecord[]): RunSummary {
    const config = StoredRunConfig.safeParse(run.config);
    const job = jobs.filter((candidate) => runIdOf(candidate) === run.id).sort((a, b) => b.id - a.id)[0];
    return {
      id: run.id,
      projectId: run.projectId,
      status: run.status,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      error: run.error,
      imageCount: run.imageCount,
      doneCount: run.doneCount,
      failedCount: run.failedCount,
      packName: run.modelPackName,
      testOnlyPack: config.success ? config.data.pack.testOnly : false,
      options: config.success ? config.data.options : { route: 'clip', iterations: 0, scales: [], ablate: [], earlyStop: false },
      jobId: job?.id ?? null,
      packReport: packReportView(run.packReport),
    };
  }
}

function runIdOf(job: JobRecord): number | null {
  const payload = job.payload as { runId?: unknown } | null;
  return typeof payload?.runId === 'number' ? payload.runId : null;
}
