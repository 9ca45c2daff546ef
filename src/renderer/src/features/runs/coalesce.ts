/**
 * Many events, one request: a run emits `runs.changed` after every image and the job reports every
 * stage, so views that refetch on events go through a coalescer. The first event in a quiet period
 * schedules one call `delayMs` later; events until then join it; an event during the call schedules
 * one more after it. At most one call runs at a time and none is lost.
 */

export interface Timers {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

export interface Coalescer {
  /** Asks for a call soon. */
  readonly request: () => void;
  /** Drops a pending call (the view went away). */
  readonly dispose: () => void;
}

export function createCoalescer(call: () => Promise<void> | void, delayMs: number, timers: Timers): Coalescer {
  let timer: unknown = null;
  let running = false;
  let again = false;
  let disposed = false;

  const fire = (): void => {
    timer = null;
    if (disposed) return;
    running = true;
    void Promise.resolve()
      .then(call)
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again && !disposed) {
          again = false;
          schedule();
        }
      });
  };

  const schedule = (): void => {
    if (timer === null) timer = timers.setTimeout(fire, delayMs);
  };

  return {
    request() {
      if (disposed) return;
      if (running) again = true;
      else schedule();
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
