/**
 * The app-wide jobs store: one reducer state fed by `jobs.list` (at start and after every reconnect,
 * since events may have been missed) and `jobs.progress` events; components read it with useJobs().
 */
import { useSyncExternalStore } from 'react';
import { call, onConnectionChange, subscribe } from '../../api/client';
import type { AppErrorShape, Result } from '../../../../shared/result';
import type { Job } from '../../../../shared/dto/jobs';
import { EMPTY_JOBS, jobsReducer, type JobsAction, type JobsState } from './jobsState';

let state: JobsState = EMPTY_JOBS;
let lastError: AppErrorShape | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of [...listeners]) listener();
}

function dispatch(action: JobsAction): void {
  const next = jobsReducer(state, action);
  if (next === state) return;
  state = next;
  notify();
}

function subscribeStore(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function getState(): JobsState {
  return state;
}

export function useJobs(): JobsState {
  return useSyncExternalStore(subscribeStore, getState);
}

function getListError(): AppErrorShape | null {
  return lastError;
}

/** The last error met while listing jobs (null after a good answer), shown in the jobs panel. */
export function useJobsListError(): AppErrorShape | null {
  return useSyncExternalStore(subscribeStore, getListError);
}

export async function refreshJobs(): Promise<void> {
  const result = await call('jobs.list', {});
  const error = result.ok ? null : result.error;
  if (error !== lastError) {
    lastError = error;
    notify();
  }
  if (result.ok) dispatch({ type: 'snapshot', jobs: result.value });
}

/** Starts following jobs for the app's lifetime; returns the function that stops it. */
export function startJobsSync(): () => void {
  const stopProgress = subscribe('jobs.progress', (progress) => dispatch({ type: 'progress', progress }));
  const stopConnection = onConnectionChange((connection) => {
    if (connection === 'open') void refreshJobs();
  });
  void refreshJobs();
  return () => {
    stopProgress();
    stopConnection();
  };
}

/** Records a job the UI just started, so it shows before its first progress event. */
export function trackStartedJob(jobId: number, kind: string, projectId: number | null): void {
  dispatch({ type: 'started', jobId, kind, projectId });
  void call('jobs.get', { jobId }).then((result) => {
    if (result.ok) dispatch({ type: 'job', job: result.value });
  });
}

async function jobCommand(channel: 'jobs.cancel' | 'jobs.resume', jobId: number): Promise<Result<Job>> {
  const result = await call(channel, { jobId });
  if (result.ok) dispatch({ type: 'job', job: result.value });
  return result;
}

export function cancelJob(jobId: number): Promise<Result<Job>> {
  return jobCommand('jobs.cancel', jobId);
}

export function resumeJob(jobId: number): Promise<Result<Job>> {
  return jobCommand('jobs.resume', jobId);
}

export function dismissJob(jobId: number): void {
  dispatch({ type: 'dismiss', jobId });
}
