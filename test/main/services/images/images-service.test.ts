import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../../../src/main/jobs/queue';
import type { JobEvent } from '../../../../src/main/jobs/types';
import { createImagesService, type ImagesService } from '../../../../src/main/services/images/images-service';
import { imageImportJob } from '../../../../src/main/services/images/import-job';
import { AppError } from '../../../../src/shared/result';
import { openTempStorage, type TempStorage } from '../../storage/helpers/temp-storage';
import { makeFolder } from './helpers';

describe('images service', () => {
  let temp: TempStorage;
  let queue: JobQueue;
  let service: ImagesService;
  let folder: string;
  let projectId: number;
  beforeEach(() => {
    temp = openTempStorage();
    queue = new JobQueue(temp.storage);
    queue.register(imageImportJob());
    queue.start();
    service = createImagesService({ storage: temp.storage, jobs: queue });
    folder = makeFolder({ 'a.jpg': 'exif-orientation-6.jpg', 'b.png': 'pattern.png', 'c.gif': 'unsupported.gif' });
    projectId = temp.storage.projects.create({ name: 'p', taskPrompt: 'object' }, 'user:ana').id;
  });
  afterEach(async () => {
    await queue.stop();
    temp.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('imports through the job queue with progress events naming each file', async () => {
    const events: JobEvent[] = [];
    queue.onEvent((event) => events.push(event));
    const { jobId } = service.addImages({ projectId, paths: [folder], actor: 'user:ana' });
    await queue.whenIdle();
    const job = temp.storage.jobs.require(jobId);
    expect(job).toMatchObject({ kind: 'image-import', status: 'done', done: 3, total: 3, result: { imported: 2, failed: [{ path: join(folder, 'c.gif') }] } });
    const items = events.filter((e) => e.item !== undefined).map((e) => [e.item?.name, e.item?.ok]);
    expect(items).toEqual([
      [join(folder, 'a.jpg'), true],
      [join(folder, 'b.png'), true],
      [join(folder, 'c.gif'), false],
    ]);
    expect(events.at(-1)).toMatchObject({ jobId, status: 'done', projectId });
    expect(service.list(projectId).total).toBe(2);
  });

  it('reads pixels in the oriented frame, and says why when the file is gone', async () => {
    await service.importNow(projectId, [folder], { actor: 'user:ana' });
    const rotated = service.list(projectId).items[0];
    const pixels = await service.readPixels(rotated.id);
    expect([pixels.width, pixels.height, rotated.width, rotated.height]).toEqual([4, 8, 4, 8]);
    rmSync(rotated.path);
    const thrown = await service.readPixels(rotated.id).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('not_found');
    expect((await service.verify(projectId)).missing.map((m) => m.path)).toEqual([rotated.path]);
  });

  it('refuses to queue an import into a project that does not exist', () => {
    expect(() => service.addImages({ projectId: 999, paths: [folder], actor: 'user:ana' })).toThrow(/project 999 does not exist/);
  });
});
