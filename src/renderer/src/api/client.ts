/**
 * The renderer's one door to main. Only this file touches `window.api` (ESLint enforces it).
 *
 * - In Electron the sandboxed preload provides `window.api`.
 * - In a browser tab served by `intseg serve` there is no preload: the web bridge (HTTP + WebSocket)
 *   is built instead, so no other file can tell which transport it runs on.
 *
 * Every call resolves to a Result: failures (refused input, a lost connection, a response that does not
 * match the contract) are values the UI shows, never thrown and lost. Responses and event payloads are
 * checked against the contract's schemas, so a drifted server shows up as a clear error, not a blank view.
 */
import type { z } from 'zod';
import type { ApiBridge } from '../../../shared/ipc/bridge';
import type { AssetKind, EventChannel, RequestChannel } from '../../../shared/ipc/channels';
import { events, requests, type EventPayload, type RequestInput, type RequestOutput } from '../../../shared/ipc/contract';
import { toErrorShape, type Result } from '../../../shared/result';
import { createWebBridge, type ConnectionState, type WebBridge } from './web-bridge';

export type { ConnectionState } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser tab. */
    readonly api?: ApiBridge;
  }
}

function browserBridge(): WebBridge {
  return createWebBridge({
    fetch: (url, init) => window.fetch(url, init),
    openSocket: (url, handlers) => {
      const socket = new WebSocket(url);
      socket.onopen = () => handlers.onOpen();
      socket.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
      socket.onclose = () => handlers.onClose();
      return socket;
    },
    location: window.location,
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(typeof handle === 'number' ? handle : undefined),
    random: Math.random,
  });
}

const webBridge: WebBridge | null = window.api === undefined ? browserBridge() : null;
const bridge: ApiBridge = window.api ?? (webBridge as WebBridge);

/** Which transport this window runs on: the desktop preload or the web bridge of `intseg serve`. */
export const transport: 'electron' | 'web' = bridge.transport;

function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length === 0 ? 'value' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
}

/** Sends one request; the output is the contract's output type, or the error as a value. */
export async function call<K extends RequestChannel>(channel: K, input: RequestInput<K>): Promise<Result<RequestOutput<K>>> {
  let raw: Result<unknown>;
  try {
    raw = await bridge.invoke(channel, input);
  } catch (thrown) {
    return { ok: false, error: toErrorShape(thrown) };
  }
  if (!raw.ok) return raw;
  const schema = requests[channel].output as unknown as z.ZodType<RequestOutput<K>>;
  const parsed = schema.safeParse(raw.value);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'internal', message: `the answer to ${channel} does not match the contract (${describeZodIssues(parsed.error)})` },
    };
  }
  return { ok: true, value: parsed.data };
}

/** Listens to one event channel; payloads that do not match the contract are dropped with a warning. */
export function subscribe<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const schema = events[event] as unknown as z.ZodType<EventPayload<E>>;
  return bridge.on(event, (payload) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
    else console.warn(`dropped a ${event} event that does not match the contract: ${describeZodIssues(parsed.error)}`);
  });
}

/** URL for an <img> or a canvas image: the full image or its thumbnail, by image id. */
export function assetUrl(kind: AssetKind, id: number): string {
  return bridge.assetUrl(kind, id);
}

/** State of the event stream. The desktop IPC cannot drop, so it is always `open` there. */
export function connectionState(): ConnectionState {
  return webBridge === null ? 'open' : webBridge.connection.state();
}

export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  return webBridge === null ? () => undefined : webBridge.connection.onChange(listener);
}
