/**
 * The web bridge: `window.api` for a browser tab served by `intseg serve`, where no preload exists.
 *
 * Transport contract (the server side is src/main/ipc/web-server.ts):
 * - requests: `POST /api/invoke/<channel>` with a JSON body, same origin; the auth cookie is HttpOnly
 *   and set by the server, so the page never sees the token. The response body is the Result JSON.
 *   A non-JSON answer (401 text, proxy error page) becomes an error value naming the HTTP status.
 * - events: one WebSocket at `/api/events` (ws: or wss: after the page's scheme); each message is
 *   `{"channel": "...", "payload": ...}`. When it drops, it reconnects with capped exponential backoff
 *   and jitter, and reports its state so the UI can show a connection indicator.
 * - assets: `/assets/image/<id>` and `/assets/thumb/<id>`.
 *
 * Every browser facility is injected (fetch, WebSocket, timers, location), so tests drive it without a DOM.
 */
import type { ApiBridge } from '../../../shared/ipc/bridge';
import { isEventChannel, type AssetKind, type EventChannel, type RequestChannel } from '../../../shared/ipc/channels';
import type { ErrorCode, Result } from '../../../shared/result';

/** `connecting`: first attempt; `open`: events flow; `reconnecting`: dropped, a retry is scheduled or under way. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionMonitor {
  readonly state: () => ConnectionState;
  /** Called on every state change; returns the unsubscribe function. */
  readonly onChange: (listener: (state: ConnectionState) => void) => () => void;
}

/** What the bridge needs to hear from a WebSocket (a close always follows an error, so errors are not needed). */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}

export interface SocketHandle {
  close(): void;
}

export interface WebBridgeEnvironment {
  readonly fetch: (url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'same-origin' }) => Promise<{
    readonly status: number;
    text(): Promise<string>;
  }>;
  /** Opens a WebSocket and wires its events to the handlers. */
  readonly openSocket: (url: string, handlers: SocketHandlers) => SocketHandle;
  /** The page's location: `protocol` is `http:` or `https:`, `host` includes the port. */
  readonly location: { readonly protocol: string; readonly host: string };
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  /** In [0, 1); used for reconnect jitter. */
  readonly random: () => number;
}

export interface WebBridge extends ApiBridge {
  readonly connection: ConnectionMonitor;
  /** Closes the socket and stops reconnecting. */
  dispose(): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

/**
 * Delay before reconnect attempt number `attempt` (0 for the first retry): doubles from 500 ms up to
 * 15 s, then multiplied by a jitter factor in [0.5, 1) so that many tabs do not reconnect in step.
 */
export function reconnectDelay(attempt: number, random: number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, Math.min(attempt, 16)));
  return Math.round(base * (0.5 + 0.5 * Math.min(Math.max(random, 0), 1)));
}

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function statusCode(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 400 || status === 415) return 'invalid_input';
  return 'internal';
}

/** A Result body, checked only for its outer shape; the client validates the value against the contract. */
function isResultShape(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error && typeof error.message === 'string';
}

export function createWebBridge(environment: WebBridgeEnvironment): WebBridge {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketHandle | null = null;
  let attempt = 0;
  let retryHandle: unknown = null;
  let disposed = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || !('channel' in message) || !('payload' in message)) return;
    const channel = message.channel;
    if (!isEventChannel(channel)) return;
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(message.payload);
  }

  function connect(): void {
    if (disposed) return;
    const scheme = environment.location.protocol === 'https:' ? 'wss:' : 'ws:';
    let opened: SocketHandle | null = null;
    try {
      opened = environment.openSocket(`${scheme}//${environment.location.host}/api/events`, {
        onOpen() {
          if (socket !== opened) return;
          attempt = 0;
          setState('open');
        },
        onMessage(data) {
          if (socket === opened) dispatch(data);
        },
        onClose() {
          if (socket !== opened) return;
          socket = null;
          scheduleReconnect();
        },
      });
    } catch {
      scheduleReconnect();
      return;
    }
    socket = opened;
  }

  function scheduleReconnect(): void {
    if (disposed) return;
    setState('reconnecting');
    const delay = reconnectDelay(attempt, environment.random());
    attempt += 1;
    retryHandle = environment.setTimeout(() => {
      retryHandle = null;
      connect();
    }, delay);
  }

  connect();

  return {
    transport: 'web',
    async invoke(channel: RequestChannel, input: unknown): Promise<Result<unknown>> {
      let response: { readonly status: number; text(): Promise<string> };
      try {
        response = await environment.fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch (thrown) {
        return failure('internal', `cannot reach the IntSeg server (${thrown instanceof Error ? thrown.message : String(thrown)})`);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (thrown) {
        return failure('internal', `the connection dropped while reading the answer to ${channel} (${String(thrown)})`);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        const detail = text.trim().slice(0, 300) || 'an empty body';
        return failure(statusCode(response.status), `server answered ${channel} with HTTP ${response.status}: ${detail}`);
      }
      if (!isResultShape(body)) {
        return failure('internal', `server answered ${channel} with HTTP ${response.status} and JSON that is not a Result`);
      }
      return body;
    },
    on(channel: EventChannel, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      return () => {
        listeners.get(channel)?.delete(listener);
      };
    },
    assetUrl(kind: AssetKind, id: number): string {
      return `/assets/${kind}/${id}`;
    },
    connection: {
      state: () => state,
      onChange(listener) {
        stateListeners.add(listener);
        return () => {
          stateListeners.delete(listener);
        };
      },
    },
    dispose() {
      disposed = true;
      if (retryHandle !== null) environment.clearTimeout(retryHandle);
      const current = socket;
      socket = null;
      current?.close();
    },
  };
}
