import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src/shared/dto/runs';
import type { JobView } from '../../../../src/renderer/src/features/jobs/jobsState';
import { runLive, runTone } from '../../../../src/renderer/src/features/runs/runLive';

const run = (extra: Partial<RunSummary> = {}): RunSummary => ({
  id: 4,
  projectId: 1,
  status: 'running',
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  finishedAt: null,
  error: null,
  imageCount: 8,
  doneCount: 2,
  failedCount: 1,
  packName: 'intseg-test-pack 1.0.0',
  testOnlyPack: true,
  options: { route: 'clip', iterations: 5, scales: ['whole', 'halves', 'quarters'], ablate: [], earlyStop: false },
  jobId: 9,
  packReport: null,
  ...extra,
});

const job = (extra: Partial<JobView> = {}): JobView => ({
  id: 9,
  kind: 'int-run',
  projectId: 1,
  status: 'running',
  done: 5,
  total: 8,
  message: 'image 6 of 8 (scene-5.png): iteration 3 of 5, segment',
  step: { kind: 'image', imageId: 6, position: 6, total: 8, fileName: 'scene-5.png', iteration: 3, iterations: 5, stage: 'segment' },
  error: null,
  failures: [],
  failedCount: 0,
  watched: true,
  ...extra,
});

describe('a run with its job', () => {
  it('counts from the job while it runs (events arrive before the summary is refetched)', () => {
    const live = runLive(run(), job());
    expect(live).toMatchObject({ active: true, interrupted: false, done: 5, total: 8 });
    expect(live.progress).toMatchObject({ kind: 'image', fileName: 'scene-5.png', iteration: 3, stage: 'segment' });
    expect(runTone(run(), live)).toBe('accent');
  });

  it('counts from the summary when no job runs, and tells an interrupted job', () => {
    const stopped = runLive(run({ status: 'running' }), job({ status: 'interrupted' }));
    expect(stopped).toMatchObject({ active: false, interrupted: true, done: 3, total: 8, progress: null });
    expect(runTone(run(), stopped)).toBe('warning');
    expect(runLive(run({ jobId: null }), null)).toMatchObject({ active: false, done: 3, total: 8 });
  });

  it('colours the outcome', () => {
    const idle = runLive(run({ jobId: null }), null);
    expect(runTone(run({ status: 'done', failedCount: 0 }), idle)).toBe('success');
    expect(runTone(run({ status: 'done', failedCount: 2 }), idle)).toBe('warning');
    expect(runTone(run({ status: 'cancelled' }), idle)).toBe('warning');
    expect(runTone(run({ status: 'failed' }), idle)).toBe('danger');
  });
});
