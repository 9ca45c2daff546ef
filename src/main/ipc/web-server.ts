/**
 * The web bridge of `intseg serve`: the same services over HTTP (requests) and WebSocket (events),
 * plus the built renderer and the project images by id.
 *
 * Security model:
 * - bound to 127.0.0.1 unless told otherwise; a non-loopback bind is allowed but warned about by the caller;
 * - a random token is required on every request: given once as `/?token=...`, exchanged for an
 *   HttpOnly, SameSite=Strict cookie, or sent as `Authorization: Bearer <token>` by scripts;
 * - on a loopback bind the Host header must name a loopback host (defeats DNS rebinding);
 * - requests that carry an Origin must come from this server's own origin (defeats CSRF and
 *   cross-site WebSocket hijacking);
 * - static files are served only from inside the renderer build folder; images only by id.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isAssetKind, isRequestChannel } from '../../shared/ipc/channels';
import { err } from '../../shared/result';
import type { Router } from './router';
import type { EventBus } from './events';
import type { AssetResolver } from './assets';
import { contentSecurityPolicy, isLoopbackHost, SECURITY_HEADERS } from './security';

export interface WebServerOptions {
  readonly router: Router;
  readonly events: EventBus;
  readonly assets: AssetResolver;
  /** Folder of the built renderer (index.html and its assets). */
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  /** Random when not given. */
  readonly token?: string;
  readonly actor: string;
}

export interface RunningWebServer {
  readonly url: string;
  /** The URL to open once: it carries the token. */
  readonly urlWithToken: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const COOKIE_NAME = 'intseg_token';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? generateToken();
  const loopbackBind = isLoopbackHost(options.host);
  const rendererRoot = await realpath(resolve(options.rendererDir)).catch(() => {
    throw new Error(`renderer build not found at ${options.rendererDir}: run "npm run build" first`);
  });
  let port = options.port;
  const origins = (): string[] => {
    const names = loopbackBind ? ['127.0.0.1', 'localhost', '[::1]'] : [options.host.includes(':') ? `[${options.host}]` : options.host];
    return names.map((name) => `http://${name}:${port}`);
  };

  function hostAllowed(request: IncomingMessage): boolean {
    if (!loopbackBind) return true;
    const host = request.headers.host ?? '';
    const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
    return isLoopbackHost(name);
  }

  function originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (loopbackBind) return origins().includes(origin);
    return origin === `http://${request.headers.host ?? ''}`;
  }

  function authenticated(request: IncomingMessage): boolean {
    const cookie = readCookie(request, COOKIE_NAME);
    if (cookie !== null && tokensEqual(cookie, token)) return true;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ') === true && tokensEqual(authorization.slice(7), token)) return true;
    return false;
  }

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      sendText(response, 400, 'malformed path');
      return;
    }
    if (decoded.includes('\0')) {
      sendText(response, 400, 'malformed path');
      return;
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const candidate = resolve(rendererRoot, relative);
    if (candidate !== rendererRoot && !candidate.startsWith(rendererRoot + sep)) {
      sendText(response, 403, 'outside the renderer build');
      return;
    }
    let real: string;
    try {
      real = await realpath(candidate);
      if (!(await stat(real)).isFile()) throw new Error('not a file');
    } catch {
      sendText(response, 404, 'not found');
      return;
    }
    if (real !== rendererRoot && !real.startsWith(rendererRoot + sep)) {
      sendText(response, 403, 'outside the renderer build');
      return;
    }
    const body = await readFile(real);
    const extension = extname(real).toLowerCase();
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Content-Type': MIME_TYPES[extension] ?? 'application/octet-stream',
      'Cache-Control': extension === '.html' ? 'no-store' : 'private, max-age=3600',
    };
    if (extension === '.html') {
      // 'self' covers the event WebSocket of the same origin (CSP level 3); IPv6 literals are not valid sources.
      headers['Content-Security-Policy'] = contentSecurityPolicy({ connectSources: [], imageSources: [] });
    }
    response.writeHead(200, headers);
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hostAllowed(request)) {
      sendText(response, 403, 'this server answers only to a loopback host name');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const givenToken = url.searchParams.get('token');
    if (givenToken !== null) {
      if (!tokensEqual(givenToken, token)) {
        sendText(response, 401, 'wrong token: open the URL that "intseg serve" printed');
        return;
      }
      url.searchParams.delete('token');
      const rest = url.searchParams.toString();
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${COOKIE_NAME}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + (rest === '' ? '' : `?${rest}`),
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    if (!authenticated(request)) {
      sendText(response, 401, 'a token is required: open the URL that "intseg serve" printed');
      return;
    }
    if (!originAllowed(request)) {
      sendText(response, 403, 'cross-origin requests are refused');
      return;
    }

    if (url.pathname.startsWith('/api/invoke/')) {
      if (request.method !== 'POST') {
        sendText(response, 405, 'use POST');
        return;
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        sendJson(response, 415, err('invalid_input', 'expected a JSON body (Content-Type: application/json)'));
        return;
      }
      const channel = url.pathname.slice('/api/invoke/'.length);
      if (!isRequestChannel(channel)) {
        sendJson(response, 404, err('not_found', `unknown request channel ${JSON.stringify(channel)}`));
        return;
      }
      let input: unknown;
      try {
        const text = await readBody(request);
        input = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
      } catch (error) {
        sendJson(response, 400, err('invalid_input', `request body is not valid JSON: ${(error as Error).message}`));
        return;
      }
      const result = await options.router.call(channel, input, { transport: 'web', actor: options.actor });
      sendJson(response, 200, result);
      return;
    }

    const assetMatch = /^\/assets\/([a-z]+)\/(\d+)$/.exec(url.pathname);
    if (assetMatch !== null && request.method === 'GET') {
      const [, kind, idText] = assetMatch;
      const id = Number(idText);
      if (!isAssetKind(kind) || !Number.isSafeInteger(id) || id <= 0) {
        sendText(response, 404, 'not found');
        return;
      }
      try {
        const asset = await options.assets(kind, id);
        if (asset === null) {
          sendText(response, 404, `no ${kind} with id ${id}`);
          return;
        }
        response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.contentType, 'Cache-Control': 'private, max-age=60' });
        response.end(asset.body);
      } catch (error) {
        sendText(response, 410, (error as Error).message);
      }
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'method not allowed');
      return;
    }
    await serveStatic(url.pathname, response);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `internal error: ${(error as Error).message}`);
      else response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/api/events' || !hostAllowed(request) || !authenticated(request) || !originAllowed(request)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      client.on('message', () => client.close(1008, 'this socket only sends events'));
    });
  });
  const unsubscribe = options.events.subscribe((channel, payload) => {
    const message = JSON.stringify({ channel, payload });
    for (const client of clients) if (client.readyState === client.OPEN) client.send(message);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const base = `http://${displayHost}:${port}`;

  return {
    url: `${base}/`,
    urlWithToken: `${base}/?token=${token}`,
    token,
    port,
    async close() {
      unsubscribe();
      for (const client of clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}

