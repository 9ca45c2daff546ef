import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/db';
import { addTestImage, openTempStorage, testMask, type TempStorage } from './helpers/temp-storage';

describe('foreign keys and cascades', () => {
  let temp: TempStorage;
  beforeEach(() => {
    temp = openTempStorage();
  });
  afterEach(() => temp.cleanup());

  it('refuses an image of a project that does not exist', () => {
    expect(() => addTestImage(temp.storage, 999, 1)).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('is enforced on every connection, not only the first', () => {
    temp.storage.close();
    const db = openDatabase(temp.file);
    try {
      expect(() =>
        db
          .prepare("INSERT INTO images (project_id, path, file_name, format, content_hash, width, height, byte_size, mtime_ms, added_at) VALUES (42, '/x.png', 'x.png', 'png', ?, 1, 1, 1, 0, 'now')")
          .run('a'.repeat(64)),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('deleting a project removes its images, masks, versions, runs and jobs, and keeps the audit log', () => {
    const { storage } = temp;
    const project = storage.projects.create({ name: 'p', taskPrompt: 'polyp' }, 'user:ana');
    const image = addTestImage(storage, project.id, 1);
    const run = storage.runs.create({ projectId: project.id, kind: 'int', config: { iterations: 5 }, imageIds: [image.id] }, 'user:ana');
    storage.annotations.addRunProposal(image.id, { runId: run.id, author: `run:${run.id}`, instances: [testMask()] });
    storage.annotations.saveHuman(image.id, { author: 'user:ana', instances: [{ mask: testMask() }], baseVersionId: null, force: true });
    storage.traces.addIteration(run.id, image.id, { index: 1, chosenPrompt: 'polyp', fallback: null, timings: {}, softMaskPng: null, data: {}, candidates: [] });
    storage.jobs.create('image-import', { paths: [] }, project.id);
    storage.reviews.record({ imageId: image.id, versionId: null, action: 'comment', actor: 'user:bo', note: 'looks fine' });

    expect(storage.projects.delete(project.id, 'user:ana')).toBe(true);

    expect(storage.images.get(image.id)).toBeNull();
    expect(storage.masks.ofImage(image.id)).toEqual([]);
    expect(storage.annotations.history(image.id)).toEqual([]);
    expect(storage.runs.get(run.id)).toBeNull();
    expect(storage.jobs.list({ projectId: project.id })).toEqual([]);
    const actions = storage.audit.list({ projectId: project.id }).map((entry) => entry.action);
    expect(actions[0]).toBe('project.delete');
    expect(actions).toContain('project.create');
  });

  it('refuses a CHECK violation (unknown status) at the database level', () => {
    const { storage } = temp;
    const project = storage.projects.create({ name: 'p', taskPrompt: 't' }, 'user:ana');
    const image = addTestImage(storage, project.id, 1);
    temp.storage.close();
    const db = openDatabase(temp.file);
    try {
      expect(() => db.prepare("UPDATE images SET status = 'lost' WHERE id = ?").run(image.id)).toThrow(/CHECK constraint failed/);
    } finally {
      db.close();
    }
  });
});
