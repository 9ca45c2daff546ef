/**
 * Child process for import-kill.test.ts: the app's start-up path in miniature. It opens the database,
 * recovers interrupted jobs, queues an import of the folder if none exists yet, and runs the queue until idle.
 * Each committed file is followed by a short blocking pause, so the parent can SIGKILL it mid-import.
 * Usage: node --import tsx import-child.ts <db file> <project id> <folder> <pause ms>
 */
import { JobQueue } from '../../../../src/main/jobs/queue';
import type { JobHandler } from '../../../../src/main/jobs/types';
import { imageImportJob, IMAGE_IMPORT_JOB, type ImageImportPayload } from '../../../../src/main/services/images/import-job';
import { openStorage } from '../../../../src/main/storage/storage';

const [file, projectIdText, folder, pauseText] = process.argv.slice(2);
if (file === undefined || projectIdText === undefined || folder === undefined) throw new Error('usage: import-child.ts <db> <project id> <folder> [pause ms]');
const projectId = Number(projectIdText);
const pauseMs = Number(pauseText ?? '0');
const sleeper = new Int32Array(new SharedArrayBuffer(4));

const real = imageImportJob();
const slowed: JobHandler<ImageImportPayload> = {
  ...real,
  run: (payload, context) =>
    real.run(payload, {
      ...context,
      progress: (update) => {
        context.progress(update);
        if (update.item !== undefined && pauseMs > 0) Atomics.wait(sleeper, 0, 0, pauseMs);
      },
    }),
};

const storage = openStorage(file);
const queue = new JobQueue(storage);
queue.register(slowed);
const recovered = queue.recover({ resume: true });
if (storage.jobs.list({ projectId }).length === 0) {
  queue.enqueue(IMAGE_IMPORT_JOB, { projectId, paths: [folder], actor: 'user:child' }, projectId);
}
process.stdout.write(`RECOVERED ${recovered.interrupted.length}\n`);
queue.start();
await queue.whenIdle();
storage.close();
process.stdout.write('DONE\n');
