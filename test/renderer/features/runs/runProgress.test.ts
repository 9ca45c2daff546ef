import { describe, expect, it } from 'vitest';
import type { RunImage } from '../../../../src/shared/dto/runs';
import { imageFraction, liveFromStep, runImageDisplay, type LiveImageStage } from '../../../../src/renderer/src/features/runs/runProgress';

const imageStep = (iteration: number | null, iterations: number | null, stage: string | null, imageId = 3) =>
  ({ kind: 'image', imageId, position: 3, total: 24, fileName: 'x (1).png', iteration, iterations, stage }) as const;

const row = (status: RunImage['status'], extra: Partial<RunImage> = {}): RunImage => ({
  imageId: 3,
  fileName: 'x (1).png',
  status,
  error: null,
  uncertainty: null,
  finalIteration: null,
  ...extra,
});

describe('int-run progress steps', () => {
  it('keeps the image, its position, the iteration and the stage', () => {
    expect(liveFromStep(imageStep(2, 5, 'score'))).toEqual({ kind: 'image', imageId: 3, position: 3, total: 24, fileName: 'x (1).png', iteration: 2, iterations: 5, stage: 'score' });
    expect(liveFromStep(imageStep(null, null, null))).toMatchObject({ iteration: null, iterations: null, stage: null });
  });

  it('reads pack loading, no step, and a stage it does not know', () => {
    expect(liveFromStep({ kind: 'loading', pack: 'intseg-test-pack' })).toEqual({ kind: 'loading', pack: 'intseg-test-pack' });
    expect(liveFromStep(null)).toBeNull();
    expect(liveFromStep(imageStep(1, 5, 'teleport'))).toMatchObject({ stage: null, iteration: 1 });
  });
});

describe('run image rows as shown', () => {
  const live = liveFromStep(imageStep(2, 5, 'detect'));

  it('shows the image the job works on as running with its iteration and stage', () => {
    const shown = runImageDisplay(row('pending'), live, true);
    expect(shown.state).toBe('running');
    expect(shown.detail).toBe('iteration 2 of 5, detecting boxes');
    expect(shown.fraction).toBeCloseTo((1 + 4 / 10) / 5, 6);
  });

  it('keeps the stored state once the job has moved on or stopped', () => {
    expect(runImageDisplay(row('pending', { imageId: 4, fileName: 'x (1).png' }), live, true)).toEqual({ state: 'pending', detail: null, fraction: null });
    expect(runImageDisplay(row('running'), null, false)).toEqual({ state: 'pending', detail: 'will run again on resume', fraction: null });
    expect(runImageDisplay(row('done', { uncertainty: 0.3, finalIteration: 2 }), live, true).state).toBe('done');
  });

  it('gives failed and skipped images their reason', () => {
    expect(runImageDisplay(row('failed', { error: 'the inference process crashed' }), null, false)).toEqual({ state: 'failed', detail: 'the inference process crashed', fraction: null });
    expect(runImageDisplay(row('skipped', { error: 'the file is missing: /a/x.png' }), null, false).detail).toBe('the file is missing: /a/x.png');
    expect(runImageDisplay(row('failed'), null, false).detail).toBe('failed without a reason');
  });
});

describe('progress through the current image', () => {
  it('counts finished iterations and the stages of the current one', () => {
    const at = (iteration: number | null, iterations: number | null, stage: string | null): number => {
      const live = liveFromStep(imageStep(iteration, iterations, stage));
      return live?.kind === 'image' ? imageFraction(live as LiveImageStage) : -1;
    };
    expect(at(1, 2, 'propose')).toBe(0);
    expect(at(2, 2, 'propose')).toBe(0.5);
    expect(at(2, 2, 'reweight')).toBeCloseTo(0.95, 10);
    expect(at(null, null, null)).toBe(0);
  });
});
