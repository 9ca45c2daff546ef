/** React bindings over the api client: a request as state, an event subscription, the connection state. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EventChannel, RequestChannel } from '../../../shared/ipc/channels';
import type { EventPayload, RequestInput, RequestOutput } from '../../../shared/ipc/contract';
import type { AppErrorShape, Result } from '../../../shared/result';
import { call, connectionState, onConnectionChange, subscribe, type ConnectionState } from './client';

export interface RequestState<T> {
  /** `loading` until the answer for the current input arrives; a reload keeps showing the last value. */
  readonly status: 'loading' | 'ok' | 'error';
  readonly value: T | undefined;
  readonly error: AppErrorShape | null;
  /** Asks again with the same input (after an event, or from a Retry button). */
  readonly reload: () => void;
}

interface Settled<T> {
  readonly key: string;
  readonly generation: number;
  readonly result: Result<T>;
}

/**
 * Calls `channel` with `input` whenever the input changes (compared as JSON) and on reload().
 * `input` null means "not yet" (a missing id): nothing is sent and the state stays loading.
 */
export function useRequest<K extends RequestChannel>(channel: K, input: RequestInput<K> | null): RequestState<RequestOutput<K>> {
  const key = input === null ? '' : `${channel} ${JSON.stringify(input)}`;
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<RequestOutput<K>> | null>(null);
  const inputRef = useRef(input);
  useEffect(() => {
    inputRef.current = input;
  });

  useEffect(() => {
    const current = inputRef.current;
    if (current === null) return;
    let live = true;
    void call(channel, current).then((result) => {
      if (live) setSettled({ key, generation, result });
    });
    return () => {
      live = false;
    };
  }, [channel, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const sameKey = settled !== null && settled.key === key && key !== '';
  const last = sameKey && settled.result.ok ? settled.result.value : undefined;
  if (!sameKey || settled.generation !== generation) {
    return { status: 'loading', value: last, error: null, reload };
  }
  return settled.result.ok
    ? { status: 'ok', value: settled.result.value, error: null, reload }
    : { status: 'error', value: undefined, error: settled.result.error, reload };
}

/** Subscribes to an event channel for the component's lifetime; the latest listener is always used. */
export function useEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const listenerRef = useRef(listener);
  useEffect(() => {
    listenerRef.current = listener;
  });
  useEffect(() => subscribe(event, (payload) => listenerRef.current(payload)), [event]);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(onConnectionChange, connectionState);
}
