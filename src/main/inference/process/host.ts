/**
 * The inference host, in main: starts the inference process on first use, sends it requests, streams
 * their progress, forwards cancellation, and starts a fresh process after a crash. A request in flight
 * when the process dies fails with a `model_error` whose details say `crashed: true`, so a run can record
 * the image as failed and go on with the next one on a new process.
 */
import { AppError } from '../../../shared/result';
import type { CancelToken } from '../../../core/cancel';
import { WorkerMessage, type InferenceRequest, type StageProgress } from './protocol';
import type { WorkerHandle, WorkerLauncher } from './launcher';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: AppError) => void;
  readonly onProgress: ((progress: StageProgress) => void) | undefined;
  readonly description: string;
}

export interface RequestOptions {
  readonly onProgress?: (progress: StageProgress) => void;
  readonly cancel?: CancelToken;
}

export interface CrashReport {
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: string | null;
  readonly inFlight: readonly string[];
}

export class InferenceHost {
  private worker: WorkerHandle | null = null;
  private ready: Promise<WorkerHandle> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;
  private readonly crashListeners = new Set<(report: CrashReport) => void>();
  private crashes = 0;

  constructor(private readonly launcher: WorkerLauncher) {}

  /** The process id of the running inference process, if one runs (tests and diagnostics). */
  get pid(): number | undefined {
    return this.worker?.pid;
  }

  /** How many times the process died under the host. */
  get crashCount(): number {
    return this.crashes;
  }

  onCrash(listener: (report: CrashReport) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  /** Sends a request and resolves with its value; rejects with AppError (cancelled, model_error, ...). */
  async request<T>(request: InferenceRequest, options: RequestOptions = {}): Promise<T> {
    if (this.closing) throw new AppError('cancelled', 'the inference host is shutting down');
    if (options.cancel?.cancelled === true) throw new AppError('cancelled', options.cancel.reason ?? 'cancelled');
    const worker = await this.start();
    const id = this.nextId++;
    const description = request.type === 'int' ? `segmenting ${request.imagePath}` : request.type === 'load-pack' ? `loading ${request.packDir}` : request.type;
    return new Promise<T>((resolve, reject) => {
      const stopListening = options.cancel?.onCancel(() => worker.send({ kind: 'cancel', id }));
      this.pending.set(id, {
        resolve: (value) => {
          stopListening?.();
          resolve(value as T);
        },
        reject: (error) => {
          stopListening?.();
          reject(error);
        },
        onProgress: options.onProgress,
        description,
      });
      worker.send({ kind: 'request', id, request });
    });
  }

  /** Stops the process (after the current request is answered or failed). */
  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (worker === null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        worker.kill();
        resolve();
      }, 5000);
      worker.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      worker.send({ kind: 'shutdown' });
    });
  }

  private start(): Promise<WorkerHandle> {
    if (this.ready !== null) return this.ready;
    this.ready = new Promise<WorkerHandle>((resolve, reject) => {
      let worker: WorkerHandle;
      try {
        worker = this.launcher();
      } catch (error) {
        this.ready = null;
        reject(new AppError('model_error', `the inference process could not be started: ${(error as Error).message}`));
        return;
      }
      this.worker = worker;
      let isReady = false;
      worker.onMessage((raw) => {
        const parsed = WorkerMessage.safeParse(raw);
        if (!parsed.success) {
          console.error('inference process sent a malformed message; restarting it');
          worker.kill();
          return;
        }
        const message = parsed.data;
        if (message.kind === 'ready') {
          isReady = true;
          resolve(worker);
          return;
        }
        const pending = this.pending.get(message.id);
        if (pending === undefined) return;
        if (message.kind === 'progress') {
          pending.onProgress?.(message.progress);
          return;
        }
        this.pending.delete(message.id);
        if (message.ok) pending.resolve(message.value);
        else {
          const error = message.error ?? { code: 'internal', message: 'the inference process failed without a reason' };
          pending.reject(new AppError(error.code as AppError['code'], error.message, error.details));
        }
      });
      worker.onExit((code, signal) => {
        const inFlight = [...this.pending.values()].map((entry) => entry.description);
        this.worker = null;
        this.ready = null;
        if (!isReady) reject(new AppError('model_error', `the inference process exited while starting (code ${code}, signal ${signal})`));
        if (this.closing) {
          for (const entry of this.pending.values()) entry.reject(new AppError('cancelled', 'the inference host shut down'));
          this.pending.clear();
          return;
        }
        this.crashes += 1;
        const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
        for (const entry of this.pending.values()) {
          entry.reject(new AppError('model_error', `the inference process stopped (${how}) while ${entry.description}; it will be restarted`, { crashed: true }));
        }
        this.pending.clear();
        for (const listener of this.crashListeners) listener({ pid: worker.pid, code, signal, inFlight });
      });
    });
    return this.ready;
  }
}
