import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/storage/db';
import { addTestImage, openTempStorage, testMask, type TempStorage } from './helpers/temp-storage';

describe('repositories', () => {
  let temp: TempStorage;
  let projectId: number;
  beforeEach(() => {
    temp = openTempStorage();
    projectId = temp.storage.projects.create({ name: 'p', taskPrompt: 'camouflaged animal' }, 'user:ana').id;
  });
  afterEach(() => temp.cleanup());

  describe('projects', () => {
    it('round-trips labels and refuses bad ones', () => {
      const { projects } = temp.storage;
      const made = projects.create({ name: 'q', taskPrompt: 'polyp', labels: [{ name: 'polyp', color: '#1f77b4' }] }, 'user:ana');
      expect(projects.require(made.id)).toEqual(made);
      expect(made.labels).toEqual([{ name: 'polyp', color: '#1f77b4' }]);
      expect(() => projects.create({ name: 'r', taskPrompt: 't', labels: [{ name: 'a', color: 'red' }] }, 'user:ana')).toThrow(/#rrggbb/);
      expect(() => projects.update(made.id, { labels: [{ name: 'a', color: '#000000' }, { name: 'a', color: '#ffffff' }] }, 'user:ana')).toThrow(/given twice/);
      expect(projects.update(made.id, { name: 'renamed' }, 'user:ana').name).toBe('renamed');
      expect(() => projects.update(424242, { name: 'x' }, 'user:ana')).toThrow(/project 424242 does not exist/);
      expect(projects.list().map((p) => p.id)).toEqual([projectId, made.id]);
    });
  });

  describe('images', () => {
    it('refuses the same content or the same path twice in a project, but allows it in another project', () => {
      const { images, projects } = temp.storage;
      addTestImage(temp.storage, projectId, 1);
      expect(() => addTestImage(temp.storage, projectId, 1)).toThrow(/already has this image/);
      const other = projects.create({ name: 'other', taskPrompt: 't' }, 'user:ana');
      expect(addTestImage(temp.storage, other.id, 1).projectId).toBe(other.id);
      expect(images.findByHash(projectId, '1'.padStart(64, '0'))?.fileName).toBe('img-1.png');
      expect(images.findByPath(projectId, '/data/images/img-1.png')?.contentHash).toBe('1'.padStart(64, '0'));
    });

    it('pages in import order with totals and counts statuses', () => {
      const { images } = temp.storage;
      const ids = [1, 2, 3, 4, 5].map((n) => addTestImage(temp.storage, projectId, n).id);
      images.setStatus(ids[1], 'approved', 'user:ana');
      const page = images.list(projectId, { offset: 1, limit: 2 });
      expect(page.total).toBe(5);
      expect(page.items.map((i) => i.id)).toEqual([ids[1], ids[2]]);
      expect(images.list(projectId, { status: 'approved' }).items.map((i) => i.id)).toEqual([ids[1]]);
      expect(images.statusCounts(projectId)).toEqual({ new: 4, approved: 1 });
      expect(images.thumbnail(ids[0])).toEqual(new Uint8Array([1, 2, 3]));
      expect([...images.iterate(projectId)].map((i) => i.id)).toEqual(ids);
    });

    it('a missing file keeps the workflow status to restore it when the file is back', () => {
      const { images } = temp.storage;
      const id = addTestImage(temp.storage, projectId, 1).id;
      images.setStatus(id, 'approved', 'user:ana');
      images.markFileProblem(id, 'missing', 'not found', 'system');
      images.markFileProblem(id, 'changed', 'hash differs', 'system');
      expect(images.require(id)).toMatchObject({ status: 'changed', previousStatus: 'approved', error: 'hash differs' });
      images.markFileOk(id, 'system');
      expect(images.require(id)).toMatchObject({ status: 'approved', previousStatus: null, error: null });
    });

    it('refuses a file-problem status through setStatus', () => {
      const id = addTestImage(temp.storage, projectId, 1).id;
      expect(() => temp.storage.images.setStatus(id, 'missing' as 'new', 'user:ana')).toThrow(/image status must be one of/);
    });
  });

  describe('runs and the trace', () => {
    it('tracks per-image state so a resumed run skips finished images', () => {
      const { runs } = temp.storage;
      const ids = [1, 2, 3].map((n) => addTestImage(temp.storage, projectId, n).id);
      const run = runs.create({ projectId, kind: 'int', config: { iterations: 5, scales: ['whole'] }, modelPackId: 'tiny@1', modelPackName: 'Tiny', imageIds: ids }, 'user:ana');
      expect(run).toMatchObject({ status: 'queued', imageCount: 3, doneCount: 0, config: { iterations: 5, scales: ['whole'] } });
      runs.setStatus(run.id, 'running', 'user:ana');
      runs.startImage(run.id, ids[0]);
      runs.finishImage(run.id, ids[0], { status: 'done', uncertainty: 0.25, finalIteration: 4 });
      runs.startImage(run.id, ids[1]);
      // crash here: ids[1] is left running
      expect(runs.pendingImageIds(run.id)).toEqual([ids[1], ids[2]]);
      expect(runs.resetInterruptedImages(run.id)).toBe(1);
      runs.finishImage(run.id, ids[1], { status: 'failed', error: 'model crashed' });
      const after = runs.require(run.id);
      expect(after).toMatchObject({ doneCount: 1, failedCount: 1, status: 'running' });
      expect(after.startedAt).not.toBeNull();
      expect(runs.images(run.id).map((r) => r.status)).toEqual(['done', 'failed', 'pending']);
      expect(runs.setStatus(run.id, 'done', 'user:ana').finishedAt).not.toBeNull();
      expect(() => runs.finishImage(run.id, 9999, { status: 'done' })).toThrow(/not part of run/);
    });

    it('stores iterations with candidates and can clear a partial trace', () => {
      const { runs, traces } = temp.storage;
      const imageId = addTestImage(temp.storage, projectId, 1).id;
      const run = runs.create({ projectId, kind: 'int', config: {}, imageIds: [imageId] }, 'user:ana');
      const iterationId = traces.addIteration(run.id, imageId, {
        index: 1,
        chosenPrompt: 'frog',
        fallback: null,
        timings: { propose: 12.5, detect: 3 },
        softMaskPng: new Uint8Array([137, 80, 78, 71]),
        data: { boxes: [{ x1: 0, y1: 0, x2: 2, y2: 2, score: 0.9 }] },
        candidates: [
          { patch: 'whole', rawAnswer: 'A frog.', foregroundName: 'frog', backgroundName: 'leaf', normalisedName: 'frog', box: { x1: 0, y1: 0, x2: 2, y2: 2 }, scoreBefore: 0.8, scoreAfter: 0.1, d: 0.7, dnorm: 1, droppedReason: null },
          { patch: 'left', rawAnswer: '???', foregroundName: null, backgroundName: null, normalisedName: null, box: null, scoreBefore: null, scoreAfter: null, d: Number.NaN, dnorm: null, droppedReason: 'no parsable name' },
        ],
      });
      const stored = traces.ofImage(run.id, imageId);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: iterationId, index: 1, chosenPrompt: 'frog', hasSoftMask: true, timings: { propose: 12.5, detect: 3 } });
      expect(stored[0].candidates.map((c) => [c.patch, c.d, c.droppedReason])).toEqual([
        ['whole', 0.7, null],
        ['left', null, 'no parsable name'],
      ]);
      expect(stored[0].candidates[0].box).toEqual({ x1: 0, y1: 0, x2: 2, y2: 2 });
      expect(traces.softMaskPng(iterationId)).toEqual(new Uint8Array([137, 80, 78, 71]));
      expect(() => traces.addIteration(run.id, imageId, { index: 1, chosenPrompt: null, fallback: null, timings: {}, softMaskPng: null, data: {}, candidates: [] })).toThrow(
        /UNIQUE/,
      );
      expect(traces.clearImage(run.id, imageId)).toBe(1);
      expect(traces.ofImage(run.id, imageId)).toEqual([]);
    });

    it('deleting a run keeps the masks and versions it proposed', () => {
      const { runs, annotations, masks } = temp.storage;
      const imageId = addTestImage(temp.storage, projectId, 1).id;
      const run = runs.create({ projectId, kind: 'int', config: {}, imageIds: [imageId] }, 'user:ana');
      const proposal = annotations.addRunProposal(imageId, { runId: run.id, author: `run:${run.id}`, instances: [testMask()] });
      // runs are removed with their project, or by hand; either way the proposal's pixels stay
      const db = openDatabase(temp.file);
      try {
        db.prepare('DELETE FROM runs WHERE id = ?').run(run.id);
      } finally {
        db.close();
      }
      expect(masks.ofImage(imageId).map((m) => [m.id, m.runId, m.source])).toEqual([[proposal.version.maskIds[0], null, 'run']]);
      expect(annotations.current(imageId)).toMatchObject({ id: proposal.version.id, runId: null, source: 'run' });
    });
  });

  describe('jobs', () => {
    it('interrupts running jobs at start-up, requeues them, and keeps committed items', () => {
      const { jobs } = temp.storage;
      const job = jobs.create('image-import', { paths: ['/a'] }, projectId);
      expect(job).toMatchObject({ status: 'queued', done: 0, total: 0, attempts: 0, payload: { paths: ['/a'] } });
      expect(jobs.claim(job.id)).toBe(true);
      expect(jobs.claim(job.id)).toBe(false);
      temp.storage.transaction(() => {
        jobs.recordItem(job.id, '/a/1.png', 'done');
        jobs.recordItem(job.id, '/a/2.png', 'failed', 'corrupt');
      });
      jobs.progress(job.id, 2, 10, 'importing');
      expect(jobs.interruptRunning()).toBe(1);
      expect(jobs.require(job.id).status).toBe('interrupted');
      expect(jobs.list({ activeOnly: true }).map((j) => j.id)).toEqual([job.id]);
      expect(jobs.requeue(job.id)).toBe(true);
      expect(jobs.requeue(job.id)).toBe(false);
      expect(jobs.claim(job.id)).toBe(true);
      expect(jobs.require(job.id)).toMatchObject({ status: 'running', attempts: 2, done: 2, total: 10 });
      expect(jobs.item(job.id, '/a/2.png')).toEqual({ key: '/a/2.png', ordinal: 1, outcome: 'failed', detail: 'corrupt' });
      expect(jobs.itemCounts(job.id)).toEqual({ done: 1, skipped: 0, failed: 1 });
      expect(() => jobs.recordItem(job.id, '/a/1.png', 'done')).toThrow(/UNIQUE/);
      jobs.finish(job.id, 'done', { result: { imported: 1 } });
      expect(jobs.require(job.id)).toMatchObject({ status: 'done', result: { imported: 1 } });
      expect(jobs.list({ activeOnly: true })).toEqual([]);
    });

    it('refuses a payload that is not plain JSON', () => {
      expect(() => temp.storage.jobs.create('x', { n: Number.POSITIVE_INFINITY })).toThrow(/plain JSON/);
    });
  });

  describe('model packs', () => {
    it('saves, replaces and lists packs', () => {
      const { modelPacks } = temp.storage;
      modelPacks.save({ id: 'b@1', name: 'B', version: '1', folder: '/m/b', manifest: { a: 1 }, status: 'installing' }, 'user:ana');
      modelPacks.save({ id: 'a@1', name: 'A', version: '1', folder: '/m/a', manifest: {}, status: 'installed' }, 'user:ana');
      modelPacks.save({ id: 'b@1', name: 'B', version: '1', folder: '/m/b2', manifest: { a: 2 }, status: 'installed' }, 'user:ana');
      expect(modelPacks.list().map((p) => [p.id, p.folder, p.status])).toEqual([
        ['a@1', '/m/a', 'installed'],
        ['b@1', '/m/b2', 'installed'],
      ]);
      modelPacks.setStatus('a@1', 'removed', 'user:ana');
      expect(modelPacks.get('a@1')?.status).toBe('removed');
      expect(() => modelPacks.setStatus('zzz', 'removed', 'user:ana')).toThrow(/does not exist/);
      expect(modelPacks.delete('a@1', 'user:ana')).toBe(true);
      expect(modelPacks.get('a@1')).toBeNull();
    });
  });
});
