/**
 * Child process for kill.test.ts: commits a few images, then opens a big transaction, says so on stdout,
 * and keeps writing until it is SIGKILLed. Run with `node --import tsx kill-writer.ts <db file>`.
 */
import { openStorage } from '../../../../src/main/storage/storage';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: kill-writer.ts <database file>');

const storage = openStorage(file);
const project = storage.projects.create({ name: 'killed', taskPrompt: 'anything' }, 'user:child');
const thumbnail = new Uint8Array(64 * 1024).fill(7);

function image(n: number) {
  return {
    projectId: project.id,
    path: `/data/${n}.png`,
    fileName: `${n}.png`,
    format: 'png' as const,
    contentHash: n.toString(16).padStart(64, '0'),
    width: 10,
    height: 10,
    byteSize: 1000,
    mtimeMs: 0,
    thumbnail,
  };
}

for (let n = 1; n <= 3; n += 1) storage.images.add(image(n), 'user:child');
process.stdout.write('COMMITTED 3\n');

storage.transaction(() => {
  const started = Date.now();
  for (let n = 4; Date.now() - started < 60_000; n += 1) {
    storage.images.add(image(n), 'user:child');
    // thousands of 64 KiB rows overflow the page cache, so uncommitted pages spill into the WAL before the kill
    if (n === 500) process.stdout.write('IN_TRANSACTION\n');
  }
});
process.stdout.write('NOT_KILLED\n');
