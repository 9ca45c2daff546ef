import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openAppContext, type AppContext } from '../../../src/main/app/context';
import { startWebServer, type RunningWebServer } from '../../../src/main/ipc/web-server';

/** Raw HTTP so that Host and Origin can be set freely (fetch forbids them). */
function rawRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('intseg serve web bridge', () => {
  let root: string;
  let context: AppContext;
  let server: RunningWebServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'intseg-web-'));
    const renderer = join(root, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
    context = await openAppContext({ dataDir: join(root, 'data'), transport: 'web' });
    server = await startWebServer({ router: context.router, events: context.events, assets: context.assets, rendererDir: renderer, host: '127.0.0.1', port: 0, actor: 'test' });
    auth = { Authorization: `Bearer ${server.token}` };
  });

  afterAll(async () => {
    await server.close();
    await context.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('requires the token on every request', async () => {
    expect((await rawRequest(server.port, '/')).status).toBe(401);
    expect((await rawRequest(server.port, '/api/invoke/projects.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await rawRequest(server.port, '/?token=wrong')).status).toBe(401);
    expect((await rawRequest(server.port, '/', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('exchanges the token URL for an HttpOnly, SameSite=Strict cookie and a clean URL', async () => {
    const response = await rawRequest(server.port, `/?token=${server.token}`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await rawRequest(server.port, '/', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers only to loopback host names and refuses foreign origins', async () => {
    expect((await rawRequest(server.port, '/', { headers: { ...auth, Host: 'evil.example:80' } })).status).toBe(403);
    const foreign = await rawRequest(server.port, '/api/invoke/projects.list', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const same = await rawRequest(server.port, '/api/invoke/projects.list', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${server.port}` },
      body: '{}',
    });
    expect(same.status).toBe(200);
  });

  it('serves nothing outside the renderer build', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/link.txt', '/%00', '/assets/missing.js']) {
      const response = await rawRequest(server.port, path, { headers: auth });
      expect([400, 403, 404], path).toContain(response.status);
      expect(response.body).not.toContain('TOP SECRET');
    }
    expect((await rawRequest(server.port, '/assets/app.js', { headers: auth })).status).toBe(200);
    expect((await rawRequest(server.port, '/assets/image/999', { headers: auth })).status).toBe(404);
    expect((await rawRequest(server.port, '/assets/image/../../etc/passwd', { headers: auth })).status).not.toBe(200);
  });

  it('returns contract errors as values and rejects malformed bodies', async () => {
    const post = (body: string, contentType = 'application/json') =>
      rawRequest(server.port, '/api/invoke/projects.create', { method: 'POST', headers: { ...auth, 'Content-Type': contentType }, body });
    const invalid = await post(JSON.stringify({ name: '' }));
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const malformed = await post('{not json');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await post('{}', 'text/plain')).status).toBe(415);
    const created = await post(JSON.stringify({ name: 'Web', taskPrompt: 'polyp' }));
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Web' } });
  });

  it('streams events over an authenticated WebSocket only', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
    const refusal = await new Promise<string>((resolve) => {
      refused.on('error', (error) => resolve(error.message));
      refused.on('open', () => resolve('opened'));
    });
    expect(refusal).toMatch(/401/);

    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: auth });
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    });
    const message = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
    context.events.emit('projects.changed', { projectId: 7 });
    expect(JSON.parse(await message)).toEqual({ channel: 'projects.changed', payload: { projectId: 7 } });
    socket.close();
  });
});
