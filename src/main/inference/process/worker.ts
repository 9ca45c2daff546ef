/**
 * The inference process's message loop. Requests run one at a time, in arrival order, so every model
 * session serves one request at a time; a cancel message stops the running request between INT stages
 * or drops a queued one. Loaded packs are kept by folder; loading another pack disposes the others, so
 * one process never holds two packs' sessions.
 */
import { CancelSource, CancelledError } from '../../../core/cancel';
import { toErrorShape } from '../../../shared/result';
import type { PortName } from '../../../core/ports';
import type { LoadedPack } from '../packs/pack-loader';
import { HostMessage, type InferenceRequest, type WorkerMessage } from './protocol';

export type PackLoader = (packDir: string, ports: readonly PortName[]) => Promise<LoadedPack>;

export interface WorkerChannel {
  send(message: WorkerMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  exit(code: number): void;
}

export type RequestHandler = (
  request: InferenceRequest,
  context: { readonly cancel: CancelSource; readonly packs: PackCache; readonly progress: (progress: { iteration: number; iterations: number; stage: string; fraction: number }) => void },
) => Promise<unknown>;

/** Packs loaded in this process, by folder. */
export class PackCache {
  private readonly loaded = new Map<string, { ports: Set<PortName>; pack: Promise<LoadedPack> }>();

  constructor(private readonly loader: PackLoader) {}

  async get(packDir: string, ports: readonly PortName[]): Promise<LoadedPack> {
    const entry = this.loaded.get(packDir);
    if (entry !== undefined && ports.every((port) => entry.ports.has(port))) return entry.pack;
    await this.disposeAll();
    const pack = this.loader(packDir, ports);
    this.loaded.set(packDir, { ports: new Set(ports), pack });
    try {
      return await pack;
    } catch (error) {
      this.loaded.delete(packDir);
      throw error;
    }
  }

  async disposeAll(): Promise<void> {
    const entries = [...this.loaded.values()];
    this.loaded.clear();
    for (const entry of entries) {
      try {
        await (await entry.pack).dispose();
      } catch {
        // a pack that failed to load has nothing to dispose
      }
    }
  }
}

export function runWorker(channel: WorkerChannel, handle: RequestHandler, loader: PackLoader): void {
  const packs = new PackCache(loader);
  const queue: { id: number; request: InferenceRequest; cancel: CancelSource }[] = [];
  const cancels = new Map<number, CancelSource>();
  let busy = false;

  async function pump(): Promise<void> {
    if (busy) return;
    const next = queue.shift();
    if (next === undefined) return;
    busy = true;
    const { id, request, cancel } = next;
    try {
      if (cancel.cancelled) throw new CancelledError(cancel.reason);
      const value = await handle(request, { cancel, packs, progress: (progress) => channel.send({ kind: 'progress', id, progress }) });
      channel.send({ kind: 'response', id, ok: true, value });
    } catch (error) {
      channel.send({ kind: 'response', id, ok: false, error: toErrorShape(error) });
    } finally {
      cancels.delete(id);
      busy = false;
      void pump();
    }
  }

  channel.onMessage((raw) => {
    const parsed = HostMessage.safeParse(raw);
    if (!parsed.success) {
      console.error(`inference process: ignoring a malformed message: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const message = parsed.data;
    if (message.kind === 'request') {
      const cancel = new CancelSource();
      cancels.set(message.id, cancel);
      queue.push({ id: message.id, request: message.request, cancel });
      void pump();
    } else if (message.kind === 'cancel') {
      cancels.get(message.id)?.cancel('cancelled by the host');
    } else {
      for (const cancel of cancels.values()) cancel.cancel('the inference process is shutting down');
      void packs.disposeAll().finally(() => channel.exit(0));
    }
  });
  channel.send({ kind: 'ready', pid: process.pid });
}
