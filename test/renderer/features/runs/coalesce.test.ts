import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from '../../../../src/renderer/src/features/runs/coalesce';

const timers = {
  setTimeout: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('event coalescer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a burst of events into one call after the delay', async () => {
    const call = vi.fn();
    const coalescer = createCoalescer(call, 300, timers);
    for (let i = 0; i < 25; i++) coalescer.request();
    expect(call).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('calls once more when events arrive during a call, never twice at a time', async () => {
    let finish: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const call = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          running += 1;
          most = Math.max(most, running);
          finish = () => {
            running -= 1;
            resolve();
          };
        }),
    );
    const coalescer = createCoalescer(call, 100, timers);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(call).toHaveBeenCalledTimes(1);
    coalescer.request();
    coalescer.request();
    await vi.advanceTimersByTimeAsync(500);
    expect(call).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(call).toHaveBeenCalledTimes(2);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(call).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('drops a pending call when disposed', async () => {
    const call = vi.fn();
    const coalescer = createCoalescer(call, 100, timers);
    coalescer.request();
    coalescer.dispose();
    coalescer.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(call).not.toHaveBeenCalled();
  });

  it('keeps going after a failed call', async () => {
    const call = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const coalescer = createCoalescer(call, 50, timers);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(50);
    coalescer.request();
    await vi.advanceTimersByTimeAsync(50);
    expect(call).toHaveBeenCalledTimes(2);
  });
});
