import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTestImage, openTempStorage, testMask, type TempStorage } from './helpers/temp-storage';

describe('audit log', () => {
  let temp: TempStorage;
  beforeEach(() => {
    temp = openTempStorage();
  });
  afterEach(() => temp.cleanup());

  it('records who changed what, for every repository method that changes user data', () => {
    const { storage } = temp;
    const project = storage.projects.create({ name: 'Polyps', taskPrompt: 'polyp', labels: [{ name: 'polyp', color: '#ff0000' }] }, 'user:ana');
    storage.projects.update(project.id, { taskPrompt: 'colon polyp' }, 'user:bo');
    const image = addTestImage(storage, project.id, 1);
    const run = storage.runs.create({ projectId: project.id, kind: 'int', config: {}, imageIds: [image.id] }, 'user:ana');
    const proposal = storage.annotations.addRunProposal(image.id, { runId: run.id, author: `run:${run.id}`, instances: [testMask()] });
    storage.annotations.saveHuman(image.id, { author: 'user:cy', instances: [], baseVersionId: proposal.version.id });
    storage.reviews.record({ imageId: image.id, versionId: proposal.version.id, action: 'approve', actor: 'user:dee' });
    storage.images.setStatus(image.id, 'in_review', 'user:ana');
    storage.images.markFileProblem(image.id, 'missing', 'file not found', 'system');
    storage.images.markFileOk(image.id, 'system');
    storage.modelPacks.save({ id: 'clip-fast@1', name: 'CLIP fast', version: '1', folder: '/m/clip', manifest: { files: [] }, status: 'installed' }, 'user:ana');
    storage.images.remove([image.id], 'user:ana');

    const entries = storage.audit.list({ limit: 100 }).reverse();
    expect(entries.map((e) => [e.actor, e.action, e.targetType])).toEqual([
      ['user:ana', 'project.create', 'project'],
      ['user:bo', 'project.update', 'project'],
      ['user:test', 'image.add', 'image'],
      ['user:ana', 'run.create', 'run'],
      [`run:${run.id}`, 'annotation.propose', 'image'],
      ['user:cy', 'annotation.save', 'image'],
      ['user:dee', 'review.approve', 'image'],
      ['user:ana', 'image.status', 'image'],
      ['system', 'image.missing', 'image'],
      ['system', 'image.restored', 'image'],
      ['user:ana', 'model-pack.save', 'model-pack'],
      ['user:ana', 'image.remove', 'image'],
    ]);
    expect(entries[1].details).toEqual({ changed: ['taskPrompt'] });
    expect(entries[6].details).toMatchObject({ from: 'new', to: 'approved' });
    // times come from the injected clock, in order
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
    expect(storage.audit.list({ targetType: 'image', targetId: image.id }).length).toBe(8);
  });

  it('writes no entry when the change fails', () => {
    const { storage } = temp;
    const project = storage.projects.create({ name: 'p', taskPrompt: 't' }, 'user:ana');
    const image = addTestImage(storage, project.id, 1);
    const before = storage.audit.list().length;
    expect(() => addTestImage(storage, project.id, 1)).toThrow(/already has this image/);
    expect(() => storage.reviews.record({ imageId: image.id, versionId: 777, action: 'approve', actor: 'user:ana' })).toThrow(/does not exist/);
    expect(storage.audit.list().length).toBe(before);
    expect(storage.images.require(image.id).status).toBe('new');
  });
});
