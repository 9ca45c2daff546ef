/**
 * The `int-run` job: INT over every pending image of a run, in the inference process, committing each
 * image's trace and proposal in one transaction. Resuming skips images already done; an image the
 * process crashed on is recorded as failed and the run goes on with a fresh process at the next image.
 * A run never displaces a person's edit: it adds a proposal version, current only where no human or
 * imported annotation is (AnnotationRepository's rule).
 */
import { z } from 'zod';
import { CancelledError } from '../../../core/cancel';
import { requiredPorts } from '../../../core/int/required-ports';
import { resolveIntConfig } from '../../../core/int';
import { AppError } from '../../../shared/result';
import type { JobHandler } from '../../jobs/types';
import type { InferenceHost } from '../../inference/process/host';
import type { EventBus } from '../../ipc/events';
import type { Storage } from '../../storage/storage';
import type { JsonValue } from '../../storage/repositories/common';
import { SegmentResultSchema, type CheckedSegmentResult } from './trace-schema';
import { toStoredIteration } from './trace-mapping';
import { StoredRunConfig } from './run-config';

export const INT_RUN_JOB = 'int-run';

export const IntRunPayload = z.object({ runId: z.number().int().positive() }).strict();
export type IntRunPayload = z.infer<typeof IntRunPayload>;

/** Statuses a run may move an image to; anything a person set (in review, approved, rejected) stays. */
const STATUSES_A_RUN_MAY_SET = new Set(['new', 'queued', 'proposed', 'error']);

export interface IntRunJobDeps {
  readonly inference: () => InferenceHost;
  readonly events: EventBus;
}

