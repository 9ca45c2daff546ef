import { describe, expect, it } from 'vitest';
import type { Job, JobProgress } from '../../../../src/shared/dto/jobs';
import { EMPTY_JOBS, MAX_KEPT_FAILURES, jobFraction, jobTitle, jobsNewestFirst, jobsReducer } from '../../../../src/renderer/src/features/jobs/jobsState';

function job(id: number, overrides: Partial<Job> = {}): Job {
  return { id, kind: 'images.add', projectId: 1, status: 'running', done: 0, total: 10, message: null, error: null, createdAt: 't', startedAt: 't', finishedAt: null, ...overrides };
}

function progress(jobId: number, overrides: Partial<JobProgress> = {}): JobProgress {
  return { jobId, kind: 'images.add', projectId: 1, status: 'running', done: 1, total: 10, message: null, ...overrides };
}

describe('jobsReducer', () => {
  it('collects per-item failures from progress events and keeps them across snapshots', () => {
    let state = jobsReducer(EMPTY_JOBS, { type: 'started', jobId: 3, kind: 'images.add', projectId: 1 });
    state = jobsReducer(state, { type: 'progress', progress: progress(3, { done: 1, item: { name: 'a.png', ok: true } }) });
    state = jobsReducer(state, { type: 'progress', progress: progress(3, { done: 2, item: { name: 'bad.png', ok: false, reason: 'not an image' } }) });
    state = jobsReducer(state, { type: 'snapshot', jobs: [job(3, { status: 'done', done: 10 })] });
    const view = state.jobs.get(3);
    expect(view?.status).toBe('done');
    expect(view?.failures).toEqual([{ name: 'bad.png', reason: 'not an image' }]);
    expect(view?.failedCount).toBe(1);
  });

  it('gives a failure without a reason a generic one', () => {
    const state = jobsReducer(EMPTY_JOBS, { type: 'progress', progress: progress(1, { item: { name: 'x', ok: false } }) });
    expect(state.jobs.get(1)?.failures).toEqual([{ name: 'x', reason: 'failed' }]);
  });

  it('caps the kept failures but counts them all', () => {
    let state = EMPTY_JOBS;
    for (let index = 0; index < MAX_KEPT_FAILURES + 20; index++) {
      state = jobsReducer(state, { type: 'progress', progress: progress(1, { done: index, item: { name: `${index}`, ok: false, reason: 'r' } }) });
    }
    expect(state.jobs.get(1)?.failures).toHaveLength(MAX_KEPT_FAILURES);
    expect(state.jobs.get(1)?.failedCount).toBe(MAX_KEPT_FAILURES + 20);
  });

  it('does not let an older snapshot move a running job backwards', () => {
    let state = jobsReducer(EMPTY_JOBS, { type: 'progress', progress: progress(2, { done: 7 }) });
    state = jobsReducer(state, { type: 'job', job: job(2, { done: 5 }) });
    expect(state.jobs.get(2)?.done).toBe(7);
    state = jobsReducer(state, { type: 'job', job: job(2, { status: 'done', done: 10 }) });
    expect(state.jobs.get(2)?.done).toBe(10);
  });

  it('marks jobs seen running in this session as watched, not old finished ones', () => {
    let state = jobsReducer(EMPTY_JOBS, { type: 'snapshot', jobs: [job(1, { status: 'done' }), job(2, { status: 'running' }), job(3, { status: 'interrupted' })] });
    expect(state.jobs.get(1)?.watched).toBe(false);
    expect(state.jobs.get(2)?.watched).toBe(true);
    expect(state.jobs.get(3)?.watched).toBe(false);
    state = jobsReducer(state, { type: 'job', job: job(2, { status: 'done' }) });
    expect(state.jobs.get(2)?.watched).toBe(true);
  });

  it('does not replace a known job with a "started" placeholder', () => {
    const state = jobsReducer(EMPTY_JOBS, { type: 'progress', progress: progress(4, { done: 3 }) });
    expect(jobsReducer(state, { type: 'started', jobId: 4, kind: 'images.add', projectId: 1 })).toBe(state);
  });

  it('dismisses a job and orders the rest newest first', () => {
    let state = jobsReducer(EMPTY_JOBS, { type: 'snapshot', jobs: [job(1), job(5), job(3)] });
    state = jobsReducer(state, { type: 'dismiss', jobId: 5 });
    expect(jobsNewestFirst(state).map((view) => view.id)).toEqual([3, 1]);
    expect(jobsReducer(state, { type: 'dismiss', jobId: 99 })).toBe(state);
  });
});

describe('job helpers', () => {
  it('computes the fraction done, null while the total is unknown', () => {
    expect(jobFraction({ done: 3, total: 12 })).toBe(0.25);
    expect(jobFraction({ done: 0, total: 0 })).toBeNull();
    expect(jobFraction({ done: 15, total: 12 })).toBe(1);
  });

  it('names known job kinds and shows unknown ones as they are', () => {
    expect(jobTitle('image-import')).toBe('Importing images');
    expect(jobTitle('something.new')).toBe('something.new');
  });
});
