// The intseg command as a user runs it: the built bundle in a child process, against a data folder of
// the test's choosing. stdout must carry exactly one JSON object with --json; failures one stderr line.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/main/storage/storage';
import { databasePath } from '../../../src/main/app/data-dir';
import packageJson from '../../../package.json';
import { intseg, type CliRun, INTSEG_BIN as bin } from '../../helpers/intseg-cli';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(repositoryRoot, 'test', 'fixtures', 'images');

function onlyJson(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  expect(lines, `stdout must be one JSON line, got: ${run.stdout}`).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('intseg CLI', () => {
  let root: string;
  let images: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'intseg-cli-'));
    images = join(root, 'images');
    mkdirSync(images);
    for (const name of ['pattern.png', 'pattern.jpg', 'pattern.webp', 'pattern.tiff', 'corrupt-truncated.jpg', 'empty.png']) copyFileSync(join(fixtures, name), join(images, name));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints its version and help', async () => {
    const version = await intseg(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    const help = await intseg(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['project', 'images', 'serve']) expect(help.stdout).toContain(command);
  });

  it('creates a project with images and lists it, printing only JSON on stdout', async () => {
    const data = join(root, 'data-create');
    const created = await intseg(['--data', data, 'project', 'create', '--name', 'demo', '--task', 'camouflaged animal', '--labels', 'animal,background', '--images', images, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const body = onlyJson(created);
    expect(body).toMatchObject({ id: 1, images: 4 });
    const skipped = body['skipped'] as { path: string; reason: string }[];
    expect(skipped.map((item) => item.path.split('/').pop()).sort()).toEqual(['corrupt-truncated.jpg', 'empty.png']);
    expect(skipped.every((item) => item.reason.length > 0)).toBe(true);

    const listed = onlyJson(await intseg(['--data', data, 'project', 'list', '--json']));
    expect(listed['projects']).toEqual([expect.objectContaining({ id: 1, name: 'demo', taskPrompt: 'camouflaged animal', imageCount: 4 })]);
    expect((listed['projects'] as { labels: { name: string }[] }[])[0]!.labels.map((label) => label.name)).toEqual(['animal', 'background']);

    // The same folder again: nothing is imported twice.
    const again = onlyJson(await intseg(['--data', data, 'images', 'add', '--project', '1', images, '--json']));
    expect(again['images']).toBe(0);
  });

  it('uses INTSEG_DATA when --data is not given', async () => {
    const data = join(root, 'data-env');
    expect((await intseg(['project', 'create', '--name', 'env', '--task', 'polyp', '--json'], { INTSEG_DATA: data })).code).toBe(0);
    const listed = onlyJson(await intseg(['--data', data, 'project', 'list', '--json']));
    expect(listed['projects']).toHaveLength(1);
  });

  it('fails with one line on stderr and a non-zero exit code', async () => {
    const data = join(root, 'data-errors');
    const cases: { args: string[]; code: number; reason: RegExp }[] = [
      { args: ['project', 'create', '--task', 'x'], code: 2, reason: /required option '--name/ },
      { args: ['images', 'add', '--project', 'abc', images], code: 2, reason: /--project must be a positive integer id, got "abc"/ },
      { args: ['images', 'add', '--project', '42', images, '--json'], code: 1, reason: /project 42 does not exist/ },
      { args: ['project', 'create', '--name', ' ', '--task', 'x', '--json'], code: 1, reason: /name: must not be empty/ },
      { args: ['serve', '--port', '70000'], code: 2, reason: /--port must be at most 65535/ },
    ];
    for (const { args, code, reason } of cases) {
      const run = await intseg(['--data', data, ...args]);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stdout).toBe('');
      const lines = run.stderr.split('\n').filter((line) => line !== '');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^intseg: /);
      expect(lines[0]).toMatch(reason);
    }
  });

  it('finishes an import killed with SIGKILL when run again, each image exactly once', async () => {
    const data = join(root, 'data-kill');
    const many = join(root, 'many');
    mkdirSync(many);
    const count = 30;
    for (let index = 0; index < count; index += 1) {
      const pixels = Buffer.alloc(640 * 480 * 3);
      for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * (index + 7) + (i >> 9)) & 255;
      await sharp(pixels, { raw: { width: 640, height: 480, channels: 3 } }).png({ compressionLevel: 9 }).toFile(join(many, `frame-${String(index).padStart(3, '0')}.png`));
    }
    const created = onlyJson(await intseg(['--data', data, 'project', 'create', '--name', 'kill', '--task', 'polyp', '--json']));
    const projectId = String(created['id']);

    const child = spawn(process.execPath, [bin, '--data', data, 'images', 'add', '--project', projectId, many, '--json'], { stdio: 'ignore' });
    const importedSoFar = (): number => {
      const storage = openStorage(databasePath(data));
      try {
        return storage.images.list(Number(projectId)).total;
      } finally {
        storage.close();
      }
    };
    const deadline = Date.now() + 60_000;
    while (importedSoFar() < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const beforeResume = importedSoFar();
    expect(beforeResume).toBeGreaterThanOrEqual(3);
    expect(beforeResume).toBeLessThan(count);

    const resumed = await intseg(['--data', data, 'images', 'add', '--project', projectId, many, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    // The interrupted job is finished; its report covers both attempts.
    expect(onlyJson(resumed)).toMatchObject({ resumed: true, images: count, skipped: [] });

    const storage = openStorage(databasePath(data));
    try {
      const all = storage.images.list(Number(projectId), { limit: 1000 }).items;
      expect(all).toHaveLength(count);
      expect(new Set(all.map((image) => image.contentHash)).size).toBe(count);
      expect(new Set(all.map((image) => image.path)).size).toBe(count);
      const jobs = storage.jobs.list({ projectId: Number(projectId) });
      // The killed job was resumed, not duplicated.
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ status: 'done', attempts: 2 });
    } finally {
      storage.close();
    }
  }, 120_000);
});
