/**
 * The inference process under Electron: a utilityProcess (a Node-enabled child that Electron manages),
 * so a crashed or out-of-memory model never takes the window or the database with it.
 */
import { utilityProcess } from 'electron';
import type { WorkerLauncher } from './process/launcher';

export function electronWorkerLauncher(workerPath: string): WorkerLauncher {
  return () => {
    const child = utilityProcess.fork(workerPath, [], { serviceName: 'IntSeg inference', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code, null)),
      kill: () => {
        child.kill();
      },
    };
  };
}
