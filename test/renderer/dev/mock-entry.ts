/**
 * Development page entry: installs the mock bridge as `window.api`, then starts the real renderer.
 * Query: ?desktop=1 pretends to be Electron (native pickers); ?latency=ms slows every answer.
 */
import { createMockBridge } from './mock-bridge';

const params = new URLSearchParams(window.location.search);
Object.defineProperty(window, 'api', {
  value: createMockBridge({ canPickPaths: params.get('desktop') === '1', latency: Number(params.get('latency') ?? '40') }),
  configurable: false,
  writable: false,
});
await import('../../../src/renderer/src/main');
