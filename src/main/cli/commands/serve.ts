/**
 * `intseg serve`: the services and the built renderer over HTTP, for a browser tab (for example on a
 * GPU workstation reached through an SSH tunnel). Loopback by default, a random token always.
 */
import type { Command } from 'commander';
import { CliError, parseId, printJson, say, warn } from '../output';
import { openCliContext } from '../context';

interface ServeOptions {
  readonly host: string;
  readonly port: string;
  readonly json?: boolean;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the app to a browser tab on this machine (token-protected)')
    .option('--host <address>', 'address to bind; anything but loopback exposes your data to the network', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', '7280')
    .option('--json', 'print {"url", "token"} as one JSON line once listening')
    .action(async (options: ServeOptions, command: Command) => {
      const port = options.port === '0' ? 0 : parseId(options.port, '--port');
      if (port > 65535) throw new CliError(`--port must be at most 65535, got ${port}`, 2);
      const { isLoopbackHost } = await import('../../ipc/security');
      if (!isLoopbackHost(options.host)) {
        warn(`binding to ${options.host}: anyone who can reach this address and learns the token can read and change your projects`);
      }
      const context = await openCliContext(command, 'web');
      const { startWebServer } = await import('../../ipc/web-server');
      const { rendererDir } = await import('../../app/paths');
      let server;
      try {
        server = await startWebServer({
          router: context.router,
          events: context.events,
          assets: context.assets,
          rendererDir: rendererDir(),
          host: options.host,
          port,
          actor: context.actor,
        });
      } catch (error) {
        await context.close();
        const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${port} is in use; pass --port 0 or another port` : (error as Error).message;
        throw new CliError(reason);
      }
      if (options.json === true) printJson({ url: server.url, urlWithToken: server.urlWithToken, token: server.token, dataDir: context.dataDir });
      else {
        say(false, `IntSeg Studio is serving ${context.dataDir}`);
        say(false, `Open ${server.urlWithToken}`);
        say(false, 'Press Ctrl+C to stop.');
      }
      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await context.close();
    });
}
