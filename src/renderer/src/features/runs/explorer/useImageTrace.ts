/**
 * The INT trace of one image: from the run the route names, else the one the person picked, else the
 * newest run of the project that finished this image (runs tried newest first; a run that has the
 * image but did not finish it is kept as a last resort, so a failure and its reason still show).
 * Reloads, coalesced, when a run reports a change for this image.
 */
import { useEffect, useState } from 'react';
import type { ImageTrace, RunSummary } from '../../../../../shared/dto/runs';
import type { AppErrorShape } from '../../../../../shared/result';
import { call } from '../../../api/client';
import { useRequest } from '../../../api/hooks';
import { useRunChanges } from '../useRunEvents';

export interface ImageTraceState {
  /** The project's runs, newest first (undefined while loading). */
  readonly runs: readonly RunSummary[] | undefined;
  /** The run whose trace is shown; null when no run has this image. */
  readonly run: RunSummary | null;
  readonly trace: ImageTrace | null;
  readonly status: 'loading' | 'ok' | 'none' | 'error';
  readonly error: AppErrorShape | null;
  readonly reload: () => void;
}

interface Settled {
  readonly key: string;
  readonly runId: number | null;
  readonly trace: ImageTrace | null;
  readonly error: AppErrorShape | null;
}

/** First trace of `runIds` (in order) that is done; else the first that exists; else null. */
async function findTrace(runIds: readonly number[], imageId: number): Promise<{ runId: number | null; trace: ImageTrace | null; error: AppErrorShape | null }> {
  let fallback: { runId: number; trace: ImageTrace } | null = null;
  for (const runId of runIds) {
    const result = await call('runs.imageTrace', { runId, imageId });
    if (!result.ok) {
      if (result.error.code === 'not_found') continue;
      return { runId, trace: null, error: result.error };
    }
    if (result.value.status === 'done') return { runId, trace: result.value, error: null };
    fallback ??= { runId, trace: result.value };
  }
  return fallback === null ? { runId: null, trace: null, error: null } : { ...fallback, error: null };
}

export function useImageTrace(projectId: number, imageId: number, pinnedRunId: number | null): ImageTraceState {
  const runsRequest = useRequest('runs.list', { projectId });
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled | null>(null);
  const runs = runsRequest.value === undefined ? undefined : [...runsRequest.value].sort((a, b) => b.id - a.id);
  const candidates = pinnedRunId !== null ? [pinnedRunId] : (runs ?? []).map((run) => run.id);
  const key = runs === undefined && pinnedRunId === null ? '' : `${imageId}|${candidates.join(',')}|${generation}`;

  useRunChanges(
    (event) => event.projectId === projectId && (event.imageId === imageId || (event.imageId === null && event.runId === settled?.runId)),
    () => {
      runsRequest.reload();
      setGeneration((value) => value + 1);
    },
  );

  useEffect(() => {
    if (key === '') return;
    let live = true;
    const ids = key.split('|')[1]?.split(',').filter((id) => id !== '').map(Number) ?? [];
    void findTrace(ids, imageId).then((found) => {
      if (live) setSettled({ key, ...found });
    });
    return () => {
      live = false;
    };
  }, [key, imageId]);

  const reload = (): void => setGeneration((value) => value + 1);
  const current = settled !== null && settled.key === key ? settled : null;
  // While a reload runs, the last answer for this image stays on screen.
  const shown = current ?? (settled !== null && settled.key.startsWith(`${imageId}|`) ? settled : null);
  const run = shown?.runId === null || shown === null ? null : ((runs ?? []).find((candidate) => candidate.id === shown.runId) ?? null);
  if (shown === null) return { runs, run: null, trace: null, status: runsRequest.error === null ? 'loading' : 'error', error: runsRequest.error, reload };
  if (shown.error !== null) return { runs, run, trace: null, status: 'error', error: shown.error, reload };
  if (shown.trace === null) return { runs, run: null, trace: null, status: 'none', error: null, reload };
  return { runs, run, trace: shown.trace, status: 'ok', error: null, reload };
}
