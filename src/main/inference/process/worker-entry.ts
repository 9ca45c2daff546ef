/**
 * Entry of the inference process. Under Electron it is a utilityProcess (messages through
 * process.parentPort); under Node it is a forked child (process.send). It owns every model session.
 */
import { runWorker, type WorkerChannel } from './worker';
import { handleRequest } from './handle-request';
import { loadModelPack } from '../packs/pack-loader';
import { PORT_NAMES, type PortName } from '../../../core/ports';

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function channel(): WorkerChannel {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort !== undefined) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      exit: (code) => process.exit(code),
    };
  }
  if (process.send === undefined) {
    process.stderr.write('the inference process must be started by IntSeg Studio (no IPC channel)\n');
    process.exit(2);
  }
  return {
    send: (message) => process.send?.(message),
    onMessage: (listener) => process.on('message', listener),
    exit: (code) => process.exit(code),
  };
}

// The host going away (app quit, CLI killed) must not leave model sessions running.
process.on('disconnect', () => process.exit(0));

runWorker(channel(), handleRequest, (packDir, ports: readonly PortName[]) => loadModelPack(packDir, { ports: ports.length > 0 ? ports : PORT_NAMES }));
