import { describe, expect, it } from 'vitest';
import { createWebBridge, reconnectDelay, type SocketHandlers, type WebBridgeEnvironment } from '../../../src/renderer/src/api/web-bridge';

interface FakeSocket {
  readonly url: string;
  readonly handlers: SocketHandlers;
  closed: boolean;
}

interface Request {
  readonly url: string;
  readonly init: { method: string; headers: Record<string, string>; body: string; credentials: string };
}

function fakeEnvironment(options: { protocol?: string; respond?: (request: Request) => { status: number; body: string } | Error } = {}) {
  const sockets: FakeSocket[] = [];
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const requests: Request[] = [];
  const environment: WebBridgeEnvironment = {
    fetch: async (url, init) => {
      const request = { url, init };
      requests.push(request);
      const answer = options.respond?.(request) ?? { status: 200, body: JSON.stringify({ ok: true, value: { echoed: JSON.parse(init.body) } }) };
      if (answer instanceof Error) throw answer;
      return { status: answer.status, text: async () => answer.body };
    },
    openSocket: (url, handlers) => {
      const socket: FakeSocket = { url, handlers, closed: false };
      sockets.push(socket);
      return {
        close() {
          socket.closed = true;
        },
      };
    },
    location: { protocol: options.protocol ?? 'http:', host: '127.0.0.1:4321' },
    setTimeout: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
    random: () => 1,
  };
  return { environment, sockets, timers, requests };
}

describe('web bridge requests', () => {
  it('posts JSON to /api/invoke/<channel> on the same origin and returns the Result body', async () => {
    const { environment, requests } = fakeEnvironment();
    const bridge = createWebBridge(environment);
    const result = await bridge.invoke('projects.get', { projectId: 3 });
    expect(result).toEqual({ ok: true, value: { echoed: { projectId: 3 } } });
    expect(requests[0]?.url).toBe('/api/invoke/projects.get');
    expect(requests[0]?.init).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin' });
  });

  it('passes error Results through unchanged', async () => {
    const error = { code: 'invalid_input', message: 'bad', details: { issues: [{ path: ['name'], message: 'must not be empty' }] } };
    const { environment } = fakeEnvironment({ respond: () => ({ status: 200, body: JSON.stringify({ ok: false, error }) }) });
    expect(await createWebBridge(environment).invoke('projects.create', {})).toEqual({ ok: false, error });
  });

  it('turns a non-JSON answer into an error value naming the status', async () => {
    const { environment } = fakeEnvironment({ respond: () => ({ status: 401, body: 'a token is required' }) });
    const result = await createWebBridge(environment).invoke('projects.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', message: 'server answered projects.list with HTTP 401: a token is required' } });
  });

  it('turns JSON that is not a Result into an error value', async () => {
    const { environment } = fakeEnvironment({ respond: () => ({ status: 200, body: '{"hello": 1}' }) });
    const result = await createWebBridge(environment).invoke('projects.list', {});
    expect(result.ok).toBe(false);
  });

  it('turns a network failure into an error value', async () => {
    const { environment } = fakeEnvironment({ respond: () => new TypeError('Failed to fetch') });
    const result = await createWebBridge(environment).invoke('projects.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'cannot reach the IntSeg server (Failed to fetch)' } });
  });

  it('builds asset URLs on the same origin', () => {
    const bridge = createWebBridge(fakeEnvironment().environment);
    expect(bridge.assetUrl('image', 12)).toBe('/assets/image/12');
    expect(bridge.assetUrl('thumb', 7)).toBe('/assets/thumb/7');
    expect(bridge.transport).toBe('web');
  });
});

describe('web bridge events', () => {
  it('opens ws:// (or wss:// under https) at /api/events and dispatches by channel', () => {
    const { environment, sockets } = fakeEnvironment();
    const bridge = createWebBridge(environment);
    expect(sockets[0]?.url).toBe('ws://127.0.0.1:4321/api/events');
    const jobs: unknown[] = [];
    const changes: unknown[] = [];
    bridge.on('jobs.progress', (payload) => jobs.push(payload));
    const stop = bridge.on('projects.changed', (payload) => changes.push(payload));
    const socket = sockets[0];
    socket?.handlers.onOpen();
    socket?.handlers.onMessage(JSON.stringify({ channel: 'projects.changed', payload: { projectId: 1 } }));
    socket?.handlers.onMessage(JSON.stringify({ channel: 'jobs.progress', payload: { jobId: 2 } }));
    socket?.handlers.onMessage('not json');
    socket?.handlers.onMessage(JSON.stringify({ channel: 'unknown.event', payload: {} }));
    socket?.handlers.onMessage(JSON.stringify({ payload: {} }));
    stop();
    socket?.handlers.onMessage(JSON.stringify({ channel: 'projects.changed', payload: { projectId: 2 } }));
    expect(changes).toEqual([{ projectId: 1 }]);
    expect(jobs).toEqual([{ jobId: 2 }]);
  });

  it('uses wss under https', () => {
    const { environment, sockets } = fakeEnvironment({ protocol: 'https:' });
    createWebBridge(environment);
    expect(sockets[0]?.url).toBe('wss://127.0.0.1:4321/api/events');
  });

  it('reports its state and reconnects with growing delays after drops', () => {
    const { environment, sockets, timers } = fakeEnvironment();
    const bridge = createWebBridge(environment);
    const states: string[] = [];
    bridge.connection.onChange((state) => states.push(state));
    expect(bridge.connection.state()).toBe('connecting');
    sockets[0]?.handlers.onOpen();
    sockets[0]?.handlers.onClose();
    expect(bridge.connection.state()).toBe('reconnecting');
    expect(timers.map((timer) => timer.ms)).toEqual([500]);
    timers[0]?.callback();
    expect(sockets).toHaveLength(2);
    sockets[1]?.handlers.onClose();
    expect(timers.map((timer) => timer.ms)).toEqual([500, 1000]);
    timers[1]?.callback();
    sockets[2]?.handlers.onOpen();
    expect(states).toEqual(['open', 'reconnecting', 'open']);
    // after a good connection the delay starts small again
    sockets[2]?.handlers.onClose();
    expect(timers[2]?.ms).toBe(500);
  });

  it('ignores events from a socket it has replaced, and stops on dispose', () => {
    const { environment, sockets, timers } = fakeEnvironment();
    const bridge = createWebBridge(environment);
    const changes: unknown[] = [];
    bridge.on('projects.changed', (payload) => changes.push(payload));
    sockets[0]?.handlers.onClose();
    timers[0]?.callback();
    sockets[0]?.handlers.onMessage(JSON.stringify({ channel: 'projects.changed', payload: { projectId: 1 } }));
    expect(changes).toEqual([]);
    bridge.dispose();
    expect(sockets[1]?.closed).toBe(true);
    sockets[1]?.handlers.onClose();
    expect(timers).toHaveLength(1);
  });
});

describe('reconnectDelay', () => {
  it('doubles from 500 ms, caps at 15 s, and applies jitter in [0.5, 1]', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10, 40].map((attempt) => reconnectDelay(attempt, 1))).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
    expect(reconnectDelay(0, 0)).toBe(250);
    expect(reconnectDelay(3, 0.5)).toBe(3000);
  });
});
