// Starts `intseg serve` (the built CLI) on a temporary data folder and a free port, as a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface ServeProcess {
  readonly url: string;
  readonly urlWithToken: string;
  readonly token: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');

export async function startServe(dataDir: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'intseg.mjs'), '--data', dataDir, 'serve', '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`intseg serve printed nothing in 30 s; stderr: ${stderr}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`intseg serve exited with ${code}; stderr: ${stderr}`));
    });
  });
  const info = JSON.parse(first) as { url: string; urlWithToken: string; token: string };
  return {
    ...info,
    dataDir,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