export function intRunJob(deps: IntRunJobDeps): JobHandler<IntRunPayload> {
  return {
    kind: INT_RUN_JOB,
    payload: IntRunPayload,
    async run({ runId }, context) {
      const { storage } = context;
      const run = storage.runs.require(runId);
      const config = StoredRunConfig.parse(run.config);
      const intConfig = resolveIntConfig(config.int);
      if (!intConfig.ok) throw new AppError('invalid_input', `run ${runId} has an invalid stored configuration at ${intConfig.issues[0]?.path ?? '?'}`);
      const actor = `run:${runId}`;
      storage.runs.resetInterruptedImages(runId);
      const pending = storage.runs.pendingImageIds(runId);
      const total = run.imageCount;
      let finished = total - pending.length;
      storage.runs.setStatus(runId, 'running', actor);
      deps.events.emit('runs.changed', { runId, projectId: run.projectId, imageId: null });
      const host = deps.inference();
      try {
        context.progress({ done: finished, total, message: `loading model pack ${config.pack.name}`, step: { kind: 'loading', pack: config.pack.name } });
        // The whole pack is opened and checked before the first image: a broken pack fails the run here.
        const report = await host.request<JsonValue>({ type: 'load-pack', packDir: config.pack.dir, ports: requiredPorts(intConfig.value) }, { cancel: context.cancel });
        storage.runs.setPackReport(runId, report);

        for (const imageId of pending) {
          if (context.cancel.cancelled) throw new CancelledError(context.cancel.reason);
          const image = storage.images.get(imageId);
          const label = image === null ? `image ${imageId}` : image.fileName;
          const position = `image ${finished + 1} of ${total} (${label})`;
          const step = (stage: { iteration: number; iterations: number; stage: string } | null) =>
            ({ kind: 'image', imageId, position: finished + 1, total, fileName: label, iteration: stage?.iteration ?? null, iterations: stage?.iterations ?? null, stage: stage?.stage ?? null }) as const;
          if (image === null || image.status === 'missing' || image.status === 'changed') {
            const reason = image === null ? 'the image was removed from the project' : `the file is ${image.status}: ${image.path}`;
            storage.runs.finishImage(runId, imageId, { status: 'skipped', error: reason });
            finished += 1;
            context.progress({ done: finished, total, message: position, item: { name: label, ok: false, reason } });
            continue;
          }
          storage.runs.startImage(runId, imageId);
          context.progress({ done: finished, total, message: position, step: step(null) });
          deps.events.emit('runs.changed', { runId, projectId: run.projectId, imageId });
          let result: CheckedSegmentResult;
          try {
            const raw = await host.request(
              {
                type: 'int',
                packDir: config.pack.dir,
                imagePath: image.path,
                expectedWidth: image.width,
                expectedHeight: image.height,
                taskPrompt: config.taskPrompt,
                config: config.int,
              },
              {
                cancel: context.cancel,
                onProgress: (stage) =>
                  context.progress({ done: finished, total, message: `${position}: iteration ${stage.iteration} of ${stage.iterations}, ${stage.stage}`, step: step(stage) }),
              },
            );
            result = SegmentResultSchema.parse(raw);
          } catch (error) {
            if (context.cancel.cancelled || (error instanceof AppError && error.code === 'cancelled')) {
              storage.runs.resetInterruptedImages(runId);
              throw new CancelledError(context.cancel.reason);
            }
            const reason = error instanceof Error ? error.message : String(error);
            storage.transaction(() => {
              storage.traces.clearImage(runId, imageId);
              storage.runs.finishImage(runId, imageId, { status: 'failed', error: reason });
            });
            finished += 1;
            context.progress({ done: finished, total, message: position, item: { name: label, ok: false, reason } });
            deps.events.emit('runs.changed', { runId, projectId: run.projectId, imageId });
            continue;
          }
          commitImage(storage, runId, imageId, config.label, result, actor);
          finished += 1;
          context.progress({ done: finished, total, message: position, item: { name: label, ok: true } });
          deps.events.emit('runs.changed', { runId, projectId: run.projectId, imageId });
        }
      } catch (error) {
        if (error instanceof CancelledError) {
          storage.runs.setStatus(runId, 'cancelled', actor, error.message);
        } else {
          storage.runs.setStatus(runId, 'failed', actor, error instanceof Error ? error.message : String(error));
        }
        deps.events.emit('runs.changed', { runId, projectId: run.projectId, imageId: null });
        throw error;
      }
      const after = storage.runs.require(runId);
      const status = after.doneCount === 0 && after.failedCount > 0 ? 'failed' : 'done';
      storage.runs.setStatus(runId, status, actor, status === 'failed' ? `every image failed; the first reason: ${firstError(storage, runId)}` : null);
      deps.events.emit('runs.changed', { runId, projectId: run.projectId, imageId: null });
      return { runId, done: after.doneCount, failed: after.failedCount, images: after.imageCount };
    },
  };
}

function firstError(storage: Storage, runId: number): string {
  return storage.runs.images(runId).find((image) => image.error !== null)?.error ?? 'unknown';
}

/** One transaction: the trace, the proposal version, the image's outcome and status. */
function commitImage(storage: Storage, runId: number, imageId: number, label: string, result: CheckedSegmentResult, actor: string): void {
  storage.transaction(() => {
    storage.traces.clearImage(runId, imageId);
    for (const iteration of result.iterations) storage.traces.addIteration(runId, imageId, toStoredIteration(iteration.trace, iteration.softMaskPng));
    const saved = storage.annotations.addRunProposal(imageId, {
      runId,
      author: actor,
      instances: [{ label, rle: result.finalRle, area: result.area, bbox: result.bbox, softMaskPng: result.finalSoftPng }],
      note: `INT proposal, iteration ${result.finalIteration}`,
    });
    storage.runs.finishImage(runId, imageId, {
      status: 'done',
      uncertainty: result.uncertainty,
      finalIteration: result.finalIteration,
      summary: result.summary as JsonValue,
    });
    const image = storage.images.require(imageId);
    if (saved.current && STATUSES_A_RUN_MAY_SET.has(image.status)) storage.images.setStatus(imageId, 'proposed', actor);
  });
}

