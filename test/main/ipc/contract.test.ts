import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, EVENT_CHANNELS } from '../../../src/shared/ipc/channels';
import { events, requests } from '../../../src/shared/ipc/contract';
import { openAppContext, type AppContext } from '../../../src/main/app/context';
import { createHandlers } from '../../../src/main/ipc/handlers';

describe('the IPC contract', () => {
  let dataDir: string;
  let context: AppContext;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'intseg-contract-'));
    context = await openAppContext({ dataDir, transport: 'direct' });
  });

  afterEach(async () => {
    await context.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('declares a schema for every channel and a handler for every schema', () => {
    expect(Object.keys(requests).sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_CHANNELS].sort());
    const handlers = createHandlers({ storage: context.storage, services: context.services, jobs: context.jobs, dataDir, transport: 'direct', host: {} });
    expect(Object.keys(handlers).sort()).toEqual([...REQUEST_CHANNELS].sort());
    for (const channel of REQUEST_CHANNELS) expect(typeof handlers[channel]).toBe('function');
  });

  it('refuses an invalid payload with a clear error that names the field', async () => {
    const result = await context.router.call('projects.create', { name: '', taskPrompt: 42 }, context.callContext);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('invalid input for projects.create');
    expect(result.error.message).toContain('name: must not be empty');
    expect(result.error.message).toMatch(/taskPrompt: .*string/);
    expect(result.error.details).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ path: ['name'] })]) });
  });

  it('refuses unknown channels and unknown fields', async () => {
    const unknown = await context.router.call('projects.drop', {}, context.callContext);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'unknown request channel "projects.drop"' } });
    const extra = await context.router.call('projects.list', { sql: 'DROP TABLE projects' }, context.callContext);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('returns service errors as values, never as exceptions', async () => {
    const result = await context.router.call('projects.get', { projectId: 999 }, context.callContext);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const dialog = await context.router.call('app.pickPaths', { kind: 'folder' }, context.callContext);
    expect(dialog).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('creates a project with the task prompt as its default label and lists it with counts', async () => {
    const project = await context.router.invoke('projects.create', { name: 'Polyps', taskPrompt: 'polyp' }, context.callContext);
    expect(project.labels).toEqual([{ name: 'polyp', color: '#1f77b4' }]);
    const list = await context.router.invoke('projects.list', {}, context.callContext);
    expect(list).toEqual([expect.objectContaining({ id: project.id, name: 'Polyps', imageCount: 0 })]);
    const audit = context.storage.audit.list({ projectId: project.id });
    expect(audit.map((entry) => entry.action)).toContain('project.create');
  });
});
