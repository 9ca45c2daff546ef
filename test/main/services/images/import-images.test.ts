import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { CancelSource } from '../../../../src/core/cancel';
import { importImages, type ImportProgress } from '../../../../src/main/services/images/import-images';
import { openTempStorage, type TempStorage } from '../../storage/helpers/temp-storage';
import { makeFolder } from './helpers';

const LAYOUT = {
  'pattern.png': 'pattern.png',
  'pattern.jpg': 'pattern.jpg',
  'pattern.tiff': 'pattern.tiff',
  'pattern.webp': 'pattern.webp',
  'bmp-24bit.bmp': 'bmp-24bit.bmp',
  'exif-orientation-6.jpg': 'exif-orientation-6.jpg',
  'sub/copy-of-pattern.png': 'pattern.png',
  'sub/deeper/RGBA.PNG': 'rgba.png',
  'corrupt-truncated.jpg': 'corrupt-truncated.jpg',
  'empty.png': 'empty.png',
  'not-an-image.png': 'not-an-image.png',
  'unsupported.gif': 'unsupported.gif',
  'bmp-rle8.bmp': 'bmp-rle8.bmp',
  'notes.txt': 'text:not an image, and not reported',
  '.hidden.png': 'pattern.jpg',
};

describe('importImages', () => {
  let temp: TempStorage;
  let projectId: number;
  let folder: string;
  beforeEach(() => {
    temp = openTempStorage();
    projectId = temp.storage.projects.create({ name: 'p', taskPrompt: 'object' }, 'user:ana').id;
    folder = makeFolder(LAYOUT);
  });
  afterEach(() => {
    temp.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('imports a folder recursively in sorted order, reporting duplicates and bad files by name with the reason', async () => {
    const progress: ImportProgress[] = [];
    const report = await importImages(temp.storage, projectId, [folder], { actor: 'user:ana', onProgress: (p) => progress.push(p) });
    const at = (name: string) => join(folder, name);

    expect(report).toMatchObject({ projectId, found: 13, imported: 7, alreadyPresent: [], cancelled: false });
    expect(report.duplicates).toEqual([{ path: at('sub/copy-of-pattern.png'), reason: expect.stringMatching(/^same content as .*pattern\.png \(image \d+\)$/) }]);
    expect(Object.fromEntries(report.failed.map((f) => [f.path.slice(folder.length + 1), f.reason]))).toEqual({
      'bmp-rle8.bmp': expect.stringMatching(/RLE8 is not supported/),
      'corrupt-truncated.jpg': expect.stringMatching(/^corrupt JPEG file: .*premature end/),
      'empty.png': 'file is empty',
      'not-an-image.png': expect.stringMatching(/^not an image file/),
      'unsupported.gif': 'GIF is not supported (supported: PNG, JPEG, TIFF, WebP, BMP)',
    });

    const { items } = temp.storage.images.list(projectId);
    expect(items.map((i) => i.path.slice(folder.length + 1))).toEqual([
      'bmp-24bit.bmp',
      'exif-orientation-6.jpg',
      'pattern.jpg',
      'pattern.png',
      'pattern.tiff',
      'pattern.webp',
      'sub/deeper/RGBA.PNG',
    ]);
    const byName = new Map(items.map((i) => [i.fileName, i]));
    expect(byName.get('exif-orientation-6.jpg')).toMatchObject({ format: 'jpeg', width: 4, height: 8, status: 'new' });
    expect(byName.get('bmp-24bit.bmp')).toMatchObject({ format: 'bmp', width: 7, height: 5 });
    expect(byName.get('pattern.png')?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    for (const image of items) {
      const thumbnail = temp.storage.images.thumbnail(image.id);
      expect(thumbnail).not.toBeNull();
      const meta = await sharp(thumbnail as Uint8Array).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', image.width, image.height]);
    }

    expect(progress[0]).toEqual({ done: 0, total: 13, item: null });
    expect(progress.at(-1)?.done).toBe(13);
    expect(progress.filter((p) => p.item?.outcome === 'imported')).toHaveLength(7);
    expect(temp.storage.audit.list({ projectId }).filter((e) => e.action === 'image.add')).toHaveLength(7);
  });

  it('adding the same folder again imports nothing twice', async () => {
    await importImages(temp.storage, projectId, [folder], { actor: 'user:ana' });
    const again = await importImages(temp.storage, projectId, [folder, join(folder, 'pattern.png')], { actor: 'user:ana' });
    expect(again.imported).toBe(0);
    expect(again.alreadyPresent).toHaveLength(7);
    expect(again.duplicates.map((d) => d.path)).toEqual([join(folder, 'sub/copy-of-pattern.png')]);
    expect(temp.storage.images.list(projectId).total).toBe(7);
  });

  it('takes explicitly named files whatever their extension, and reports unusable paths', async () => {
    const named = join(folder, 'notes.txt');
    const report = await importImages(temp.storage, projectId, ['relative/path.png', join(folder, 'nope.png'), named, join(folder, 'pattern.webp')], { actor: 'user:ana' });
    expect(report.imported).toBe(1);
    expect(report.failed).toEqual([
      { path: 'relative/path.png', reason: 'path must be absolute' },
      { path: join(folder, 'nope.png'), reason: 'not found' },
      { path: named, reason: expect.stringMatching(/^not an image file/) },
    ]);
  });

  it('stops between files when cancelled, keeps what it committed, and a resumed job finishes the rest exactly once', async () => {
    const job = temp.storage.jobs.create('image-import', { projectId, paths: [folder] }, projectId);
    const cancel = new CancelSource();
    const first = await importImages(temp.storage, projectId, [folder], {
      actor: 'user:ana',
      jobId: job.id,
      cancel,
      concurrency: 1,
      onProgress: (p) => {
        if (p.item?.outcome === 'imported') cancel.cancel('enough');
      },
    });
    expect(first.cancelled).toBe(true);
    const committed = temp.storage.images.list(projectId).total;
    expect(committed).toBeGreaterThanOrEqual(1);
    expect(committed).toBeLessThan(7);

    const progress: ImportProgress[] = [];
    const second = await importImages(temp.storage, projectId, [folder], { actor: 'user:ana', jobId: job.id, onProgress: (p) => progress.push(p) });
    expect(second).toMatchObject({ found: 13, imported: 7, cancelled: false, alreadyPresent: [] });
    expect(second.failed).toHaveLength(5);
    expect(second.duplicates).toHaveLength(1);
    expect(progress[0].done).toBeGreaterThan(0);
    expect(temp.storage.images.list(projectId).total).toBe(7);
    expect(temp.storage.jobs.itemCounts(job.id)).toEqual({ done: 7, skipped: 1, failed: 5 });
  });

  it('refuses an unknown project', async () => {
    await expect(importImages(temp.storage, 999, [folder], { actor: 'user:ana' })).rejects.toThrow(/project 999 does not exist/);
  });
});
