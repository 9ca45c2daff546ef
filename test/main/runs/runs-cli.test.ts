// `intseg run` end to end on the test model pack: every image segmented through the real inference
// process, a person's edit never displaced, and a run killed with SIGKILL finished by running it again
// without redoing finished images.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../../src/main/storage/storage';
import { databasePath } from '../../../src/main/app/data-dir';
import { writeTestPack } from '../../../scripts/make-test-pack';
import { writeScenes } from '../../../src/main/synthetic/write-scenes';
import { intseg, INTSEG_BIN as bin } from '../../helpers/intseg-cli';


function withStorage<T>(data: string, read: (storage: Storage) => T): T {
  const storage = openStorage(databasePath(data));
  try {
    return read(storage);
  } finally {
    storage.close();
  }
}

interface RunOutput {
  run: number;
  status: string;
  resumed: boolean;
  testOnlyPack: boolean;
  images: { id: number; file: string; status: string; uncertainty?: number; finalIteration?: number; error?: string }[];
  done: number;
  failed: number;
}

describe('intseg run with the test pack', () => {
  let root: string;
  let pack: string;
  let images: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'intseg-run-'));
    pack = join(root, 'pack');
    writeTestPack(pack);
    await writeScenes(join(root, 'scenes'), [0, 1, 2, 3, 4, 5]);
    images = join(root, 'scenes', 'images');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('segments every image, stores traces and proposals, and keeps a person\'s edit current', async () => {
    const data = join(root, 'data-run');
    expect((await intseg(['--data', data, 'project', 'create', '--name', 'syn', '--task', 'camouflaged animal', '--images', images, '--json'])).code).toBe(0);
    const first = await intseg(['--data', data, 'run', '--project', '1', '--pack', pack, '--iterations', '2', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const output = JSON.parse(first.stdout) as RunOutput;
    expect(output).toMatchObject({ run: 1, status: 'done', resumed: false, testOnlyPack: true, done: 6, failed: 0 });
    expect(output.images).toHaveLength(6);
    for (const image of output.images) {
      expect(image.status).toBe('done');
      expect(image.finalIteration).toBeGreaterThanOrEqual(1);
      expect(image.uncertainty).toBeGreaterThanOrEqual(0);
    }
    expect(first.stderr).toContain('TEST pack');

    // A person edits image 1; a second run adds a proposal version but the edit stays current.
    const editedMaskId = withStorage(data, (storage) => {
      const current = storage.annotations.current(1)!;
      expect(current.source).toBe('run');
      expect(storage.traces.ofImage(1, 1)).toHaveLength(2);
      expect(storage.images.require(1).status).toBe('proposed');
      const saved = storage.annotations.saveHuman(1, { author: 'ana', instances: [{ maskId: current.masks[0]!.id }], baseVersionId: current.id });
      storage.images.setStatus(1, 'approved', 'ana');
      return saved.version.id;
    });
    const second = await intseg(['--data', data, 'run', '--project', '1', '--pack', pack, '--iterations', '1', '--json']);
    expect(second.code, second.stderr).toBe(0);
    withStorage(data, (storage) => {
      const current = storage.annotations.current(1)!;
      expect(current.id).toBe(editedMaskId);
      expect(current.source).toBe('human');
      expect(storage.annotations.history(1).filter((version) => version.source === 'run')).toHaveLength(2);
      expect(storage.images.require(1).status).toBe('approved');
      // Images nobody touched now show the newer proposal.
      expect(storage.annotations.current(2)!.runId).toBe(2);
    });
  }, 180_000);

  it('finishes a run killed with SIGKILL without redoing finished images', async () => {
    const data = join(root, 'data-kill');
    expect((await intseg(['--data', data, 'project', 'create', '--name', 'kill', '--task', 'camouflaged animal', '--images', images, '--json'])).code).toBe(0);
    const args = ['--data', data, 'run', '--project', '1', '--pack', pack, '--iterations', '2', '--json'];
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'ignore' });
    const doneCount = (): number =>
      withStorage(data, (storage) => (storage.runs.get(1) === null ? 0 : storage.runs.images(1).filter((image) => image.status === 'done').length));
    const deadline = Date.now() + 90_000;
    while (doneCount() < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = withStorage(data, (storage) => storage.runs.images(1).filter((image) => image.status === 'done'));
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(6);

    const again = await intseg(args);
    expect(again.code, again.stderr).toBe(0);
    const output = JSON.parse(again.stdout) as RunOutput;
    expect(output).toMatchObject({ run: 1, status: 'done', resumed: true, done: 6, failed: 0 });
    withStorage(data, (storage) => {
      expect(storage.runs.ofProject(1)).toHaveLength(1);
      const after = storage.runs.images(1);
      for (const finished of before) {
        // Finished before the kill: not redone (same finish time, one proposal version).
        expect(after.find((image) => image.imageId === finished.imageId)?.finishedAt).toBe(finished.finishedAt);
        expect(storage.annotations.history(finished.imageId)).toHaveLength(1);
      }
      for (const image of after) expect(storage.traces.ofImage(1, image.imageId)).toHaveLength(2);
    });
  }, 180_000);

  it('refuses a pack that lacks a port the run needs, before anything runs', async () => {
    const data = join(root, 'data-bad');
    expect((await intseg(['--data', data, 'project', 'create', '--name', 'bad', '--task', 'x', '--images', images, '--json'])).code).toBe(0);
    const missing = await intseg(['--data', data, 'run', '--project', '1', '--pack', join(root, 'nowhere'), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no model pack folder at .*nowhere/);
    expect(missing.stdout).toBe('');
    withStorage(data, (storage) => expect(storage.runs.ofProject(1)).toHaveLength(0));
  });
});
