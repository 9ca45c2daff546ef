/**
 * How the inference process is started. Node (CLI, serve, tests) forks a child process; the desktop app
 * uses Electron's utilityProcess (electron-launcher.ts). The host sees only WorkerHandle.
 */
import { fork } from 'node:child_process';
import type { HostMessage } from './protocol';

export interface WorkerHandle {
  readonly pid: number | undefined;
  send(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type WorkerLauncher = () => WorkerHandle;

/** Forks `workerPath` (the bundled inference-worker.mjs) with structured-clone IPC, so typed arrays cross without copies to JSON. */
export function nodeWorkerLauncher(workerPath: string, options: { readonly env?: NodeJS.ProcessEnv } = {}): WorkerLauncher {
  return () => {
    const child = fork(workerPath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...options.env },
      execArgv: [],
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code, signal) => listener(code, signal)),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
