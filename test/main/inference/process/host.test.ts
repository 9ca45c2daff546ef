// The inference process through its host: the real bundled worker, the real test pack. A crash fails
// only the request in flight and the next request gets a fresh process; cancel stops a request between
// INT stages without killing the process; a run survives a crash by going on with the next image.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelSource } from '../../../../src/core/cancel';
import { AppError } from '../../../../src/shared/result';
import { InferenceHost } from '../../../../src/main/inference/process/host';
import { nodeWorkerLauncher, type WorkerHandle } from '../../../../src/main/inference/process/launcher';
import type { SegmentResult } from '../../../../src/main/inference/process/protocol';
import { inferenceWorkerPath } from '../../../../src/main/app/paths';
import { openAppContext } from '../../../../src/main/app/context';
import { writeTestPack } from '../../../../scripts/make-test-pack';
import { writeScenes, type WrittenScene } from '../../../../src/main/synthetic/write-scenes';

describe('the inference process', () => {
  let root: string;
  let pack: string;
  let scenes: WrittenScene[];
  const launch = nodeWorkerLauncher(inferenceWorkerPath());

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'intseg-host-'));
    pack = join(root, 'pack');
    writeTestPack(pack);
    scenes = await writeScenes(join(root, 'scenes'), [0, 1, 2, 3]);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const intRequest = (scene: WrittenScene, iterations = 2) => ({
    type: 'int' as const,
    packDir: pack,
    imagePath: scene.imagePath,
    expectedWidth: 128,
    expectedHeight: 128,
    taskPrompt: 'camouflaged animal',
    config: { iterations },
  });

  it('segments an image and streams progress', async () => {
    const host = new InferenceHost(launch);
    try {
      const stages: string[] = [];
      const result = await host.request<SegmentResult>(intRequest(scenes[0]!), { onProgress: (progress) => stages.push(progress.stage) });
      expect(result.iterations).toHaveLength(2);
      expect(result.finalRle.size).toEqual([128, 128]);
      expect(result.area).toBeGreaterThan(0);
      expect(stages).toContain('score');
      expect(stages.at(-1)).toBe('done');
    } finally {
      await host.close();
    }
  });

  it('fails only the request in flight when the process dies, and restarts it for the next one', async () => {
    const host = new InferenceHost(launch);
    try {
      const firstPid = (await host.request<{ pid: number }>({ type: 'ping' })).pid;
      const doomed = host.request(intRequest(scenes[1]!, 5), {
        onProgress: (progress) => {
          if (progress.stage === 'score') process.kill(firstPid, 'SIGKILL');
        },
      });
      const error = await doomed.then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('model_error');
      expect((error as AppError).message).toMatch(/inference process stopped \(signal SIGKILL\) while segmenting .*scene-1\.png/);
      expect((error as AppError).details).toEqual({ crashed: true });
      expect(host.crashCount).toBe(1);
      const secondPid = (await host.request<{ pid: number }>({ type: 'ping' })).pid;
      expect(secondPid).not.toBe(firstPid);
      const after = await host.request<SegmentResult>(intRequest(scenes[1]!, 1));
      expect(after.iterations).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('cancels a request between stages and keeps the process', async () => {
    const host = new InferenceHost(launch);
    try {
      const pid = (await host.request<{ pid: number }>({ type: 'ping' })).pid;
      const cancel = new CancelSource();
      const error = await host
        .request(intRequest(scenes[2]!, 5), {
          cancel,
          onProgress: (progress) => {
            if (progress.iteration === 2) cancel.cancel('enough');
          },
        })
        .then(
          () => null,
          (reason: unknown) => reason,
        );
      expect((error as AppError).code).toBe('cancelled');
      expect((await host.request<{ pid: number }>({ type: 'ping' })).pid).toBe(pid);
    } finally {
      await host.close();
    }
  });

  it('names the broken file of a pack before any image is processed', async () => {
    const broken = join(root, 'broken-pack');
    writeTestPack(broken);
    const manifestFile = join(broken, 'pack.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { ports: { segmenter: { files: { path: string }[] } } };
    const victim = manifest.ports.segmenter.files.find((file) => file.path.endsWith('.onnx'))!.path;
    writeFileSync(join(broken, victim), 'not an onnx model');
    const host = new InferenceHost(launch);
    try {
      const error = await host.request({ type: 'load-pack', packDir: broken, ports: ['segmenter'] }).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect((error as AppError).code).toBe('model_error');
      expect((error as AppError).message).toContain(victim.split('/').pop()!);
    } finally {
      await host.close();
    }
  });

  it('lets a run survive a crash: the image is recorded as failed and the next image runs on a new process', async () => {
    const handles: WorkerHandle[] = [];
    const context = await openAppContext({
      dataDir: join(root, 'data-crash'),
      transport: 'direct',
      inferenceLauncher: () => {
        const handle = launch();
        handles.push(handle);
        return handle;
      },
    });
    try {
      const project = await context.router.invoke('projects.create', { name: 'crash', taskPrompt: 'camouflaged animal' }, context.callContext);
      await context.services.images.importNow(project.id, [join(root, 'scenes', 'images')], { actor: 'test' });
      const { runId, jobId } = await context.router.invoke('runs.start', { projectId: project.id, pack, options: { iterations: 1 } }, context.callContext);
      let killed = false;
      const finished = new Promise<void>((resolve) => {
        context.jobs.onEvent((event) => {
          if (event.jobId !== jobId) return;
          if (!killed && event.message?.startsWith('image 2 of 4') === true && event.message.includes('iteration')) {
            killed = true;
            handles.at(-1)?.kill();
          }
          if (event.status === 'done' || event.status === 'failed') resolve();
        });
      });
      await finished;
      const run = context.storage.runs.require(runId);
      expect(run.status).toBe('done');
      const images = context.storage.runs.images(runId);
      expect(images.map((image) => image.status)).toEqual(['done', 'failed', 'done', 'done']);
      expect(images[1]!.error).toMatch(/inference process stopped/);
      expect(handles).toHaveLength(2);

      // Resuming the run retries the failed image only.
      await context.router.invoke('runs.resume', { runId }, context.callContext);
      await context.jobs.whenIdle();
      expect(context.storage.runs.images(runId).map((image) => image.status)).toEqual(['done', 'done', 'done', 'done']);
    } finally {
      await context.close();
    }
  }, 120_000);
});
