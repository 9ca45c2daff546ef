import { copyFileSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importImages } from '../../../../src/main/services/images/import-images';
import { verifyImages } from '../../../../src/main/services/images/verify-images';
import { openTempStorage, type TempStorage } from '../../storage/helpers/temp-storage';
import { fixture, makeFolder } from './helpers';

describe('verifyImages', () => {
  let temp: TempStorage;
  let projectId: number;
  let folder: string;
  beforeEach(async () => {
    temp = openTempStorage();
    projectId = temp.storage.projects.create({ name: 'p', taskPrompt: 'object' }, 'user:ana').id;
    folder = makeFolder({ 'a.png': 'pattern.png', 'b.jpg': 'pattern.jpg', 'c.webp': 'pattern.webp', 'd.tiff': 'pattern.tiff' });
    await importImages(temp.storage, projectId, [folder], { actor: 'user:ana' });
  });
  afterEach(() => {
    temp.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  const imageAt = (name: string) => {
    const image = temp.storage.images.findByPath(projectId, join(folder, name));
    if (image === null) throw new Error(`no image ${name}`);
    return image;
  };

  it('reports nothing when every file is in place', async () => {
    expect(await verifyImages(temp.storage, projectId)).toEqual({ checked: 4, missing: [], changed: [], restored: [] });
  });

  it('marks moved files missing and changed files changed, keeps touched files, and never throws', async () => {
    temp.storage.images.setStatus(imageAt('a.png').id, 'approved', 'user:ana');
    renameSync(join(folder, 'a.png'), join(folder, 'moved.png'));
    copyFileSync(fixture('rgba.png'), join(folder, 'b.jpg'));
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(folder, 'c.webp'), later, later);
    rmSync(join(folder, 'd.tiff'));

    const report = await verifyImages(temp.storage, projectId, { actor: 'user:ana' });
    expect(report.checked).toBe(4);
    expect(report.missing).toEqual([
      { path: join(folder, 'a.png'), reason: 'file not found (moved or deleted)' },
      { path: join(folder, 'd.tiff'), reason: 'file not found (moved or deleted)' },
    ]);
    expect(report.changed).toEqual([{ path: join(folder, 'b.jpg'), reason: expect.stringMatching(/^content changed \(size \d+ -> \d+ bytes\)$/) }]);
    expect(imageAt('a.png')).toMatchObject({ status: 'missing', previousStatus: 'approved' });
    expect(imageAt('b.jpg').status).toBe('changed');
    expect(imageAt('c.webp')).toMatchObject({ status: 'new', mtimeMs: Math.round(later.getTime()) });
    expect(temp.storage.audit.list({ projectId }).filter((e) => e.action === 'image.missing')).toHaveLength(2);
  });

  it('gives a file that is back its workflow status again', async () => {
    temp.storage.images.setStatus(imageAt('a.png').id, 'approved', 'user:ana');
    renameSync(join(folder, 'a.png'), join(folder, 'away.png'));
    await verifyImages(temp.storage, projectId);
    renameSync(join(folder, 'away.png'), join(folder, 'a.png'));
    const report = await verifyImages(temp.storage, projectId);
    expect(report.restored).toEqual([{ path: join(folder, 'a.png'), reason: 'file is back (was missing)' }]);
    expect(imageAt('a.png')).toMatchObject({ status: 'approved', previousStatus: null, error: null });
  });

  it('deep mode finds a same-size rewrite with the time put back', async () => {
    const path = join(folder, 'a.png');
    const before = imageAt('a.png');
    const bytes = readFileSync(path);
    bytes[bytes.length - 20] ^= 0xff;
    writeFileSync(path, bytes);
    utimesSync(path, new Date(before.mtimeMs), new Date(before.mtimeMs));
    expect((await verifyImages(temp.storage, projectId)).changed).toEqual([]);
    expect((await verifyImages(temp.storage, projectId, { deep: true })).changed).toEqual([{ path, reason: 'content changed (different sha256)' }]);
  });
});
