import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/result';
import { addTestImage, openTempStorage, testMask, type TempStorage } from './helpers/temp-storage';

describe('annotation versions', () => {
  let temp: TempStorage;
  let imageId: number;
  let runId: number;
  beforeEach(() => {
    temp = openTempStorage();
    const project = temp.storage.projects.create({ name: 'p', taskPrompt: 'camouflaged animal' }, 'user:ana');
    imageId = addTestImage(temp.storage, project.id, 1).id;
    addTestImage(temp.storage, project.id, 2);
    runId = temp.storage.runs.create({ projectId: project.id, kind: 'int', config: {}, imageIds: [imageId] }, 'user:ana').id;
  });
  afterEach(() => temp.cleanup());

  it('a first run proposal becomes current; a later one replaces a run proposal', () => {
    const { annotations } = temp.storage;
    const first = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask()] });
    expect(first.current).toBe(true);
    const second = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask(), testMask('b')] });
    expect(second.current).toBe(true);
    expect(second.version.parentVersionId).toBe(first.version.id);
    expect(annotations.current(imageId)?.id).toBe(second.version.id);
    expect(annotations.current(imageId)?.masks.map((m) => m.label)).toEqual(['object', 'b']);
  });

  it("keeps the user's latest human edit current when a run adds a proposal later", () => {
    const { annotations } = temp.storage;
    const proposal = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask()] });
    const human = annotations.saveHuman(imageId, {
      author: 'user:ana',
      instances: [{ maskId: proposal.version.maskIds[0] }, { mask: testMask('fin') }],
      baseVersionId: proposal.version.id,
      undoPatches: new Uint8Array([9, 9]),
    });
    expect(human.current).toBe(true);

    const later = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask('other')] });
    expect(later.current).toBe(false);
    const current = annotations.current(imageId);
    expect(current?.id).toBe(human.version.id);
    expect(current?.source).toBe('human');
    expect(current?.masks.map((m) => m.label)).toEqual(['object', 'fin']);
    // nothing was overwritten: all three versions are kept, numbered in order
    expect(annotations.history(imageId).map((v) => [v.version, v.source])).toEqual([
      [1, 'run'],
      [2, 'human'],
      [3, 'run'],
    ]);
    expect(annotations.undoPatches(human.version.id)).toEqual(new Uint8Array([9, 9]));
  });

  it('adopting a proposal appends a human version with its masks and makes it current', () => {
    const { annotations } = temp.storage;
    const human = annotations.saveHuman(imageId, { author: 'user:ana', instances: [{ mask: testMask('mine') }], baseVersionId: null });
    const proposal = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask('model')] });
    const adopted = annotations.adopt(imageId, proposal.version.id, 'user:ana', 'the model was right');
    expect(adopted.current).toBe(true);
    expect(adopted.version.source).toBe('human');
    expect(adopted.version.parentVersionId).toBe(proposal.version.id);
    expect(adopted.version.maskIds).toEqual(proposal.version.maskIds);
    expect(annotations.version(human.version.id)?.masks.map((m) => m.label)).toEqual(['mine']);
  });

  it('an import does not displace a human edit but replaces a run proposal', () => {
    const { annotations } = temp.storage;
    annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask()] });
    expect(annotations.addImported(imageId, { author: 'user:ana', instances: [testMask('gt')] }).current).toBe(true);
    const proposal = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask()] });
    expect(proposal.current).toBe(false);
    const human = annotations.saveHuman(imageId, { author: 'user:ana', instances: [], baseVersionId: annotations.current(imageId)?.id ?? null });
    expect(annotations.addImported(imageId, { author: 'user:ana', instances: [testMask('gt2')] }).current).toBe(false);
    expect(annotations.current(imageId)?.id).toBe(human.version.id);
  });

  it('a human save based on a stale version conflicts with another human edit, unless forced', () => {
    const { annotations } = temp.storage;
    const base = annotations.saveHuman(imageId, { author: 'user:ana', instances: [{ mask: testMask() }], baseVersionId: null });
    annotations.saveHuman(imageId, { author: 'user:bo', instances: [], baseVersionId: base.version.id });
    let thrown: unknown;
    try {
      annotations.saveHuman(imageId, { author: 'user:ana', instances: [], baseVersionId: base.version.id });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('conflict');
    expect(annotations.history(imageId)).toHaveLength(2);
    const forced = annotations.saveHuman(imageId, { author: 'user:ana', instances: [], baseVersionId: base.version.id, force: true });
    expect(forced.version.version).toBe(3);
  });

  it('a human save over a run proposal that appeared meanwhile is not a conflict', () => {
    const { annotations } = temp.storage;
    const first = annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask()] });
    annotations.addRunProposal(imageId, { runId, author: `run:${runId}`, instances: [testMask()] });
    const saved = annotations.saveHuman(imageId, { author: 'user:ana', instances: [], baseVersionId: first.version.id });
    expect(saved.current).toBe(true);
    expect(saved.version.parentVersionId).toBe(first.version.id);
  });

  it("refuses another image's mask or version", () => {
    const { annotations } = temp.storage;
    const other = annotations.saveHuman(imageId + 1, { author: 'user:ana', instances: [{ mask: testMask() }], baseVersionId: null });
    expect(() => annotations.saveHuman(imageId, { author: 'user:ana', instances: [{ maskId: other.version.maskIds[0] }], baseVersionId: null })).toThrow(
      /belongs to image/,
    );
    expect(() => annotations.adopt(imageId, other.version.id, 'user:ana')).toThrow(/belongs to image/);
    expect(annotations.history(imageId)).toEqual([]);
  });

  it('a failed save leaves nothing behind (one transaction)', () => {
    const { annotations, masks } = temp.storage;
    expect(() =>
      annotations.saveHuman(imageId, { author: 'user:ana', instances: [{ mask: testMask() }, { maskId: 12345 }], baseVersionId: null }),
    ).toThrow(/mask 12345 does not exist/);
    expect(masks.ofImage(imageId)).toEqual([]);
    expect(annotations.current(imageId)).toBeNull();
  });
});
