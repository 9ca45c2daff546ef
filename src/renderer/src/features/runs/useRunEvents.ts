/** React side of the coalescer: run a callback (at most every `delayMs`) after matching `runs.changed` events. */
import { useEffect, useRef } from 'react';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { subscribe } from '../../api/client';
import { createCoalescer } from './coalesce';

export type RunChanged = EventPayload<'runs.changed'>;

const browserTimers = {
  setTimeout: (callback: () => void, ms: number): unknown => window.setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => window.clearTimeout(typeof handle === 'number' ? handle : undefined),
};

/** Calls `onChange` (coalesced) after each `runs.changed` that `matches`; the latest callbacks are always used. */
export function useRunChanges(matches: (event: RunChanged) => boolean, onChange: () => void, delayMs = 300): void {
  const latest = useRef({ matches, onChange });
  useEffect(() => {
    latest.current = { matches, onChange };
  });
  useEffect(() => {
    const coalescer = createCoalescer(() => latest.current.onChange(), delayMs, browserTimers);
    const stop = subscribe('runs.changed', (event) => {
      if (latest.current.matches(event)) coalescer.request();
    });
    return () => {
      stop();
      coalescer.dispose();
    };
  }, [delayMs]);
}
